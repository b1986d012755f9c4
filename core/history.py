"""An object's field history (django-simple-history), for any model, read in a
bounded number of queries: labels, choices and related objects come from `_meta`."""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.formats import date_format

NEVER_SHOWN = ("id", "version", "updated_at")


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list


def _shown_fields(model, hidden):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in NEVER_SHOWN and field.name not in hidden
    ]


def _display(field, value, related_names):
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return related_names.get((field.related_model, value), f"#{value}")
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return date_format(value, "j M Y, H:i")
    if isinstance(value, date):
        return date_format(value, "j M Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _related_names(records, fields):
    """One query per related model: the names of every object the records point to."""
    wanted = {}
    for field in fields:
        if field.is_relation:
            ids = {getattr(record, field.attname) for record in records}
            wanted.setdefault(field.related_model, set()).update(ids - {None})
    return {
        (model, obj.pk): str(obj)
        for model, pks in wanted.items()
        if pks
        for obj in model._default_manager.filter(pk__in=pks)
    }


def user_display(user):
    if user is None:
        return "System"
    return user.get_full_name() or user.username


def field_history(obj, limit=100, hidden=()):
    """Newest first: who changed which fields of `obj`, when, from what to what.

    `hidden` names fields never worth showing for this model (e.g. a parent key).
    """
    model = type(obj)
    fields = _shown_fields(model, hidden)
    records = list(
        obj.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    names = _related_names(records, fields)
    entries = []
    for record, previous in zip(records[:limit], records[1:] + [None], strict=False):
        changes = []
        for field in fields:
            new = getattr(record, field.attname)
            old = getattr(previous, field.attname) if previous is not None else None
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                changes.append(
                    Change(
                        field=str(field.verbose_name).capitalize(),
                        old=_display(field, old, names) if previous else "",
                        new=_display(field, new, names),
                    )
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user_display(record.history_user),
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def last_change(obj):
    """The newest history record of `obj` (with its user), or None."""
    return (
        obj.history.select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
