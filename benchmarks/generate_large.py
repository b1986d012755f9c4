"""Build the large consortium on an empty database, in bulk: the data of issue #14.

Run (PostgreSQL, an empty database; migrations are applied first):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/daccom_large \\
        .venv/bin/python benchmarks/generate_large.py [--scale 1] [--force]

At --scale 1: one consortium (DacCom PbC Ltd) with its PCT and providers, 120 member
practices with 10 years of monthly list sizes, a practice manager for each, 12
executive members and 6 PCT reviewers (each a user, a person and a membership),
10 programme years, 80 projects with FRP targets, success criteria and resources,
800 objectives, 16,000 tasks and 104,000 history rows (simple-history: a creation row
for every record, and the rest as edits of tasks, each task edit with its entry in the
action log). The latest programme, the one the benchmark measures, has 80 objectives
and 1,620 tasks. --scale 0.1 builds a tenth of every count (at least one of each).

The sign-in the benchmark uses is BENCH_USERNAME / BENCH_PASSWORD below, an executive
member who owns a share of the open tasks. It refuses a database that already holds
DacCom data unless given --force, which empties it first (manage.py flush).
Every write is a bulk insert; the run ends with VACUUM ANALYZE (the benchmark server
runs with autovacuum off) and prints the counts and the time taken.
"""

import argparse
import datetime
import os
import random
import secrets
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCH_USERNAME = "bench"
BENCH_PASSWORD = "bench-daccom-2026"
MEASURED_PROGRAMME = "Large consortium programme 2016/17"

# Counts at --scale 1 (issue #14).
PROGRAMMES = 10
PROJECTS_PER_PROGRAMME = 8
OBJECTIVES = 800
TASKS = 16_000
MEASURED_TASKS = 1_620
PRACTICES = 120
HISTORY_ROWS = 104_000
EXECUTIVES = 12
REVIEWERS = 6
LIST_SIZE_MONTHS = 120
TARGETS_PER_PROJECT = 3
CRITERIA_PER_PROGRAMME = 4
# The capabilities that landed after the first run (funding, meetings, framework,
# commissioning, status reports).
INVOICES = 400  # over every status, most on the measured programme's scheme
CONTRACTS_PER_SCHEME = 4
MEETINGS_PER_YEAR = 12
ITEMS_PER_MEETING = 10
ACTIONS_PER_MEETING = 4
ATTENDEES_PER_MEETING = 10
FRAMEWORK_AREAS = 10
TARGETS_PER_AREA = 10
SERVICE_AREAS = 50
GATEKEEPER_CRITERIA = 8
STATUS_REPORTS = 12
HEADINGS = ["Finance", "Programme", "List sizes", "Prescribing", "Any other business"]
BATCH = 5_000
SEED = 20261125


def _scaled(count, scale, minimum=1):
    return max(minimum, round(count * scale))


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = issue #14's size")
    parser.add_argument(
        "--force",
        action="store_true",
        help="empty a database that already holds data (manage.py flush) first",
    )
    return parser.parse_args(argv)


def _setup_django():
    if not os.environ.get("DATABASE_URL"):
        sys.exit("generate_large: give the database as DATABASE_URL=postgres://…")
    # A throw-away key: this script only writes data, it signs nothing that lasts.
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DEBUG", "0")  # DEBUG on would keep every query in memory
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daccom.settings")
    import django

    django.setup()


