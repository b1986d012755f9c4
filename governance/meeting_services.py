"""Changing meetings, their minutes and actions (issue #18). Each service runs in
one transaction, records who in the field history (`_history_user`) and names
what it did in the action log as `governance.<model>.<action>`."""

import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from core.editing import refuse_if_stale
from core.log import log_action
from governance.models import (
    Action,
    Attendance,
    Meeting,
    MeetingRecord,
    MinuteItem,
)
from governance.models.meetings import OUTSIDE_MARKS, plain_name

Status = Action.Status


class MeetingError(Exception):
    """A change refused; the message is for the user."""


def _locked(model, pk):
    return model._base_manager.select_for_update(of=("self",)).order_by().get(pk=pk)


def _require_draft(meeting):
    if not meeting.is_draft:
        raise MeetingError(
            "This record is finalised: correct it first to change it (a corrected "
            "record is issued as a new version)."
        )


def _save(obj, user, **kwargs):
    obj._history_user = user
    obj.save(**kwargs)


# ---------------------------------------------------------------------------
# The meeting and its parts (drafts only)
# ---------------------------------------------------------------------------


@transaction.atomic
def create_meeting(meeting, *, user):
    meeting.full_clean()
    _save(meeting, user)
    log_action(meeting, "governance.meeting.created", user=user)
    return meeting


def _changed_fields(obj, stored, fields):
    return {
        name: {"from": str(getattr(stored, name)), "to": str(getattr(obj, name))}
        for name in fields
        if getattr(stored, name) != getattr(obj, name)
    }


@transaction.atomic
def update_part(obj, *, fields, expected_version, user):
    """Save an edited meeting, minute item or action (validated by its form),
    refusing an edit based on an older version (core.editing.EditConflict).
    Returns (obj, changed)."""
    model = type(obj)
    stored = _locked(model, obj.pk)
    meeting = stored if model is Meeting else _locked(Meeting, stored.meeting_id)
    _require_draft(meeting)
    changes = _changed_fields(obj, stored, fields)
    if not changes:
        return stored, False
    refuse_if_stale(stored, expected_version)
    obj.version = stored.version
    _save(obj, user, update_fields=[*fields, *_auto_fields(model)])
    log_action(
        obj, f"governance.{model._meta.model_name}.updated", user=user, data=changes
    )
    return obj, True


def _auto_fields(model):
    return ["updated_at"] if model is Meeting else []


@transaction.atomic
def add_attendance(meeting, *, kind, person=None, group="", user):
    meeting = _locked(Meeting, meeting.pk)
    _require_draft(meeting)
    if person is not None and meeting.attendance.filter(person=person).exists():
        raise MeetingError(f"{person} is already listed for this meeting.")
    last = meeting.attendance.filter(kind=kind).aggregate(Max("order"))["order__max"]
    line = Attendance(
        meeting=meeting, kind=kind, person=person, group=group, order=(last or 0) + 1
    )
    line.full_clean()
    _save(line, user)
    log_action(
        meeting,
        "governance.meeting.attendance_added",
        user=user,
        data={"kind": kind, "name": line.name},
    )
    return line


@transaction.atomic
def add_item(meeting, *, heading, text, user):
    """The next numbered item (item 1 is the summary of actions agreed)."""
    meeting = _locked(Meeting, meeting.pk)
    _require_draft(meeting)
    item = MinuteItem(
        meeting=meeting, number=meeting.next_item_number(), heading=heading, text=text
    )
    item.full_clean()
    _save(item, user)
    log_action(item, "governance.minuteitem.created", user=user)
    return item


@transaction.atomic
def add_action(action, *, user):
    """Save a new action agreed at its meeting (validated by its form)."""
    meeting = _locked(Meeting, action.meeting_id)
    _require_draft(meeting)
    last = meeting.actions.aggregate(Max("order"))["order__max"]
    action.order = (last or 0) + 1
    action.full_clean()
    _save(action, user)
    log_action(
        action,
        "governance.action.created",
        user=user,
        data={"owner": plain_name(action.owner), "due": action.due_display},
    )
    return action


