"""The Executive Committee's meetings (meetings.toml): membership, the record of
22 February 2007 finalised as written, its actions, and the next meeting's draft."""

import datetime

from django.contrib.auth import get_user_model

from daccom.demo.loader import CHANGE_REASON, create_missing
from governance.meeting_services import finalise_meeting
from governance.models import (
    Action,
    Attendance,
    Committee,
    CommitteeMembership,
    Meeting,
    MinuteItem,
)
from programmes.models import ActionForTask, Evidence, Task

PILOT = "PbC pilot programme 2006/7"


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def load(report, data, context):
    people = context.people
    row = data["committee"]
    committee = create_missing(
        report,
        Committee,
        {"name": row["name"]},
        {"organisation": context.organisations[row["organisation"]]},
    )
    for member in row["members"]:
        create_missing(
            report,
            CommitteeMembership,
            {
                "committee": committee,
                "person": people[member["person"]],
                "starts_on": member["from"],
            },
            {
                "organisation": context.organisations[member["organisation"]],
                "role": member.get("role", ""),
                "ends_on": member.get("to"),
                "notes": member.get("notes", ""),
            },
        )
    for meeting_row in data["meetings"]:
        _load_meeting(report, committee, meeting_row, context)


def _load_meeting(report, committee, row, context):
    people = context.people
    meeting = create_missing(
        report,
        Meeting,
        {"committee": committee, "held_on": row["held_on"]},
        {
            "starts_at": _time(row.get("starts_at")),
            "ends_at": _time(row.get("ends_at")),
            "place": row.get("place", ""),
            "place_note": row.get("place_note", ""),
            "recorded_by": people.get(row.get("recorded_by", "")),
            "recorded_on": row.get("recorded_on"),
            "next_held_on": row.get("next_held_on"),
            "next_starts_at": _time(row.get("next_starts_at")),
            "next_ends_at": _time(row.get("next_ends_at")),
            "next_place": row.get("next_place", ""),
            "next_place_note": row.get("next_place_note", ""),
        },
    )
    lines = [
        *((Attendance.Kind.ATTENDED, key) for key in row["attended"]),
        *((Attendance.Kind.APOLOGIES, key) for key in row["apologies"]),
    ]
    for order, (kind, key) in enumerate(lines, start=1):
        create_missing(
            report,
            Attendance,
            {"meeting": meeting, "person": people[key]},
            {"kind": kind, "order": order},
        )
    for order, group in enumerate(row["copies"], start=1):
        create_missing(
            report,
            Attendance,
            {"meeting": meeting, "group": group},
            {"kind": Attendance.Kind.COPY, "order": order},
        )
    for item in row.get("items", []):
        create_missing(
            report,
            MinuteItem,
            {"meeting": meeting, "number": item["number"]},
            {"heading": item["heading"], "text": item["text"]},
        )
    actions = []
    for order, action in enumerate(row.get("actions", []), start=1):
        actions.append(
            (
                create_missing(
                    report,
                    Action,
                    {"meeting": meeting, "order": order},
                    {
                        "owner": people[action["owner"]],
                        "description": action["description"],
                        "due_on": action["due_on"],
                        "due_in_month": action.get("due_in_month", False),
                        "notes": action.get("notes", ""),
                    },
                ),
                action,
            )
        )
    users = {user.username: user for user in get_user_model().objects.all()}
    if row.get("finalise") and meeting.is_draft and not meeting.records.exists():
        finalise_meeting(meeting, user=users.get("mjones"))
        report.created += 1
    for action, action_row in actions:
        # What happened afterwards (invented): set once, on an action still open.
        if action_row.get("status", "open") != "open" and action.is_open:
            action.status = action_row["status"]
            action.closed_on = action_row["closed_on"]
            action.outcome = action_row["outcome"]
            action._change_reason = CHANGE_REASON
            action.save()
    _load_evidence(report, meeting, row, context, users)
    programme = context.programmes.get(PILOT)
    for action, action_row in actions:
        if programme is not None and action_row.get("task"):
            task = Task.objects.get(
                objective__programme=programme,
                objective__number=action_row["task"]["objective"],
                order=action_row["task"]["order"],
            )
            create_missing(report, ActionForTask, {"action": action}, {"task": task})


def _load_evidence(report, meeting, row, context, users):
    programme = context.programmes.get(PILOT)
    for cited in row.get("evidence", []):
        if programme is None or cited["by"] not in users:
            continue
        task = Task.objects.get(
            objective__programme=programme,
            objective__number=cited["task_objective"],
            order=cited["task_order"],
        )
        create_missing(
            report,
            Evidence,
            {"task": task, "minute_item": meeting.items.get(number=cited["item"])},
            {"description": cited["description"], "added_by": users[cited["by"]]},
        )
