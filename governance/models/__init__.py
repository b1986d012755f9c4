# One module per subject; every model is importable from governance.models.
from .framework import *  # noqa: F403 (the governance framework, issue #18)
from .meetings import *  # noqa: E402, F403 (after organisations: it uses roles)
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
