"""Roles come from memberships (governance.models.Membership): one query a request."""

from core.access import access_required
from governance.models import Membership

Role = Membership.Role
# The badge shows the role that can do most, when a user has several.
ROLE_ORDER = (Role.EXECUTIVE, Role.PCT, Role.PRACTICE_MANAGER)


class UserAccess:
    """A user's memberships, read once and kept on the user for the request."""

    def __init__(self, user):
        self.is_superuser = user.is_superuser
        rows = (
            Membership.objects.filter(user=user).values_list(
                "organisation_id", "role", "organisation__member_of_id"
            )
            if user.is_authenticated
            else []
        )
        self.roles = {}
        self.organisations = set()  # those the user belongs to
        self.consortia_of_practices = set()
        for organisation_id, role, member_of_id in rows:
            self.roles.setdefault(role, set()).add(organisation_id)
            self.organisations.add(organisation_id)
            if member_of_id:
                self.consortia_of_practices.add(member_of_id)

    @property
    def has_role(self):
        return self.is_superuser or bool(self.roles)

    @property
    def main_role(self):
        if self.is_superuser:
            return Role.EXECUTIVE
        return next((role for role in ROLE_ORDER if role in self.roles), None)

    def organisations_with(self, role):
        return self.roles.get(role, set())

    def is_executive_of(self, organisation_id):
        return self.is_superuser or organisation_id in self.organisations_with(
            Role.EXECUTIVE
        )


def access_of(user):
    cached = getattr(user, "_daccom_access", None)
    if cached is None:
        cached = user._daccom_access = UserAccess(user)
    return cached


def role_of(user):
    """The user's main role, or None. Superusers act as executive members."""
    return access_of(user).main_role


members_only = access_required(lambda user: access_of(user).has_role)
