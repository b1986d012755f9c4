"""The action log: one call from each service that does something worth naming."""

from core.models import LogEntry


def log_action(obj, action, *, user=None, data=None):
    """Record that `user` did `action` to `obj` (saved; call inside the service's
    transaction so the entry and the change stand or fall together)."""
    if user is not None and not user.is_authenticated:
        user = None
    return LogEntry.objects.create(
        subject=obj, action=action, user=user, data=data or {}
    )


def log_for(obj, limit=100):
    return list(LogEntry.objects.for_object(obj).select_related("user")[:limit])
