"""Build the demo from data.toml, transcribed from the seed documents.

It only adds: a record is written only when it is missing. One that exists is left
as it is, even where it differs from the data, because people may have edited it
since; so a second run changes nothing and leaves no history behind.
"""

import importlib
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from governance.models import Membership, Organisation, Person, PracticeListSize
from programmes.models import (
    Comment,
    Evidence,
    FRPTarget,
    Objective,
    Programme,
    Project,
    ResourceAllocation,
    SuccessCriterion,
    Task,
)

DATA_FILE = Path(__file__).with_name("data.toml")
DEMO_PASSWORD = "daccom-demo"
CHANGE_REASON = "Loaded from the demo data"


# Each later capability loads its own part of the demo, from its own TOML file
# beside this one, after the organisations, people, users and programmes:
# (module with `load(report, data, context)`, data file name), in order.
PARTS = (
    ("daccom.demo.funding", "funding.toml"),
    ("daccom.demo.agreements", "agreements.toml"),
    ("daccom.demo.review", "review.toml"),
    ("daccom.demo.reserve", "reserve.toml"),
    ("daccom.demo.framework", "framework.toml"),
    ("daccom.demo.commissioning", "commissioning.toml"),
    ("daccom.demo.meetings", "meetings.toml"),
    ("daccom.demo.status", "status.toml"),
    ("daccom.demo.practicedata", "practicedata.toml"),
)


@dataclass
class DemoContext:
    """What the parts look records up by: the keys used in the TOML files."""

    organisations: dict
    people: dict
    programmes: dict  # by name
    with_users: bool


@dataclass
class LoadReport:
    created: int = 0
    existing: int = 0
    users: list = field(default_factory=list)


def money(value):
    return Decimal(value) if value not in (None, "") else None


def create_missing(report, model, lookup, values):
    """The record matching `lookup`, created from `values` if there is none."""
    obj = model.objects.filter(**lookup).first()
    if obj is not None:
        report.existing += 1
        return obj
    obj = model(**lookup, **values)
    obj._change_reason = CHANGE_REASON
    obj.full_clean()
    obj.save()
    report.created += 1
    return obj


def _fill_if_empty(manager, objects):
    if not manager.exists():
        manager.set(objects)


def load_demo(data_file=DATA_FILE, with_users=True):
    data = tomllib.loads(Path(data_file).read_text(encoding="utf-8"))
    report = LoadReport()
    with transaction.atomic():
        organisations = _load_organisations(
            report, data["organisations"], data["list_sizes_as_at"]
        )
        people = _load_people(report, data["people"], organisations)
        if with_users:
            _load_users(report, data["users"], people)
        programmes = {
            row["name"]: _load_programme(report, row, organisations, people)
            for row in data["programmes"]
        }
        context = DemoContext(organisations, people, programmes, with_users)
        for module, data_file_name in PARTS:
            part_data = tomllib.loads(
                Path(data_file).with_name(data_file_name).read_text(encoding="utf-8")
            )
            importlib.import_module(module).load(report, part_data, context)
    return report


def _load_organisations(report, rows, list_sizes_as_at):
    organisations = {}
    for row in rows:
        organisation = organisations[row["key"]] = create_missing(
            report,
            Organisation,
            {"name": row["name"]},
            {
                "short_name": row["short_name"],
                "kind": row["kind"],
                "code": row.get("code"),
                "notes": row["notes"],
            },
        )
        if row["list_size"]:
            create_missing(
                report,
                PracticeListSize,
                {"practice": organisation, "month": list_sizes_as_at},
                {"size": row["list_size"]},
            )
    for row in rows:
        # Links between organisations, once all exist; one already set is left.
        organisation = organisations[row["key"]]
        links = {
            field: organisations[row[field]]
            for field in ("successor", "member_of")
            if row.get(field) and getattr(organisation, f"{field}_id") is None
        }
        if links:
            for field, target in links.items():
                setattr(organisation, field, target)
            organisation._change_reason = CHANGE_REASON
            organisation.save(update_fields=list(links))
    return organisations


def _load_people(report, rows, organisations):
    people = {}
    for row in rows:
        people[row["key"]] = create_missing(
            report,
            Person,
            {"first_name": row["first_name"], "last_name": row["last_name"]},
            {
                "honorific": row["honorific"],
                "initials": row["initials"],
                "organisation": organisations[row["organisation"]],
                "job_title": row["job_title"],
                "notes": row["notes"],
            },
        )
    return people


