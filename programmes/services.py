from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from core.editing import EditConflict, describe_change, refuse_if_stale
from core.log import log_action
from programmes.models import Comment, Evidence, Task

EDITABLE_TASK_FIELDS = ("status", "date", "note")
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
