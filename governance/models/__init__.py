# One module per subject; every model is importable from governance.models.
from .framework import *  # noqa: F403 (the governance framework, issue #18)
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