@transaction.atomic
def remove_part(obj, *, user):
    """Remove an attendance line, minute item or action from a draft; the minute
    items after a removed one move up a number, so the numbering has no gap."""
    meeting = _locked(Meeting, obj.meeting_id)
    _require_draft(meeting)
    if isinstance(obj, MinuteItem) and obj.cited_as_evidence.exists():
        raise MeetingError(
            "This minute is cited as a task's evidence: remove that evidence first."
        )
    name = str(obj)
    obj._history_user = user
    obj.delete()
    if isinstance(obj, MinuteItem):
        for later in meeting.items.filter(number__gt=obj.number).order_by("number"):
            later.number -= 1
            _save(later, user, update_fields=["number"])
    log_action(
        meeting,
        f"governance.meeting.{obj._meta.model_name}_removed",
        user=user,
        data={"removed": name},
    )


@transaction.atomic
def start_next_meeting(meeting, *, user):
    """The draft of the next meeting, on the date, time and place this record
    gives; its page is the agenda, with the actions still open carried forward.
    Returns (next meeting, created)."""
    if not meeting.next_held_on:
        raise MeetingError("Give the next meeting's date first.")
    existing = Meeting.objects.filter(
        committee_id=meeting.committee_id, held_on=meeting.next_held_on
    ).first()
    if existing is not None:
        return existing, False
    following = Meeting(
        committee_id=meeting.committee_id,
        held_on=meeting.next_held_on,
        starts_at=meeting.next_starts_at,
        ends_at=meeting.next_ends_at,
        place=meeting.next_place,
        place_note=meeting.next_place_note,
    )
    following.full_clean()
    _save(following, user)
    log_action(
        following,
        "governance.meeting.created",
        user=user,
        data={"after": meeting.held_on},
    )
    return following, True


# ---------------------------------------------------------------------------
# Actions: open → done / dropped, and back to open
# ---------------------------------------------------------------------------


def _refuse_unless_allowed(action, to):
    if (action.status, to) not in Action.TRANSITIONS:
        raise MeetingError(
            f"An action that is {action.get_status_display().lower()} cannot be "
            f"marked {Status(to).label.lower()}."
        )


def _transition(action_pk, to, *, expected_version, user, closed_on=None, outcome=""):
    action = _locked(Action, action_pk)
    _refuse_unless_allowed(action, to)
    refuse_if_stale(action, expected_version)
    before = action.status
    action.status = to
    action.closed_on = closed_on
    action.outcome = outcome
    _save(action, user, update_fields=["status", "closed_on", "outcome"])
    verb = {Status.DONE: "done", Status.DROPPED: "dropped"}.get(to, "reopened")
    log_action(
        action,
        f"governance.action.{verb}",
        user=user,
        data={"from": before, "to": to, "on": closed_on, "outcome": outcome},
    )
    return action


@transaction.atomic
def complete_action(action_pk, *, done_on, what_was_done, expected_version, user):
    """Mark an open action done, on a date (not in the future, not before the
    meeting that agreed it), saying what was done."""
    action = Action.objects.select_related("meeting").get(pk=action_pk)
    _refuse_unless_allowed(action, Status.DONE)
    errors = {}
    if done_on > timezone.localdate():
        errors["done_on"] = "The date it was done cannot be in the future."
    elif done_on < action.meeting.held_on:
        errors["done_on"] = "It cannot be done before the meeting that agreed it."
    if not what_was_done.strip():
        errors["what_was_done"] = "Say what was done."
    if errors:
        raise ValidationError(errors)
    return _transition(
        action_pk,
        Status.DONE,
        expected_version=expected_version,
        user=user,
        closed_on=done_on,
        outcome=what_was_done,
    )


@transaction.atomic
def drop_action(action_pk, *, reason, expected_version, user):
    if not reason.strip():
        raise ValidationError({"reason": "Say why the action is dropped."})
    return _transition(
        action_pk,
        Status.DROPPED,
        expected_version=expected_version,
        user=user,
        closed_on=timezone.localdate(),
        outcome=reason,
    )


