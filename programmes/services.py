from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.editing import EditConflict, describe_change, refuse_if_stale
from core.log import log_action
from programmes.models import (
    ACTIVE,
    ActionForTask,
    Comment,
    Evidence,
    Objective,
    Programme,
    Project,
    Task,
)

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


# Editing the plan: programmes and the items under them (issue #15). Each service
# runs in one transaction, records who in the field history (`_history_user`) and
# names the action in the log as `programmes.<model>.<action>`.


class PlanError(Exception):
    """A plan change refused; the message is for the user."""


def _locked(model, pk):
    """The row, locked until the transaction ends. Unordered, and locking only its
    own table: a default ordering through a nullable key (a resource's project)
    would join a table PostgreSQL cannot lock."""
    return model._base_manager.select_for_update(of=("self",)).order_by().get(pk=pk)


def _action(obj, verb):
    return f"programmes.{obj._meta.model_name}.{verb}"


def _logged_value(value):
    if value is None or isinstance(value, bool | int):
        return value
    if hasattr(value, "all"):  # a many-to-many manager
        return sorted(str(item) for item in value.all())
    return str(value)


def create_plan_item(obj, *, user, m2m=None):
    """Save a new programme or plan item (validated by its form) and log it.

    An objective gets the next number in its programme and a task the next place
    in its objective, counting archived ones too so numbers are never reused.
    """
    with transaction.atomic():
        if isinstance(obj, Objective):
            _locked(Programme, obj.programme_id)
            obj.number = _next(obj.programme.objectives, "number")
        elif isinstance(obj, Task):
            _locked(Objective, obj.objective_id)
            obj.order = _next(obj.objective.tasks, "order")
        elif isinstance(obj, Project):
            _locked(Programme, obj.programme_id)
            obj.order = _next(obj.programme.projects, "order")
        obj._history_user = user
        obj.save()
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        log_action(obj, _action(obj, "created"), user=user, data={"name": str(obj)})
    return obj


def _next(related, field):
    return (related.aggregate(top=Max(field))["top"] or 0) + 1


def update_plan_item(obj, *, fields, expected_version, user, m2m=None):
    """Save the edited `fields` of `obj` (validated by its form), unless someone
    else saved it since the form was loaded (EditConflict).

    Returns (obj, changed): an edit that changes nothing saves nothing. A task
    whose only change is its owner is logged as `reassigned`.
    """
    model = type(obj)
    with transaction.atomic():
        stored = _locked(model, obj.pk)
        changes = {
            name: {
                "from": _logged_value(getattr(stored, name)),
                "to": _logged_value(getattr(obj, name)),
            }
            for name in fields
            if getattr(stored, name) != getattr(obj, name)
        }
        for name, values in (m2m or {}).items():
            before = set(getattr(stored, name).all())
            if before != set(values):
                changes[name] = {
                    "from": sorted(str(v) for v in before),
                    "to": sorted(str(v) for v in values),
                }
        if not changes:
            return stored, False
        refuse_if_stale(stored, expected_version)
        obj.version = stored.version
        obj._history_user = user
        obj.save(update_fields=[name for name in fields])
        for name, values in (m2m or {}).items():
            getattr(obj, name).set(values)
        verb = "reassigned" if set(changes) == {"owner"} else "updated"
        log_action(obj, _action(obj, verb), user=user, data=changes)
    return obj, True


def archive_plan_item(obj, *, user):
    """Take `obj` out of every listing and figure, keeping it and its history."""
    with transaction.atomic():
        obj = _locked(type(obj), obj.pk)
        if obj.is_archived:
            return obj, False
        obj.archived_at = timezone.now()
        obj.archived_by = user
        obj._history_user = user
        obj.save(update_fields=["archived_at", "archived_by"])
        log_action(obj, _action(obj, "archived"), user=user)
    return obj, True


def restore_plan_item(obj, *, user):
    """Bring an archived item back into the listings and figures."""
    with transaction.atomic():
        obj = _locked(type(obj), obj.pk)
        if not obj.is_archived:
            return obj, False
        obj.archived_at = None
        obj.archived_by = None
        obj._history_user = user
        obj.save(update_fields=["archived_at", "archived_by"])
        log_action(obj, _action(obj, "restored"), user=user)
    return obj, True


def remove_plan_item(obj, *, parent, user):
    """Delete `obj` outright, only while it has no history of use (see
    `Archivable.can_be_removed`); the log entry goes on `parent`, which stays."""
    with transaction.atomic():
        obj = _locked(type(obj), obj.pk)
        if not obj.can_be_removed():
            raise PlanError(
                f"“{obj}” has been changed or has items under it, so it cannot be "
                "removed. Archive it instead: it then leaves the figures but stays "
                "in the history."
            )
        log_action(
            parent,
            _action(obj, "removed"),
            user=user,
            data={"id": obj.pk, "name": str(obj)},
        )
        obj._history_user = user
        obj.delete()


