"""Editing under optimistic locking (`core.models.Versioned`): one way to refuse a
stale save, and one way to offer again an edit that met an expired sign-in."""

from django.contrib import messages
from django.utils import timezone
from django.utils.formats import date_format

from core.history import last_change, user_display
from core.middleware import PENDING_EDIT_KEY


class EditConflict(Exception):
    """Someone else saved the record after this edit began; `current` holds the
    stored record, so the page can show their values beside the user's."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            f"Someone else changed this {current._meta.verbose_name} while you were "
            "editing it. Your changes were not saved: check the newer values and "
            "save again."
        )

    def describe(self, user):
        """Who changed the record and when, from its history: "Mark Jones changed
        this task at 10:42 on 3 April 2007 …", or "You changed …, in another tab
        or window" when it was `user` themself."""
        return describe_change(self.current, user)


def describe_change(current, user):
    noun = current._meta.verbose_name
    record = last_change(current) if hasattr(current, "history") else None
    if record is None:
        return str(EditConflict(current))
    when = timezone.localtime(record.history_date)
    at = f"at {date_format(when, 'H:i')} on {date_format(when, 'j F Y')}"
    if user is not None and record.history_user_id == user.pk:
        who = f"You changed this {noun} {at}, in another tab or window,"
    else:
        who = f"{user_display(record.history_user)} changed this {noun} {at}"
    return (
        f"{who} while you were editing it. Your changes were not saved: check the "
        "newer values and save again."
    )


def refuse_if_stale(locked, expected_version):
    """Raise EditConflict unless `locked` (read with select_for_update) is still
    at the version the form was loaded with."""
    if locked.version != expected_version:
        raise EditConflict(locked)


def take_pending_edit(request):
    """Fields posted to this page just before the session expired (kept by
    core.middleware), offered once after sign-in; None when there are none."""
    pending = request.session.get(PENDING_EDIT_KEY)
    if not pending or pending["path"] != request.path:
        return None
    del request.session[PENDING_EDIT_KEY]
    messages.warning(
        request,
        "Your session had expired, so your last change was not saved. "
        "It is filled in below: check it and save again.",
    )
    return pending["fields"]  # with its version: a newer save is still a conflict
