# One module per subject; every model is importable from funding.models.
from .instalments import AgreedInstalment
from .list_sizes import ListSizeImport
from .schemes import FundingScheme, Participation, PaymentKind, PaymentRelease

__all__ = [
    "AgreedInstalment",
    "FundingScheme",
    "ListSizeImport",
    "Participation",
    "PaymentKind",
    "PaymentRelease",
]