@transaction.atomic
def reopen_action(action_pk, *, expected_version, user):
    return _transition(
        action_pk, Status.OPEN, expected_version=expected_version, user=user
    )


# ---------------------------------------------------------------------------
# The record: snapshot, finalise, correct
# ---------------------------------------------------------------------------


def time_text(value):
    """“1pm”, “2.15pm”, as the minutes write times."""
    hour = value.hour % 12 or 12
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _span_text(starts_at, ends_at):
    if starts_at and ends_at:
        return f"From {time_text(starts_at)} to {time_text(ends_at)}"
    if starts_at:
        return f"From {time_text(starts_at)}"
    return ""


def meeting_snapshot(meeting):
    """Everything the record shows, as plain JSON-ready values: what a finalised
    record keeps and renders from, and what a draft's page shows."""
    committee = meeting.committee
    lines = list(
        meeting.attendance.select_related("person__organisation").order_by(
            "order", "pk"
        )
    )
    marks = {}  # outside organisation → its mark, in order of first appearance

    def line_dict(line):
        mark = ""
        if line.person_id and line.person.organisation_id != committee.organisation_id:
            organisation = line.person.organisation
            if organisation.pk not in marks:
                marks[organisation.pk] = (
                    OUTSIDE_MARKS[len(marks) % len(OUTSIDE_MARKS)],
                    organisation.name,
                )
            mark = marks[organisation.pk][0]
        return {"name": line.name, "mark": mark}

    by_kind = {kind: [] for kind in Attendance.Kind.values}
    for line in lines:
        by_kind[line.kind].append(line_dict(line))
    actions = meeting.actions.select_related("owner").order_by("order", "pk")
    items = list(meeting.items.order_by("number"))
    next_meeting = None
    if meeting.next_held_on:
        next_meeting = {
            "held_on": meeting.next_held_on,
            "date_text": date_format(meeting.next_held_on, "l j F Y"),
            "time_text": _span_text(meeting.next_starts_at, meeting.next_ends_at),
            "place": meeting.next_place,
            "place_note": meeting.next_place_note,
        }
    return {
        "committee": committee.name,
        "held_on": meeting.held_on,
        "date_text": date_format(meeting.held_on, "j F Y"),
        "time_text": _span_text(meeting.starts_at, meeting.ends_at),
        "place": meeting.place,
        "place_note": meeting.place_note,
        "recorded_by": (
            plain_name(meeting.recorded_by) if meeting.recorded_by_id else ""
        ),
        "recorded_on_text": (
            date_format(meeting.recorded_on, "j F Y") if meeting.recorded_on else ""
        ),
        "attended": by_kind[Attendance.Kind.ATTENDED],
        "apologies": by_kind[Attendance.Kind.APOLOGIES],
        "copies": by_kind[Attendance.Kind.COPY],
        "legend": [
            {"mark": mark, "organisation": name} for mark, name in marks.values()
        ],
        "actions": [
            {
                "owner": plain_name(action.owner),
                "description": action.description,
                "due": action.due_display,
            }
            for action in actions
        ],
        "items": [
            {"number": item.number, "heading": item.heading, "text": item.text}
            for item in items
        ],
        "next": next_meeting,
        # The seed minutes the next meeting as a numbered item of its own.
        "next_in_items": any(
            item.heading.lower().startswith("next meeting") for item in items
        ),
    }


def _names(lines):
    return [
        f"{line['name']}{' ' + line['mark'] if line['mark'] else ''}" for line in lines
    ]