def _load_users(report, rows, people):
    User = get_user_model()
    for row in rows:
        person = people[row["person"]]
        user, created = User.objects.get_or_create(
            username=row["username"],
            defaults={"first_name": person.first_name, "last_name": person.last_name},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.create(
                user=user, organisation=person.organisation, role=row["role"]
            )
        if person.user_id is None and not hasattr(user, "person"):
            person.user = user
            person._change_reason = CHANGE_REASON
            person.save(update_fields=["user"])
        report.users.append(
            (row["username"], person.full_name, Membership.Role(row["role"]).label)
        )


def _load_programme(report, row, organisations, people):
    programme = create_missing(
        report,
        Programme,
        {"name": row["name"]},
        {
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "consortium": organisations[row["consortium"]],
            "description": row["description"],
            "frp_total_saving": money(row["frp_total_saving"]),
            "max_payment_per_patient": money(row["max_payment_per_patient"]),
        },
    )
    _fill_if_empty(programme.partners, [organisations[key] for key in row["partners"]])
    _fill_if_empty(programme.leads, [people[key] for key in row["leads"]])

    projects = {}
    for order, project_row in enumerate(row.get("projects", []), start=1):
        project = create_missing(
            report,
            Project,
            {"programme": programme, "name": project_row["name"]},
            {"order": order, "description": project_row.get("description", "")},
        )
        projects[project_row["key"]] = project
        for target in project_row.get("targets", []):
            create_missing(
                report,
                FRPTarget,
                {"project": project, "code": target["code"]},
                {
                    "title": target["title"],
                    "planned_saving": money(target["planned_saving"]),
                    "notes": target.get("notes", ""),
                },
            )

    for criterion in row.get("success_criteria", []):
        create_missing(
            report,
            SuccessCriterion,
            {"programme": programme, "letter": criterion["letter"]},
            {
                "description": criterion["description"],
                "met": criterion["met"],
                "evidence": criterion.get("evidence", ""),
            },
        )

    for resource in row.get("resources", []):
        create_missing(
            report,
            ResourceAllocation,
            {"programme": programme, "label": resource["label"]},
            {
                "project": projects.get(resource.get("project", "")),
                "hours": money(resource["hours"]),
                "meetings": resource.get("meetings"),
                "hours_per_meeting": money(resource.get("hours_per_meeting")),
                "attendees": resource.get("attendees"),
            },
        )

    for objective_row in row.get("objectives", []):
        _load_objective(report, programme, objective_row, organisations, people)
    return programme


def _load_objective(report, programme, row, organisations, people):
    objective = create_missing(
        report,
        Objective,
        {"programme": programme, "number": row["number"]},
        {
            "title": row["title"],
            "weight": row.get("weight", 1),
            "comment": row.get("comment", ""),
            "notes": row.get("notes", ""),
            "assessed_achieved": money(row.get("assessed_achieved")),
            "assessed_short_consortium": money(row.get("assessed_short_consortium")),
            "assessed_short_other": money(row.get("assessed_short_other")),
            "assessment_reason": row.get("assessment_reason", ""),
        },
    )
    for order, task in enumerate(row.get("tasks", []), start=1):
        created = create_missing(
            report,
            Task,
            {"objective": objective, "order": order},
            {
                "description": task["description"],
                "lead_organisation": organisations[task["lead"]],
                "lead_capacity": task.get("lead_capacity", ""),
                "delivered_through": task.get("through", ""),
                "supporting_organisation": organisations.get(task.get("support", "")),
                "status": task["status"],
                "date": task.get("date"),
                "note": task.get("note", ""),
                "owner": people.get(task.get("owner", "")),
                "shortfall_due_to": task.get("shortfall_due_to", ""),
                "shortfall_reason": task.get("shortfall_reason", ""),
            },
        )
        _load_discussion(report, created, task)


def _load_discussion(report, task, row):
    """Evidence links and comments on a task, by demo users (skipped without them)."""
    if not (row.get("evidence") or row.get("comments")):
        return
    users = {user.username: user for user in get_user_model().objects.all()}
    for item in row.get("evidence", []):
        if item["by"] in users:
            create_missing(
                report,
                Evidence,
                {"task": task, "description": item["description"]},
                {"url": item["url"], "added_by": users[item["by"]]},
            )
    for item in row.get("comments", []):
        if item["by"] in users:
            create_missing(
                report,
                Comment,
                {"task": task, "text": item["text"]},
                {"author": users[item["by"]]},
            )
