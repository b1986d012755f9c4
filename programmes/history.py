"""A task's change history, read in a bounded number of queries."""

from dataclasses import dataclass

from governance.models import Organisation, Person
from programmes.models import Task, TaskStatus

FOREIGN_KEYS = {
    "owner": Person,
    "lead_organisation": Organisation,
    "supporting_organisation": Organisation,
}
SHOWN_FIELDS = [
    f
    for f in Task._meta.get_fields()
    if getattr(f, "concrete", False)
    and f.name not in ("id", "version", "updated_at", "objective")
]


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list


def _label(field_name, value, names):
    if value in (None, ""):
        return "—"
    if field_name == "status":
        return TaskStatus(value).label
    if field_name in FOREIGN_KEYS:
        return names.get((FOREIGN_KEYS[field_name], value), f"#{value}")
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    return str(value)


def task_history(task, limit=100):
    """Newest first: who changed what, when, from what to what."""
    records = list(
        task.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    ids = {model: set() for model in FOREIGN_KEYS.values()}
    for record in records:
        for field_name, model in FOREIGN_KEYS.items():
            value = getattr(record, f"{field_name}_id")
            if value is not None:
                ids[model].add(value)
    names = {
        (model, obj.pk): str(obj)
        for model, pks in ids.items()
        for obj in model.objects.filter(pk__in=pks)
    }
    entries = []
    for record, previous in zip(records, records[1:] + [None], strict=True):
        if len(entries) == limit:
            break
        changes = []
        for field in SHOWN_FIELDS:
            attname = field.attname
            new = getattr(record, attname)
            old = getattr(previous, attname) if previous is not None else None
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                changes.append(
                    Change(
                        field=field.verbose_name.capitalize(),
                        old=_label(field.name, old, names) if previous else "",
                        new=_label(field.name, new, names),
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.username) if user else "System",
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
