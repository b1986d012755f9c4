"""Who may do what. Roles are Django groups; one helper answers for every view."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models


class Role(models.TextChoices):
    EXECUTIVE = "executive", "Executive member"
    PCT = "pct", "PCT reviewer"
    PRACTICE_MANAGER = "practice_manager", "Practice manager"


GROUP_NAMES = {
    Role.EXECUTIVE: "Executive",
    Role.PCT: "PCT",
    Role.PRACTICE_MANAGER: "Practice manager",
}

READERS = (Role.EXECUTIVE, Role.PCT, Role.PRACTICE_MANAGER)
EDITORS = (Role.EXECUTIVE,)

_UNSET = object()


def role_of(user):
    """The user's role, or None. Superusers act as executive members."""
    cached = getattr(user, "_daccom_role", _UNSET)
    if cached is not _UNSET:
        return cached
    role = None
    if user.is_authenticated:
        if user.is_superuser:
            role = Role.EXECUTIVE
        else:
            names = set(user.groups.values_list("name", flat=True))
            role = next((r for r in Role if GROUP_NAMES[r] in names), None)
    user._daccom_role = role
    return role


def can_edit(user):
    return role_of(user) in EDITORS


def role_required(*roles):
    """Refuse (403) a signed-in user whose role is not one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if role_of(request.user) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def group_for(role):
    """The role's group. Created if missing: a database flushed after the migrations
    (a transactional test, a restore of selected tables) has lost it."""
    from django.contrib.auth.models import Group

    return Group.objects.get_or_create(name=GROUP_NAMES[role])[0]


readers_only = role_required(*READERS)
editors_only = role_required(*EDITORS)
