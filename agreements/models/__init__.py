# One module per subject; every model is importable from agreements.models.
from .plan import PlanApproval, PlanSignature, SignedPlan

__all__ = ["PlanApproval", "PlanSignature", "SignedPlan"]