def move_plan_item(obj, direction, *, user):
    """Swap an objective (by number, within its programme) or a task (by order,
    within its objective) with its active neighbour above or below.

    Archived siblings keep their places. Task orders are first renumbered 1, 2, …
    so that ties (equal orders) cannot make a move do nothing. Returns whether
    anything moved (the first item cannot move up, nor the last down).
    """
    if isinstance(obj, Objective):
        field, parent = "number", {"programme_id": obj.programme_id}
        parent_model, parent_pk = Programme, obj.programme_id
    else:
        field, parent = "order", {"objective_id": obj.objective_id}
        parent_model, parent_pk = Objective, obj.objective_id
    model = type(obj)
    with transaction.atomic():
        _locked(parent_model, parent_pk)
        siblings = list(
            model._base_manager.filter(ACTIVE, **parent).order_by(field, "pk")
        )
        if isinstance(obj, Task):
            _renumber(siblings, user)
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == obj.pk)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return False
        mover, neighbour = siblings[index], siblings[other]
        mine, theirs = getattr(mover, field), getattr(neighbour, field)
        # Out of the way first: objective numbers are unique within a programme.
        model._base_manager.filter(pk=mover.pk).update(**{field: 0})
        for item, value in ((neighbour, mine), (mover, theirs)):
            setattr(item, field, value)
            item._history_user = user
            item.save(update_fields=[field])
        log_action(
            mover,
            _action(mover, "reordered"),
            user=user,
            data={"direction": direction, "from": mine, "to": theirs},
        )
    return True


def _renumber(tasks, user):
    for place, task in enumerate(tasks, start=1):
        if task.order != place:
            task.order = place
            task._history_user = user
            task.save(update_fields=["order"])


@dataclass
class BulkOutcome:
    """What became of one task of a bulk change."""

    SAVED = "saved"
    UNCHANGED = "unchanged"
    MOVED_ON = "moved_on"
    INVALID = "invalid"
    REFUSED = "refused"

    task: Task
    outcome: str
    message: str = ""


def bulk_update_tasks(selection, *, status, date, note, user):
    """Apply one change to many tasks, each through `update_task` on its own.

    `selection` pairs each task with the version it had when the list was loaded;
    a task that moved on since is refused (saying who changed it and when), one the
    change would make invalid (planned without a date) is left as it is, and the
    others are saved, each with its own history entry. `status`, `date` and `note`
    left as None keep each task's own value. Returns a BulkOutcome per task.
    """
    outcomes = []
    for task, version in selection:
        if not task.is_writable_by(user):
            outcomes.append(
                BulkOutcome(task, BulkOutcome.REFUSED, "You may not update this task.")
            )
            continue
        changes = {
            "status": task.status if status is None else status,
            "date": task.date if date is None else date,
            "note": task.note if note is None else note,
        }
        try:
            saved, changed = update_task(
                task.pk, changes=changes, expected_version=version, user=user
            )
        except EditConflict as conflict:
            outcomes.append(
                BulkOutcome(
                    conflict.current,
                    BulkOutcome.MOVED_ON,
                    describe_change(conflict.current, user),
                )
            )
        except ValidationError as error:
            outcomes.append(
                BulkOutcome(task, BulkOutcome.INVALID, " ".join(error.messages))
            )
        else:
            outcome = BulkOutcome.SAVED if changed else BulkOutcome.UNCHANGED
            outcomes.append(BulkOutcome(saved, outcome))
    return outcomes


def add_comment(task, *, text, user):
    with transaction.atomic():
        comment = Comment(task=task, author=user, text=text)
        comment.full_clean(exclude=["task", "author"])
        comment.save()
        log_action(
            task, "programmes.task.commented", user=user, data={"comment": comment.pk}
        )
    return comment


def add_evidence(task, *, description, user, upload=None, kind=None, url=""):
    """Attach a file (already checked: `kind` from core.uploads.sniff) or a link.

    The file is stored first; if the record then cannot be saved, it goes again.
    """
    evidence = Evidence(task=task, added_by=user, description=description, url=url)
    if upload is not None:
        # As shown and downloaded; a very long name keeps its end (the type).
        evidence.file_name = upload.name[-200:]
        evidence.content_type = kind.content_type
        evidence.size = upload.size
        evidence.file.save(upload.name, upload, save=False)
    try:
        _save_evidence(evidence, task, user)
    except Exception:
        if evidence.file:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def _save_evidence(evidence, task, user):
    with transaction.atomic():
        evidence.full_clean(exclude=["task", "added_by", "file"])
        evidence.save()
        log_action(
            task,
            "programmes.task.evidence_added",
            user=user,
            data={
                "evidence": evidence.pk,
                "description": evidence.description,
                "file": evidence.file_name,
                "link": evidence.url,
            },
        )


def cite_minute(task, minute_item, *, description, user):
    """Cite a minute of a meeting as evidence for the task."""
    evidence = Evidence(
        task=task, added_by=user, description=description, minute_item=minute_item
    )
    with transaction.atomic():
        evidence.full_clean(exclude=["task", "added_by", "file"])
        evidence.save()
        log_action(
            task,
            "programmes.task.minute_cited",
            user=user,
            data={"evidence": evidence.pk, "minute_item": minute_item.pk},
        )
    return evidence


def link_action(task, action, *, user):
    """Link a meeting's action to the task it serves (an action serves one task:
    linking it again moves it)."""
    with transaction.atomic():
        link, _ = ActionForTask.objects.update_or_create(
            action=action, defaults={"task": task}
        )
        log_action(
            task,
            "programmes.task.action_linked",
            user=user,
            data={"action": action.pk, "description": action.description[:200]},
        )
    return link
