"""Small factories that count up names, for building test data by hand."""

import datetime
from decimal import Decimal
from itertools import count

from django.contrib.auth.models import User

from governance.models import Membership, Organisation, Person, PracticeListSize
from programmes.models import (
    FRPTarget,
    Objective,
    Programme,
    Project,
    ResourceAllocation,
    SuccessCriterion,
    Task,
    TaskStatus,
)

STATUSES = list(TaskStatus)

_counter = count(1)
PASSWORD = "test-password"


LIST_SIZE_MONTH = datetime.date(2006, 4, 1)


def organisation(
    kind=Organisation.Kind.CONSORTIUM, short_name=None, list_size=None, **fields
):
    """An organisation; a practice gets a code and, given `list_size`, that size as
    at April 2006."""
    n = next(_counter)
    if kind == Organisation.Kind.PRACTICE:
        fields.setdefault("code", f"Z{n:05d}")
    created = Organisation.objects.create(
        name=fields.pop("name", f"{kind.label} {n}"),
        short_name=short_name or f"Org{n}",
        kind=kind,
        **fields,
    )
    if list_size is not None:
        PracticeListSize.objects.create(
            practice=created, month=LIST_SIZE_MONTH, size=list_size
        )
    return created


def person(organisation_=None, **fields):
    n = next(_counter)
    return Person.objects.create(
        organisation=organisation_ or organisation(),
        first_name=fields.pop("first_name", "Person"),
        last_name=fields.pop("last_name", f"Number{n}"),
        **fields,
    )


def user(role=None, person_=None, organisation_=None, **fields):
    """A sign-in with a name of its own, unlike its person's: a page that shows the
    user's name can then be told apart from one that shows the person's.

    With a role, a membership in `organisation_` (by default the person's)."""
    n = next(_counter)
    account = User.objects.create_user(
        username=fields.pop("username", f"user{n}"),
        password=PASSWORD,
        first_name=fields.pop("first_name", "User"),
        last_name=fields.pop("last_name", f"Number{n}"),
        **fields,
    )
    if role is not None:
        Membership.objects.create(
            user=account,
            organisation=organisation_ or person_.organisation,
            role=role,
        )
    if person_ is not None:
        person_.user = account
        person_.save()
    return account


def programme(consortium=None, partners=(), **fields):
    n = next(_counter)
    created = Programme.objects.create(
        name=fields.pop("name", f"Programme {n}"),
        starts_on=fields.pop("starts_on", "2006-04-01"),
        ends_on=fields.pop("ends_on", "2007-03-31"),
        consortium=consortium or organisation(),
        frp_total_saving=fields.pop("frp_total_saving", Decimal("1000000.00")),
        max_payment_per_patient=fields.pop("max_payment_per_patient", Decimal("0.95")),
        **fields,
    )
    created.partners.set(partners)
    return created


def target(programme_, planned_saving, code=None, project=None):
    n = next(_counter)
    if project is None:
        project, _ = Project.objects.get_or_create(programme=programme_, name="Project")
    return FRPTarget.objects.create(
        project=project,
        code=code or f"{n}.1",
        title=f"Target {n}",
        planned_saving=Decimal(planned_saving),
    )


def project(programme_, **fields):
    n = next(_counter)
    return Project.objects.create(
        programme=programme_,
        name=fields.pop("name", f"Project {n}"),
        order=fields.pop("order", n),
        **fields,
    )


def criterion(programme_, **fields):
    n = next(_counter)
    return SuccessCriterion.objects.create(
        programme=programme_,
        letter=fields.pop("letter", f"c{n % 100}"),
        description=fields.pop("description", f"Criterion {n}"),
        **fields,
    )


def resource(programme_, **fields):
    n = next(_counter)
    return ResourceAllocation.objects.create(
        programme=programme_,
        label=fields.pop("label", f"Resource {n}"),
        hours=fields.pop("hours", Decimal("10.00")),
        **fields,
    )


