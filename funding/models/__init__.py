# One module per subject; every model is importable from funding.models.
from .schemes import FundingScheme, Participation, PaymentKind, PaymentRelease

__all__ = ["FundingScheme", "Participation", "PaymentKind", "PaymentRelease"]
