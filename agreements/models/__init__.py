# One module per subject; every model is importable from agreements.models.
from .packs import (
    AgreementDocument,
    AgreementPack,
    AgreementSignature,
    AgreementVersion,
    PracticeAgreement,
    SignedAgreement,
)
from .plan import PlanApproval, PlanSignature, SignedPlan

__all__ = [
    "AgreementDocument",
    "AgreementPack",
    "AgreementSignature",
    "AgreementVersion",
    "PlanApproval",
    "PlanSignature",
    "PracticeAgreement",
    "SignedAgreement",
    "SignedPlan",
]
