# One module per subject; every model is importable from reports.models.
from .review import AchievementReview, AgreedReview, ReviewOverride, ReviewSignature

__all__ = ["AchievementReview", "AgreedReview", "ReviewOverride", "ReviewSignature"]
