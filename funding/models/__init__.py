# One module per subject; every model is importable from funding.models.
from .contracts import KeyPersonContract
from .invoices import TRANSITIONS, Invoice, InvoiceStatus
from .reserve import CREDITED_ON_RELEASE, ReserveCredit
from .schemes import FundingScheme, Participation, PaymentKind, PaymentRelease
from .statements import FundingStatement

__all__ = [
    "CREDITED_ON_RELEASE",
    "FundingScheme",
    "FundingStatement",
    "Invoice",
    "InvoiceStatus",
    "KeyPersonContract",
    "Participation",
    "PaymentKind",
    "PaymentRelease",
    "ReserveCredit",
    "TRANSITIONS",
]