def objective(programme_, **fields):
    number = fields.pop("number", next(_counter))
    return Objective.objects.create(
        programme=programme_,
        number=number,
        title=fields.pop("title", f"Objective {number}"),
        **fields,
    )


def task(objective_, lead, status=TaskStatus.TO_DO, **fields):
    n = next(_counter)
    return Task.objects.create(
        objective=objective_,
        order=fields.pop("order", n),
        description=fields.pop("description", f"Task {n}"),
        lead_organisation=lead,
        status=status,
        **fields,
    )


def tasks(objective_, lead, statuses):
    """Tasks in the given statuses, e.g. tasks(obj, daccom, ["done", "to_do"])."""
    return [task(objective_, lead, TaskStatus(status)) for status in statuses]


def large_programme(size, consortium, pct, owner):
    """`size` tasks over objectives, with targets and a task edited many times.

    Objectives hold 5 tasks (up to 10 tasks) or 25. Task i of an objective takes
    status STATUSES[i % 7] and lead (consortium, pct, provider)[i % 3]; each
    objective adds a target of £1,000. The first task of the last objective is
    then saved size // 10 times. Returns (programme, last objective, that task).
    """
    programme_ = programme(consortium, partners=[pct])
    per_objective = 5 if size <= 10 else 25
    provider = organisation(Organisation.Kind.PROVIDER)
    for number in range(1, size // per_objective + 1):
        objective_ = objective(programme_, number=number)
        target(programme_, "1000.00")
        for i in range(per_objective):
            lead = (consortium, pct, provider)[i % 3]
            task(
                objective_,
                lead,
                STATUSES[i % len(STATUSES)],
                owner=owner,
                supporting_organisation=pct,
                order=i + 1,
            )
    edited = objective_.tasks.first()
    for i in range(size // 10):
        edited.note = f"Edit {i}"
        edited.owner = owner if i % 2 else None
        edited.save()
    return programme_, objective_, edited


# Meetings (governance.models.meetings) -------------------------------------


def committee(consortium, **fields):
    from governance.models import Committee

    n = next(_counter)
    return Committee.objects.create(
        organisation=consortium, name=fields.pop("name", f"Committee {n}"), **fields
    )


def meeting(committee_, held_on, **fields):
    from governance.models import Meeting

    return Meeting.objects.create(committee=committee_, held_on=held_on, **fields)


def attendance(meeting_, person_=None, kind="attended", group=""):
    from governance.models import Attendance

    return Attendance.objects.create(
        meeting=meeting_, person=person_, group=group, kind=kind
    )


def minute_item(meeting_, number=2, **fields):
    from governance.models import MinuteItem

    return MinuteItem.objects.create(
        meeting=meeting_,
        number=number,
        heading=fields.pop("heading", f"Item {number}"),
        text=fields.pop("text", "Discussed."),
        **fields,
    )


def action(meeting_, owner, due_on, **fields):
    from governance.models import Action

    n = next(_counter)
    return Action.objects.create(
        meeting=meeting_,
        owner=owner,
        due_on=due_on,
        description=fields.pop("description", f"Action {n}"),
        **fields,
    )


def large_meeting(size, consortium, person_):
    """A draft meeting after `size` // 10 earlier ones, each with 10 actions (half
    still open, carried forward) and items; the draft has `size` // 10 items,
    attendance lines and actions. Returns (draft, its last item, its last action,
    its last attendance line)."""
    committee_ = committee(consortium)
    start = datetime.date(2006, 1, 2)
    earlier = size // 10
    for i in range(earlier):
        past = meeting(committee_, start + datetime.timedelta(days=7 * i))
        minute_item(past, 2)
        for j in range(10):
            action(past, person_, past.held_on, status="open" if j % 2 else "open")
    draft = meeting(committee_, start + datetime.timedelta(days=7 * earlier))
    people = [person(consortium) for _ in range(max(earlier, 1))]
    line = item = action_ = None
    for i, someone in enumerate(people):
        line = attendance(draft, someone)
        item = minute_item(draft, i + 2)
        action_ = action(draft, someone, draft.held_on)
    return draft, item, action_, line
