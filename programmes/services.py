from django.db import transaction

from core.editing import refuse_if_stale
from core.log import log_action
from programmes.models import Task

EDITABLE_TASK_FIELDS = (
    "status",
    "date",
    "note",
    "shortfall_due_to",
    "shortfall_reason",
)
# Validated already, and untouched here: re-checking them would query each relation.
UNEDITED_TASK_FIELDS = [
    field.name for field in Task._meta.fields if field.name not in EDITABLE_TASK_FIELDS
]


def update_task(task_pk, *, changes, expected_version, user):
    """Save a status/date/note change, refusing one based on out-of-date values.

    1. A change identical to what is stored is no change (e.g. a double-clicked
       submit): nothing is saved and no history is written.
    2. If the task moved on since the form was loaded, raise EditConflict.
    3. Otherwise save (which bumps the version) and record who did it in the history.
    Returns (task, changed).
    """
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("objective__programme")
            .get(pk=task_pk)
        )
        # A field left out of `changes` keeps its value.
        changes = {
            **{name: getattr(task, name) for name in EDITABLE_TASK_FIELDS},
            **changes,
        }
        if all(getattr(task, name) == changes[name] for name in EDITABLE_TASK_FIELDS):
            return task, False
        refuse_if_stale(task, expected_version)
        before = {name: getattr(task, name) for name in EDITABLE_TASK_FIELDS}
        for name in EDITABLE_TASK_FIELDS:
            setattr(task, name, changes[name])
        task.full_clean(exclude=UNEDITED_TASK_FIELDS)
        task._history_user = user
        task.save(update_fields=[*EDITABLE_TASK_FIELDS, "updated_at"])
        action = "status_changed" if before["status"] != task.status else "updated"
        log_action(
            task,
            f"programmes.task.{action}",
            user=user,
            data={
                name: {"from": before[name], "to": changes[name]}
                for name in EDITABLE_TASK_FIELDS
                if before[name] != changes[name]
            },
        )
    return task, True
