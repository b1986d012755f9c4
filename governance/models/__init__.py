# One module per subject; every model is importable from governance.models.
from .organisations import (
    Membership,
    Organisation,
    OrganisationQuerySet,
    Person,
    PracticeListSize,
)

__all__ = [
    "Membership",
    "Organisation",
    "OrganisationQuerySet",
    "Person",
    "PracticeListSize",
]
