# One module per subject; every model is importable from funding.models.
from .contracts import KeyPersonContract
from .instalments import AgreedInstalment
from .invoices import TRANSITIONS, Invoice, InvoiceStatus
from .list_sizes import ListSizeImport
from .reserve import CREDITED_ON_RELEASE, ReserveCredit
from .schemes import FundingScheme, Participation, PaymentKind, PaymentRelease
from .statements import FundingStatement

__all__ = [
    "AgreedInstalment",
    "CREDITED_ON_RELEASE",
    "FundingScheme",
    "FundingStatement",
    "Invoice",
    "InvoiceStatus",
    "KeyPersonContract",
    "ListSizeImport",
    "Participation",
    "PaymentKind",
    "PaymentRelease",
    "ReserveCredit",
    "TRANSITIONS",
]