class Builder:
    """Holds the counts and the random source; each method bulk-creates one layer."""

    def __init__(self, scale):
        from django.contrib.auth.hashers import make_password

        self.scale = scale
        self.rng = random.Random(SEED)
        self.now = datetime.datetime(2017, 3, 31, 17, 0, tzinfo=datetime.UTC)
        self.password = make_password(BENCH_PASSWORD)  # hashed once, shared
        self.history = {}  # historical model → rows to insert
        self.counts = {}

    # -- history ---------------------------------------------------------------

    def record(self, objs, when, user=None, kind="+"):
        """Queue a simple-history row for each saved object (its fields as they are)."""
        if not objs:
            return
        model = type(objs[0])
        if not hasattr(model, "history"):
            return
        historical = model.history.model
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.attname in {h.attname for h in historical._meta.concrete_fields}
        ]
        rows = self.history.setdefault(historical, [])
        for obj in objs:
            rows.append(
                historical(
                    **{name: getattr(obj, name) for name in names},
                    history_date=when(obj) if callable(when) else when,
                    history_type=kind,
                    history_user_id=user.pk if user else None,
                    history_change_reason=None,
                )
            )

    def history_count(self):
        return sum(len(rows) for rows in self.history.values())

    # -- governance ------------------------------------------------------------

    def organisations(self):
        from governance.models import Organisation, PracticeListSize

        kind = Organisation.Kind
        self.consortium = Organisation(
            name="DacCom PbC Ltd", short_name="DacCom", kind=kind.CONSORTIUM
        )
        self.pct = Organisation(
            name="West Hertfordshire PCT", short_name="PCT", kind=kind.PCT
        )
        old_pcts = [
            Organisation(name="Dacorum PCT", short_name="Dacorum PCT", kind=kind.PCT),
            Organisation(
                name="Watford & Three Rivers PCT",
                short_name="Watford & Three Rivers PCT",
                kind=kind.PCT,
            ),
        ]
        self.providers = [
            Organisation(
                name="West Hertfordshire Hospitals NHS Trust",
                short_name="WHHT",
                kind=kind.PROVIDER,
            ),
            Organisation(
                name="The Tring Physiotherapy and Sports Injuries Clinic",
                short_name="Tring Physiotherapy",
                kind=kind.PROVIDER,
            ),
            Organisation(
                name="Hertfordshire Community Services (generated)",
                short_name="Community Services",
                kind=kind.PROVIDER,
            ),
        ]
        Organisation.objects.bulk_create(
            [self.consortium, self.pct, *old_pcts, *self.providers]
        )
        for old in old_pcts:
            old.successor = self.pct
        Organisation.objects.bulk_update(old_pcts, ["successor"])
        n = _scaled(PRACTICES, self.scale, minimum=8)
        self.practices = Organisation.objects.bulk_create(
            Organisation(
                name=f"Practice {i:03d} Surgery (generated)",
                short_name=f"Practice {i:03d}",
                kind=kind.PRACTICE,
                code=f"G{i:05d}",
                member_of=self.consortium,
            )
            for i in range(1, n + 1)
        )
        orgs = [self.consortium, self.pct, *old_pcts, *self.providers, *self.practices]
        self.record(orgs, self.now - datetime.timedelta(days=3700))
        months = _scaled(LIST_SIZE_MONTHS, self.scale, minimum=12)
        first = datetime.date(2007, 4, 1)
        sizes = []
        for practice in self.practices:
            size = self.rng.randint(3_000, 16_000)
            for m in range(months):
                year, month = divmod(first.month - 1 + m, 12)
                sizes.append(
                    PracticeListSize(
                        practice=practice,
                        month=datetime.date(first.year + year, month + 1, 1),
                        size=size + self.rng.randint(-150, 150),
                    )
                )
        sizes = PracticeListSize.objects.bulk_create(sizes, batch_size=BATCH)
        self.record(sizes, lambda s: self._at(s.month))
        self.counts["organisations"] = len(orgs)
        self.counts["list sizes"] = len(sizes)

    def _at(self, day):
        return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)

    def people(self):
        from django.contrib.auth.models import User

        from governance.models import Membership, Person

        role = Membership.Role
        cast = [
            (
                self.consortium,
                role.EXECUTIVE,
                f"exec{i:02d}",
                "Executive",
                f"Member {i}",
            )
            for i in range(1, _scaled(EXECUTIVES, self.scale, minimum=2) + 1)
        ]
        cast[0] = (self.consortium, role.EXECUTIVE, BENCH_USERNAME, "Bench", "Runner")
        cast += [
            (self.pct, role.PCT, f"pct{i:02d}", "Reviewer", f"Number {i}")
            for i in range(1, _scaled(REVIEWERS, self.scale, minimum=1) + 1)
        ]
        cast += [
            (practice, role.PRACTICE_MANAGER, f"pm{practice.code}", "Manager", code)
            for practice in self.practices
            for code in [practice.code]
        ]
        users = User.objects.bulk_create(
            User(
                username=username,
                password=self.password,
                first_name=first,
                last_name=last,
                email=f"{username}@example.invalid",
            )
            for _, _, username, first, last in cast
        )
        people = Person.objects.bulk_create(
            Person(organisation=org, first_name=first, last_name=last, user=user)
            for (org, _, _, first, last), user in zip(cast, users, strict=True)
        )
        memberships = Membership.objects.bulk_create(
            Membership(user=user, organisation=org, role=role_)
            for (org, role_, _, _, _), user in zip(cast, users, strict=True)
        )
        joined = self.now - datetime.timedelta(days=3650)
        self.record(people, joined)
        self.record(memberships, joined)
        self.bench_user, self.bench_person = users[0], people[0]
        self.executives = [
            (u, p)
            for (_, r, *_), u, p in zip(cast, users, people, strict=True)
            if r == role.EXECUTIVE
        ]
        self.reviewers = [
            (u, p)
            for (_, r, *_), u, p in zip(cast, users, people, strict=True)
            if r == role.PCT
        ]
        self.counts["users (people, memberships)"] = len(users)

    # -- programmes --------------------------------------------------------------

    def programmes(self):
        from programmes.models import (
            FRPTarget,
            Objective,
            Programme,
            Project,
            ResourceAllocation,
            SuccessCriterion,
        )

        n = PROGRAMMES if self.scale >= 0.1 else max(1, round(PROGRAMMES * self.scale))
        first_year = 2016 - n + 1
        self.programme_list = Programme.objects.bulk_create(
            Programme(
                name=f"Large consortium programme {y}/{(y + 1) % 100:02d}",
                starts_on=datetime.date(y, 4, 1),
                ends_on=datetime.date(y + 1, 3, 31),
                consortium=self.consortium,
                frp_total_saving=Decimal("6857000.00"),
                max_payment_per_patient=Decimal("0.95"),
                description="Generated for the large-consortium benchmark.",
            )
            for y in range(first_year, first_year + n)
        )
        Partners = Programme.partners.through
        Partners.objects.bulk_create(
            Partners(programme=p, organisation=self.pct) for p in self.programme_list
        )
        Leads = Programme.leads.through
        Leads.objects.bulk_create(
            Leads(programme=p, person=person)
            for p in self.programme_list
            for person in (self.executives[0][1], self.reviewers[0][1])
        )
        self.record(self.programme_list, lambda p: self._at(p.starts_on))

        per_programme = _scaled(PROJECTS_PER_PROGRAMME, self.scale)
        self.projects = projects = Project.objects.bulk_create(
            Project(programme=p, order=i, name=f"Project {i}: pathway {i} (generated)")
            for p in self.programme_list
            for i in range(1, per_programme + 1)
        )
        self.record(projects, lambda x: self._at(x.programme.starts_on))
        targets = FRPTarget.objects.bulk_create(
            FRPTarget(
                project=project,
                code=f"{project.order}.{i}",
                title=f"Target {project.order}.{i} (generated)",
                planned_saving=Decimal(self.rng.randint(5, 300) * 1000),
            )
            for project in projects
            for i in range(1, TARGETS_PER_PROJECT + 1)
        )
        self.record(targets, lambda t: self._at(t.project.programme.starts_on))
        criteria = SuccessCriterion.objects.bulk_create(
            SuccessCriterion(
                programme=p,
                letter="abcd"[i],
                description=f"Success criterion {'abcd'[i]} (generated)",
                met=i % 2 == 0,
            )
            for p in self.programme_list
            for i in range(CRITERIA_PER_PROGRAMME)
        )
        self.record(criteria, lambda c: self._at(c.programme.starts_on))
        resources = ResourceAllocation.objects.bulk_create(
            ResourceAllocation(
                programme=p,
                label="Programme management",
                hours=Decimal("200.00"),
                meetings=16,
                hours_per_meeting=Decimal("1.25"),
                attendees=10,
            )
            for p in self.programme_list
        )
        self.record(resources, lambda r: self._at(r.programme.starts_on))

        objectives_each = _scaled(OBJECTIVES // PROGRAMMES, self.scale)
        self.objectives = Objective.objects.bulk_create(
            Objective(
                programme=p,
                number=i,
                title=f"Objective {i} of {p.name} (generated)",
                weight=1,
            )
            for p in self.programme_list
            for i in range(1, objectives_each + 1)
        )
        self.record(self.objectives, lambda o: self._at(o.programme.starts_on))
        self.counts["programmes"] = len(self.programme_list)
        self.counts["projects"] = len(projects)
        self.counts["FRP targets"] = len(targets)
        self.counts["objectives"] = len(self.objectives)

    def tasks(self):
        from programmes.models import Task, TaskStatus

        total = _scaled(TASKS, self.scale, minimum=len(self.programme_list))
        measured = _scaled(MEASURED_TASKS, self.scale)
        others = len(self.programme_list) - 1
        if others:
            share, extra = divmod(total - measured, others)
            per_programme = [share + (i < extra) for i in range(others)] + [measured]
        else:
            per_programme = [measured]
        by_programme = {}
        for objective in self.objectives:
            by_programme.setdefault(objective.programme_id, []).append(objective)
        status_bag = (
            [TaskStatus.DONE] * 40
            + [TaskStatus.TBC] * 5
            + [TaskStatus.IN_PROGRESS] * 20
            + [TaskStatus.PLANNED] * 10
            + [TaskStatus.TO_DO] * 15
            + [TaskStatus.NOT_DONE] * 6
            + [TaskStatus.STOPPED] * 4
        )
        leads = (
            [self.consortium] * 8
            + [self.pct] * 6
            + self.providers * 1
            + self.practices[:3]
        )
        owners = [p for _, p in self.executives + self.reviewers]
        words = (
            "referral pathway clinic audit practice budget savings review minutes "
            "agreement report scheme list-size payment governance prescribing"
        ).split()
        tasks = []
        for programme, count in zip(self.programme_list, per_programme, strict=True):
            objectives = by_programme[programme.pk]
            each, extra = divmod(count, len(objectives))
            for k, objective in enumerate(objectives):
                for order in range(1, each + (k < extra) + 1):
                    status = self.rng.choice(status_bag)
                    day = programme.starts_on + datetime.timedelta(
                        days=self.rng.randint(0, 364)
                    )
                    note = ""
                    if status in (TaskStatus.NOT_DONE, TaskStatus.STOPPED):
                        note = "Stopped by the PCT's new priorities"
                    elif status == TaskStatus.DONE:
                        note = "Yes"
                    tasks.append(
                        Task(
                            objective=objective,
                            order=order,
                            description=(
                                f"{self.rng.choice(words).capitalize()} "
                                f"{self.rng.choice(words)} task {order} of objective "
                                f"{objective.number}: "
                                + " ".join(self.rng.choice(words) for _ in range(10))
                            ),
                            lead_organisation=self.rng.choice(leads),
                            supporting_organisation=self.rng.choice(
                                [None, self.pct, self.consortium]
                            ),
                            status=status,
                            date=day if status != TaskStatus.TO_DO else None,
                            note=note,
                            owner=self.rng.choice(owners),
                        )
                    )
        self.task_list = Task.objects.bulk_create(tasks, batch_size=BATCH)
        self.record(
            self.task_list,
            lambda t: self._at(t.objective.programme.starts_on),
            user=self.bench_user,
        )
        self.counts["tasks"] = len(self.task_list)

    def task_edits(self):
        """Edits of tasks, spread evenly, until the history holds HISTORY_ROWS rows;
        each edit also gets its action-log entry, as programmes.services writes it."""
        from django.contrib.contenttypes.models import ContentType

        from core.models import LogEntry
        from programmes.models import Task, TaskStatus

        wanted = _scaled(HISTORY_ROWS, self.scale) - self.history_count()
        if wanted <= 0:
            return
        per_task, extra = divmod(wanted, len(self.task_list))
        editors = [u for u, _ in self.executives]
        content_type = ContentType.objects.get_for_model(Task)
        logs = []
        created = {row.id: row for row in self.history[Task.history.model]}
        for i, task in enumerate(self.task_list):
            edits = per_task + (i < extra)
            if edits:  # the task began to do, and reached its status through edits
                created[task.pk].status = TaskStatus.TO_DO
                created[task.pk].note = ""
                created[task.pk].date = None
            start = self._at(task.objective.programme.starts_on)
            final_status, final_note = task.status, task.note
            for j in range(edits):
                last = j == edits - 1
                before = (task.status, task.note)
                task.status = final_status if last else TaskStatus.IN_PROGRESS
                task.note = final_note if last else f"Progress update {j + 1}"
                when = start + datetime.timedelta(days=7 * (j + 1), hours=i % 8)
                editor = editors[(i + j) % len(editors)]
                self.record([task], when, user=editor, kind="~")
                changed = before[0] != task.status
                logs.append(
                    LogEntry(
                        when=when,
                        user=editor,
                        content_type=content_type,
                        object_id=task.pk,
                        action="programmes.task."
                        + ("status_changed" if changed else "updated"),
                        data={"note": {"from": before[1], "to": task.note}},
                    )
                )
        LogEntry.objects.bulk_create(logs, batch_size=BATCH)
        self.counts["action log entries"] = len(logs)

    # -- funding -----------------------------------------------------------------

    def funding(self):
        """A DES scheme a programme year, with its payment kinds, every practice's
        participation and a reserve credit; key-person contracts; invoices in every
        status (most on the measured programme's scheme)."""
        from funding.models import (
            FundingScheme,
            Invoice,
            KeyPersonContract,
            Participation,
            PaymentKind,
            ReserveCredit,
        )

        self.schemes = FundingScheme.objects.bulk_create(
            FundingScheme(
                name=f"DES {p.starts_on.year}/{(p.starts_on.year + 1) % 100:02d} "
                "(generated)",
                kind=FundingScheme.Kind.DES,
                programme=p,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
                population_as_at=p.starts_on,
                hourly_rate=Decimal("71.25"),
            )
            for p in self.programme_list
        )
        self.record(self.schemes, lambda s: self._at(s.starts_on))
        rates = {
            PaymentKind.Kind.ASPIRATION: Decimal("0.95"),
            PaymentKind.Kind.REWARD: Decimal("0.3167"),
            PaymentKind.Kind.ACHIEVEMENT: Decimal("0.3167"),
        }
        kinds = PaymentKind.objects.bulk_create(
            PaymentKind(scheme=s, kind=k, max_rate_per_patient=r)
            for s in self.schemes
            for k, r in rates.items()
        )
        self.record(kinds, lambda k: self._at(k.scheme.starts_on))
        statuses = [Participation.Status.CONFIRMED] * 18 + [
            Participation.Status.WITHDRAWN,
            Participation.Status.NOT_PARTICIPATING,
        ]
        participations = []
        for s in self.schemes:
            for i, practice in enumerate(self.practices):
                status = statuses[i % len(statuses)]
                participations.append(
                    Participation(
                        scheme=s,
                        practice=practice,
                        status=status,
                        confirmed_on=s.starts_on
                        if status != Participation.Status.NOT_PARTICIPATING
                        else None,
                        withdrawn_on=s.starts_on + datetime.timedelta(days=200)
                        if status == Participation.Status.WITHDRAWN
                        else None,
                    )
                )
        participations = Participation.objects.bulk_create(
            participations, batch_size=BATCH
        )
        self.record(participations, lambda x: self._at(x.confirmed_on or self.now))
        credits = ReserveCredit.objects.bulk_create(
            ReserveCredit(
                scheme=s,
                amount=Decimal("250000.00"),
                credited_on=s.starts_on + datetime.timedelta(days=90),
                because="Reserve credited from the DES (generated)",
                recorded_by=self.bench_user,
            )
            for s in self.schemes
        )
        self.record(credits, lambda c: self._at(c.credited_on))
        people = [p for _, p in self.executives]
        contracts = KeyPersonContract.objects.bulk_create(
            KeyPersonContract(
                scheme=s,
                person=people[i % len(people)],
                role=["Clinical lead", "Finance lead", "Project manager", "GP lead"][
                    i % 4
                ],
                hours_per_year=Decimal("120.00"),
                rate=Decimal("71.25"),
                starts_on=s.starts_on,
                ends_on=s.ends_on,
            )
            for s in self.schemes
            for i in range(_scaled(CONTRACTS_PER_SCHEME, self.scale))
        )
        self.record(contracts, lambda c: self._at(c.starts_on))
        by_scheme = {}
        for contract in contracts:
            by_scheme.setdefault(contract.scheme_id, []).append(contract)
        projects_by_programme = {}
        for project in self.projects:
            projects_by_programme.setdefault(project.programme_id, []).append(project)
        status_bag = (
            ["paid"] * 5
            + ["approved"] * 2
            + ["submitted"] * 2
            + [
                "changes_requested",
                "rejected",
            ]
        )
        total = _scaled(INVOICES, self.scale, minimum=len(status_bag))
        measured = self.schemes[-1]
        invoices = []
        for i in range(total):
            # Half on the measured scheme, the rest spread over the earlier years.
            s = measured if i % 2 == 0 else self.schemes[i % len(self.schemes)]
            status = status_bag[i % len(status_bag)]
            day = s.starts_on + datetime.timedelta(days=self.rng.randint(10, 350))
            hours = Decimal(self.rng.randint(1, 16)) / 2
            contract = None
            if i % 3 == 0 and by_scheme.get(s.pk):
                contract = by_scheme[s.pk][i % len(by_scheme[s.pk])]
            person = contract.person if contract else None
            practice = None
            if person is None:
                if i % 3 == 1:
                    practice = self.practices[i % len(self.practices)]
                else:
                    person = people[i % len(people)]
            rate = contract.rate if contract else Decimal("50.00")
            for_project = i % 2 == 1
            invoices.append(
                Invoice(
                    scheme=s,
                    number=f"INV-{i + 1:05d}",
                    person=person,
                    practice=practice,
                    project=self.rng.choice(projects_by_programme[s.programme_id])
                    if for_project
                    else None,
                    meeting="" if for_project else "Executive Committee meeting",
                    meeting_on=None if for_project else day,
                    contract=contract,
                    description="Generated for the benchmark",
                    hours=hours,
                    rate=rate,
                    amount=(hours * rate).quantize(Decimal("0.01")),
                    invoice_date=day,
                    status=status,
                    reason="Please give the meeting's date"
                    if status in ("changes_requested", "rejected")
                    else "",
                    submitted_at=self._at(day),
                    submitted_by=self.bench_user,
                    decided_at=self._at(day + datetime.timedelta(days=7))
                    if status in ("approved", "paid", "rejected")
                    else None,
                    decided_by=self.bench_user
                    if status in ("approved", "paid", "rejected")
                    else None,
                    paid_on=day + datetime.timedelta(days=21)
                    if status == "paid"
                    else None,
                )
            )
        invoices = Invoice.objects.bulk_create(invoices, batch_size=BATCH)
        self.record(invoices, lambda x: x.submitted_at, user=self.bench_user)
        self.counts["funding schemes"] = len(self.schemes)
        self.counts["participations"] = len(participations)
        self.counts["key-person contracts"] = len(contracts)
        self.counts["invoices"] = len(invoices)

    # -- meetings and actions ----------------------------------------------------

    def meetings(self):
        """The executive committee meeting monthly over the programme years, each
        with attendance, minute items and actions (open, done and overdue)."""
        from governance.models import Action, Attendance, Committee, Meeting, MinuteItem

        committee = Committee.objects.create(
            organisation=self.consortium, name="DacCom PbC Ltd Executive Committee"
        )
        self.record([committee], self.now - datetime.timedelta(days=3650))
        per_year = _scaled(MEETINGS_PER_YEAR, self.scale, minimum=2)
        days = []
        for p in self.programme_list:
            for m in range(per_year):
                year, month = divmod(p.starts_on.month - 1 + m * 12 // per_year, 12)
                days.append(datetime.date(p.starts_on.year + year, month + 1, 20))
        people = [p for _, p in self.executives + self.reviewers]
        meetings = Meeting.objects.bulk_create(
            Meeting(
                committee=committee,
                held_on=day,
                starts_at=datetime.time(12, 30),
                ends_at=datetime.time(14, 30),
                place="Boxmoor House (generated)",
                recorded_by=people[0],
                recorded_on=day + datetime.timedelta(days=3),
                status=Meeting.Status.DRAFT
                if k == len(days) - 1
                else Meeting.Status.FINALISED,
            )
            for k, day in enumerate(days)
        )
        self.record(meetings, lambda m: self._at(m.held_on))
        attendees = _scaled(ATTENDEES_PER_MEETING, self.scale, minimum=2)
        lines, items, actions = [], [], []
        today = datetime.date(2017, 3, 31)
        for k, meeting in enumerate(meetings):
            for i, person in enumerate(people[:attendees]):
                lines.append(
                    Attendance(
                        meeting=meeting,
                        person=person,
                        kind=Attendance.Kind.APOLOGIES
                        if (i + k) % 7 == 0
                        else Attendance.Kind.ATTENDED,
                        order=i,
                    )
                )
            lines.append(
                Attendance(
                    meeting=meeting,
                    group="Dacorum Practice Managers",
                    kind=Attendance.Kind.COPY,
                    order=99,
                )
            )
            for n in range(2, _scaled(ITEMS_PER_MEETING, self.scale, minimum=2) + 2):
                items.append(
                    MinuteItem(
                        meeting=meeting,
                        number=n,
                        heading=f"Item {n}: {self.rng.choice(HEADINGS)}",
                        text="Discussed and noted (generated). " * 6,
                    )
                )
            for a in range(_scaled(ACTIONS_PER_MEETING, self.scale, minimum=3)):
                due = meeting.held_on + datetime.timedelta(days=30)
                # The last year's: open (some overdue); earlier: mostly done.
                recent = meeting.held_on > today - datetime.timedelta(days=365)
                done = (a % 4 != 0) if not recent else a % 2 == 0
                dropped = not done and not recent and a % 8 == 4
                status = (
                    Action.Status.DONE
                    if done
                    else Action.Status.DROPPED
                    if dropped
                    else Action.Status.OPEN
                )
                actions.append(
                    Action(
                        meeting=meeting,
                        order=a,
                        owner=people[(k + a) % len(people)],
                        description=f"Action {a + 1} from {meeting.held_on:%-d %B %Y}: "
                        "write to the practices about list sizes (generated)",
                        due_on=due,
                        status=status,
                        closed_on=None
                        if status == Action.Status.OPEN
                        else min(due, today),
                        outcome="" if status == Action.Status.OPEN else "Done.",
                    )
                )
        lines = Attendance.objects.bulk_create(lines, batch_size=BATCH)
        items = MinuteItem.objects.bulk_create(items, batch_size=BATCH)
        actions = Action.objects.bulk_create(actions, batch_size=BATCH)
        self.record(lines, lambda x: self._at(x.meeting.held_on))
        self.record(items, lambda x: self._at(x.meeting.held_on))
        self.record(actions, lambda x: self._at(x.meeting.held_on))
        self.counts["meetings"] = len(meetings)
        self.counts["attendance lines"] = len(lines)
        self.counts["minute items"] = len(items)
        self.counts["actions"] = len(actions)

    # -- the governance framework and commissioning ------------------------------

    def framework(self):
        from governance.models import (
            Framework,
            FrameworkArea,
            FrameworkLevel,
            FrameworkTarget,
            InterimFunding,
            TargetPosition,
        )

        framework = Framework.objects.create(
            name="West Hertfordshire PCT governance framework (generated)",
            version="2016/17",
            pct=self.pct,
            consortium=self.consortium,
            effective_from=self.programme_list[-1].starts_on,
        )
        self.record([framework], self._at(framework.effective_from))
        levels = FrameworkLevel.objects.bulk_create(
            FrameworkLevel(
                framework=framework,
                number=n,
                name=f"Level {n}",
                funding_per_patient=Decimal(n),
            )
            for n in (1, 2, 3)
        )
        self.record(levels, self._at(framework.effective_from))
        areas = FrameworkArea.objects.bulk_create(
            FrameworkArea(framework=framework, order=i, name=f"Area {i} (generated)")
            for i in range(1, _scaled(FRAMEWORK_AREAS, self.scale, minimum=2) + 1)
        )
        self.record(areas, self._at(framework.effective_from))
        targets = FrameworkTarget.objects.bulk_create(
            FrameworkTarget(
                area=area,
                code=f"{area.order}.{i}",
                title=f"Target {area.order}.{i} (generated)",
                level=1 + i % 3,
            )
            for area in areas
            for i in range(1, TARGETS_PER_AREA + 1)
        )
        self.record(targets, self._at(framework.effective_from))
        states = ["met", "met", "planned", "neither", None]
        positions = TargetPosition.objects.bulk_create(
            TargetPosition(
                target=target,
                status=states[i % len(states)],
                evidence="Evidence (generated)" if states[i % 5] == "met" else "",
                plan="Plan (generated)" if states[i % 5] == "planned" else "",
            )
            for i, target in enumerate(targets)
            if states[i % len(states)] is not None
        )
        self.record(positions, self._at(framework.effective_from))
        interim = InterimFunding.objects.create(
            framework=framework,
            level=3,
            starts_on=framework.effective_from,
            ends_on=framework.effective_from + datetime.timedelta(days=90),
            targets_due_by=framework.effective_from + datetime.timedelta(days=90),
        )
        self.record([interim], self._at(framework.effective_from))
        self.counts["framework targets"] = len(targets)

    def commissioning(self):
        from commissioning.models import (
            CriterionCheck,
            GatekeeperCriterion,
            Proposal,
            ProposalStep,
            ServiceArea,
            ServiceRole,
            Stage,
        )

        people = [p for _, p in self.executives]
        n = _scaled(SERVICE_AREAS, self.scale, minimum=2)
        areas = ServiceArea.objects.bulk_create(
            ServiceArea(
                consortium=self.consortium,
                order=i,
                name=f"Service area {i} (generated)",
                clinical_lead=people[i % len(people)],
                management_lead=people[(i + 1) % len(people)],
            )
            for i in range(1, n + 1)
        )
        self.record(areas, self.now)
        roles = ServiceRole.objects.bulk_create(
            ServiceRole(
                service_area=area,
                party=party,
                description=f"Role of the {party} (generated)",
                order=k,
            )
            for area in areas
            for k, party in enumerate(("consortium", "pct", "practices"))
        )
        self.record(roles, self.now)
        criteria = GatekeeperCriterion.objects.bulk_create(
            GatekeeperCriterion(
                consortium=self.consortium,
                order=i,
                text=f"Criterion {i}: fits the consortium's priorities (generated)",
            )
            for i in range(1, GATEKEEPER_CRITERIA + 1)
        )
        self.record(criteria, self.now)
        stages = [
            Stage.RECEIVED,
            Stage.SCREENED,
            Stage.UNDER_STUDY,
            Stage.ACCEPTED,
            Stage.DECLINED,
            Stage.DEFERRED,
            Stage.LEADS_IDENTIFIED,
            Stage.CASE_SUBMITTED,
        ]
        proposals = Proposal.objects.bulk_create(
            Proposal(
                consortium=self.consortium,
                title=f"Proposal {i}: redesign of service {i} (generated)",
                raised_by=f"Clinic {i}",
                received_on=self.programme_list[-1].starts_on
                + datetime.timedelta(days=3 * i),
                service_area=area,
                request="Please redesign the service (generated).",
                stage=stages[i % len(stages)],
                created_at=self.now,
            )
            for i, area in enumerate(areas, start=1)
        )
        self.record(proposals, self.now)
        steps = ProposalStep.objects.bulk_create(
            ProposalStep(
                proposal=p,
                action="screen",
                from_stage=Stage.RECEIVED,
                to_stage=Stage.SCREENED,
                on=p.received_on + datetime.timedelta(days=14),
                recorded_at=self.now,
            )
            for p in proposals
            if p.stage != Stage.RECEIVED
        )
        self.record(steps, self.now)
        checks = CriterionCheck.objects.bulk_create(
            CriterionCheck(proposal=p, criterion=c, met=True)
            for p in proposals
            if p.stage != Stage.RECEIVED
            for c in criteria
        )
        self.record(checks, self.now)
        self.counts["service areas (proposals)"] = len(areas)

    def status_reports(self):
        """Draft status reports, one a month of the measured year, with their
        figures gathered (the archive lists them; publishing renders PDFs, left out)."""
        from reports.models import StatusReport
        from reports.status_services import take_figures

        first = self.programme_list[-1].starts_on
        reports = StatusReport.objects.bulk_create(
            StatusReport(
                consortium=self.consortium,
                month=datetime.date(
                    first.year + (first.month - 1 + m) // 12,
                    (first.month - 1 + m) % 12 + 1,
                    1,
                ),
                created_by=self.bench_user,
            )
            for m in range(_scaled(STATUS_REPORTS, self.scale))
        )
        for report in reports:
            take_figures(report)
        self.record(reports, self.now)
        self.counts["status reports"] = len(reports)

    def write_history(self):
        for historical, rows in self.history.items():
            historical.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["history rows"] = self.history_count()


def _refuse_or_flush(force):
    from django.core.management import call_command

    from governance.models import Organisation

    if Organisation.objects.exists():
        if not force:
            sys.exit(
                "generate_large: this database already holds DacCom data; "
                "use an empty one, or --force to empty it first"
            )
        call_command("flush", interactive=False, verbosity=0)


def main(argv=None):
    args = _parse_args(argv)
    _setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    _refuse_or_flush(args.force)
    builder = Builder(args.scale)
    with transaction.atomic():
        builder.organisations()
        builder.people()
        builder.programmes()
        builder.tasks()
        builder.task_edits()
        builder.funding()
        builder.meetings()
        builder.framework()
        builder.commissioning()
        builder.status_reports()
        builder.write_history()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - started
    for name, value in builder.counts.items():
        sys.stdout.write(f"{name:>28}: {value:,}\n")
    measured = builder.programme_list[-1]
    sys.stdout.write(
        f"measured programme: {measured.name} (pk {measured.pk}); "
        f"sign in as {BENCH_USERNAME} / {BENCH_PASSWORD}\n"
        f"built at scale {args.scale:g} on {connection.vendor} in {elapsed:.1f} s\n"
    )


if __name__ == "__main__":
    main()