def changes_between(old, new):
    """What changed from one version of the record to the next, in words."""
    changes = []
    labels = {
        "date_text": "Date",
        "time_text": "Time",
        "place": "Place",
        "recorded_by": "Recorded by",
        "recorded_on_text": "Date written",
    }
    for key, label in labels.items():
        if old.get(key) != new.get(key):
            changes.append(f"{label}: “{old.get(key)}” became “{new.get(key)}”.")
    for key, label in (
        ("attended", "Attended"),
        ("apologies", "Apologies"),
        ("copies", "Copies to"),
    ):
        before, after = _names(old[key]), _names(new[key])
        for name in after:
            if name not in before:
                changes.append(f"{label}: {name} added.")
        for name in before:
            if name not in after:
                changes.append(f"{label}: {name} removed.")
    old_actions = {(a["owner"], a["description"]): a for a in old["actions"]}
    new_actions = {(a["owner"], a["description"]): a for a in new["actions"]}
    for key, action in new_actions.items():
        if key not in old_actions:
            changes.append(
                f"Action for {action['owner']} added: {action['description']}"
            )
        elif old_actions[key]["due"] != action["due"]:
            changes.append(
                f"Action for {action['owner']}: due {old_actions[key]['due']} "
                f"became {action['due']}."
            )
    for key, action in old_actions.items():
        if key not in new_actions:
            changes.append(
                f"Action for {action['owner']} removed: {action['description']}"
            )
    old_items = {item["number"]: item for item in old["items"]}
    new_items = {item["number"]: item for item in new["items"]}
    for number, item in sorted(new_items.items()):
        before = old_items.get(number)
        if before is None:
            changes.append(f"Item {number} “{item['heading']}” added.")
        elif before["heading"] != item["heading"]:
            changes.append(
                f"Item {number}: heading “{before['heading']}” became "
                f"“{item['heading']}”."
            )
        elif before["text"] != item["text"]:
            changes.append(f"Item {number} “{item['heading']}”: text corrected.")
    for number, item in sorted(old_items.items()):
        if number not in new_items:
            changes.append(f"Item {number} “{item['heading']}” removed.")
    if old.get("next") != new.get("next"):
        changes.append("Next meeting: details changed.")
    return changes


def finalise_meeting(meeting, *, user):
    """Issue the draft as the record: version 1, or the next version after a
    correction, which says what changed. The meeting is then finalised.

    The record's PDF is rendered inside the issuing transaction from the
    snapshot alone (core.documents), so it never sees half-saved rows.
    """
    with transaction.atomic():
        meeting = _locked(Meeting, meeting.pk)
        _require_draft(meeting)
        if not meeting.recorded_by_id or not meeting.recorded_on:
            raise MeetingError("Say who wrote the record and when before finalising.")
        if not meeting.attendance.filter(kind=Attendance.Kind.ATTENDED).exists():
            raise MeetingError("Record who attended before finalising.")
        previous = meeting.records.order_by("-version_number").first()
        snapshot = meeting_snapshot(meeting)
        snapshot["changes"] = []
        snapshot["previous_reference"] = ""
        if previous is not None:
            current = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
            snapshot["changes"] = changes_between(previous.snapshot, current)
            snapshot["previous_reference"] = previous.reference
            if not snapshot["changes"]:
                raise MeetingError(
                    "Nothing has changed since the last version: there is nothing "
                    "to issue."
                )
        version_number = previous.version_number + 1 if previous else 1
        snapshot["version_number"] = version_number
        record = MeetingRecord.issue(
            snapshot, issued_by=user, meeting=meeting, version_number=version_number
        )
        meeting.status = Meeting.Status.FINALISED
        _save(meeting, user, update_fields=["status", "updated_at"])
        log_action(
            meeting,
            "governance.meeting.finalised",
            user=user,
            data={"reference": record.reference, "version": version_number},
        )
    return record


@transaction.atomic
def reopen_for_correction(meeting, *, user):
    """A finalised record back to draft, to be corrected and issued again. The
    issued versions stay as they were; readers keep seeing the last one."""
    meeting = _locked(Meeting, meeting.pk)
    if meeting.is_draft:
        raise MeetingError("This record is a draft already.")
    meeting.status = Meeting.Status.DRAFT
    _save(meeting, user, update_fields=["status", "updated_at"])
    log_action(meeting, "governance.meeting.reopened_for_correction", user=user)
    return meeting
