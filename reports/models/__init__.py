# One module per subject; every model is importable from reports.models.
from .review import AchievementReview, AgreedReview, ReviewOverride, ReviewSignature
from .status import PublishedStatusReport, StatusReport

__all__ = [
    "AchievementReview",
    "AgreedReview",
    "PublishedStatusReport",
    "ReviewOverride",
    "ReviewSignature",
    "StatusReport",
]
