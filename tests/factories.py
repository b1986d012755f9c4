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


def small(n):
    """A counter value that fits a small-integer column (an order, on PostgreSQL)
    however many objects the run has made."""
    return n % 30_000


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
        order=fields.pop("order", small(n)),
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
        order=fields.pop("order", small(n)),
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


# The governance framework (issue #18).


def framework(consortium, pct, levels=(1, 2, 3), **fields):
    """A framework version with levels (the seeds' rule: 2 met a area, plans for
    the rest) and no areas yet."""
    from governance.models import Framework, FrameworkLevel

    n = next(_counter)
    created = Framework.objects.create(
        name=fields.pop("name", f"Framework {n}"),
        version=fields.pop("version", "2007/8"),
        pct=pct,
        consortium=consortium,
        effective_from=fields.pop("effective_from", datetime.date(2007, 4, 1)),
        **fields,
    )
    for number in levels:
        FrameworkLevel.objects.create(
            framework=created,
            number=number,
            funding_per_patient=Decimal(number),
        )
    return created


def framework_area(framework_, targets=(), **fields):
    """An area with targets given as (level, status) pairs; status None records no
    position."""
    from governance.models import FrameworkArea, FrameworkTarget, TargetPosition

    n = next(_counter)
    area = FrameworkArea.objects.create(
        framework=framework_,
        name=fields.pop("name", f"Area {n}"),
        order=small(n),
        **fields,
    )
    for i, (level, status) in enumerate(targets, start=1):
        target = FrameworkTarget.objects.create(
            area=area, code=f"{n}.{i}", title=f"Target {n}.{i}", level=level
        )
        if status is not None:
            TargetPosition.objects.create(
                target=target,
                status=status,
                evidence="Evidence" if status == "met" else "",
                plan="Plan" if status == "planned" else "",
            )
    return area


def large_framework(size, consortium, pct):
    """A framework with size // 10 areas of 10 targets over the three levels, in
    every state, with positions edited; and interim funding."""
    from governance.models import InterimFunding, TargetPosition

    created = framework(consortium, pct)
    states = ["met", "met", "planned", "neither", None]
    for _ in range(max(1, size // 10)):
        framework_area(
            created, [(1 + i % 3, states[i % len(states)]) for i in range(10)]
        )
    for position in TargetPosition.objects.filter(target__area__framework=created):
        position.evidence = "Edited"
        position.save()
    InterimFunding.objects.create(
        framework=created,
        level=3,
        starts_on=datetime.date(2007, 4, 1),
        ends_on=datetime.date(2007, 6, 30),
        targets_due_by=datetime.date(2007, 6, 30),
    )
    return created


# The business plan and the gatekeeper (issue #18).


def service_area(consortium, **fields):
    from commissioning.models import ServiceArea

    n = next(_counter)
    return ServiceArea.objects.create(
        consortium=consortium,
        name=fields.pop("name", f"Service {n}"),
        order=small(n),
        **fields,
    )


def gatekeeper_criterion(consortium, **fields):
    from commissioning.models import GatekeeperCriterion

    n = next(_counter)
    return GatekeeperCriterion.objects.create(
        consortium=consortium,
        text=fields.pop("text", f"Criterion {n}"),
        order=small(n),
        **fields,
    )


def proposal(consortium, stage="received", **fields):
    """A proposal put straight at `stage` (the moves have their own tests)."""
    from commissioning.models import Proposal

    n = next(_counter)
    return Proposal.objects.create(
        consortium=consortium,
        title=fields.pop("title", f"Proposal {n}"),
        raised_by=fields.pop("raised_by", f"Clinic {n}"),
        received_on=fields.pop("received_on", datetime.date(2007, 2, 1)),
        request=fields.pop("request", "Please redesign the service."),
        stage=stage,
        **fields,
    )


def large_business_plan(size, consortium):
    """size // 10 service areas with roles, and as many proposals, each screened
    against size // 10 criteria. Returns the last area and the last proposal,
    just received (with its criteria to check)."""
    from commissioning.models import CriterionCheck, ProposalStep

    n = max(1, size // 10)
    criteria = [gatekeeper_criterion(consortium) for _ in range(n)]
    for _ in range(n):
        area = service_area(consortium, clinical_lead=person(consortium))
        for party in ("consortium", "pct", "practices"):
            area.roles.create(party=party, description=f"Role of {party}")
        screened = proposal(consortium, stage="screened", service_area=area)
        ProposalStep.objects.create(
            proposal=screened,
            action="screen",
            from_stage="received",
            to_stage="screened",
            on=datetime.date(2007, 2, 22),
        )
        for criterion in criteria:
            CriterionCheck.objects.create(
                proposal=screened, criterion=criterion, met=True
            )
    return area, proposal(consortium, service_area=area)


def scheme(programme_, practices=(), **fields):
    """A DES scheme on `programme_`, counting list sizes as at April 2006, with
    `practices` confirmed; an hourly rate of £71.25 unless given."""
    from funding.models import FundingScheme, Participation

    n = next(_counter)
    created = FundingScheme.objects.create(
        name=fields.pop("name", f"Scheme {n}"),
        kind=fields.pop("kind", "des"),
        programme=programme_,
        starts_on=fields.pop("starts_on", datetime.date(2006, 4, 1)),
        ends_on=fields.pop("ends_on", datetime.date(2007, 3, 31)),
        population_as_at=fields.pop("population_as_at", LIST_SIZE_MONTH),
        hourly_rate=fields.pop("hourly_rate", Decimal("71.25")),
        **fields,
    )
    for practice in practices:
        Participation.objects.create(
            scheme=created,
            practice=practice,
            status="confirmed",
            confirmed_on=LIST_SIZE_MONTH,
        )
    return created


def invoice(scheme_, submitted_by, hours="2.00", rate="50.00", **fields):
    """A submitted invoice for hours × rate, from a new person of the consortium
    unless `person` or `practice` is given, for a meeting unless `project` is."""
    from funding.models import Invoice

    n = next(_counter)
    if "person" not in fields and "practice" not in fields:
        fields["person"] = person(scheme_.programme.consortium)
    if "project" not in fields and "meeting_on" not in fields:
        fields["meeting_on"] = datetime.date(2007, 2, 22)
        fields.setdefault("meeting", "Executive Committee meeting")
    hours, rate = Decimal(hours), Decimal(rate)
    return Invoice.objects.create(
        scheme=scheme_,
        number=fields.pop("number", f"N{n}"),
        hours=hours,
        rate=rate,
        amount=fields.pop("amount", (hours * rate).quantize(Decimal("0.01"))),
        invoice_date=fields.pop("invoice_date", datetime.date(2007, 3, 1)),
        submitted_at=fields.pop(
            "submitted_at", datetime.datetime(2007, 3, 1, tzinfo=datetime.UTC)
        ),
        submitted_by=submitted_by,
        **fields,
    )


def credit(scheme_, amount, on=datetime.date(2006, 6, 30)):
    from funding.models import ReserveCredit

    return ReserveCredit.objects.create(
        scheme=scheme_, amount=Decimal(amount), credited_on=on, because="Credit"
    )


def large_reserve(size, programme_, executive):
    """A scheme of `programme_` with `size` // 5 (at least 5) invoices in every
    status, a contract with invoices against it, and an issued statement: the
    reserve's pages' objects, by MATRIX source name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding.models import KeyPersonContract
    from funding.services import issue_statement, submit_invoice

    consortium = programme_.consortium
    practice = organisation(
        Organisation.Kind.PRACTICE, list_size=9000, member_of=consortium
    )
    scheme_ = scheme(programme_, practices=[practice])
    credit(scheme_, "1000000.00")
    project_ = project(programme_)
    resource(programme_, project=project_, hours=Decimal("100.00"))
    contract = KeyPersonContract.objects.create(
        scheme=scheme_,
        person=person(consortium),
        role="Clinical lead",
        hours_per_year=Decimal("100.00"),
        rate=Decimal("50.00"),
        starts_on=datetime.date(2006, 4, 1),
        ends_on=datetime.date(2007, 3, 31),
    )
    statuses = ["submitted", "approved", "paid", "changes_requested", "rejected"]
    for i in range(max(size // 5, 5)):
        status = statuses[i % len(statuses)]
        invoice(
            scheme_,
            executive,
            status=status,
            paid_on=datetime.date(2007, 3, 1) if status == "paid" else None,
            project=project_ if i % 2 else None,
            **({} if i % 2 else {"meeting_on": datetime.date(2007, 2, 22)}),
            person=contract.person if i % 3 == 0 else person(consortium),
            contract=contract if i % 3 == 0 else None,
        )
    with_file = submit_invoice(
        scheme_,
        fields={
            "person": contract.person,
            "project": project_,
            "invoice_date": datetime.date(2007, 3, 2),
            "hours": Decimal("2.00"),
            "rate": Decimal("50.00"),
            "amount": Decimal("100.00"),
        },
        user=executive,
        upload=SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice"),
    )
    return {
        "reserve_scheme": scheme_,
        "invoice": with_file,
        "invoice_with_file": with_file,
        "contract": contract,
        "statement": issue_statement(scheme_, user=executive),
    }


def funding_scheme(programme_, **fields):
    """A DES-like scheme of the programme paying 95p a patient on approval."""
    from funding.models import FundingScheme, PaymentKind

    n = next(_counter)
    scheme = FundingScheme.objects.create(
        name=fields.pop("name", f"Scheme {n}"),
        kind=fields.pop("kind", FundingScheme.Kind.DES),
        programme=programme_,
        starts_on=fields.pop("starts_on", "2006-04-01"),
        ends_on=fields.pop("ends_on", "2007-03-31"),
        population_as_at=fields.pop("population_as_at", LIST_SIZE_MONTH),
        **fields,
    )
    PaymentKind.objects.create(
        scheme=scheme,
        kind=PaymentKind.Kind.ASPIRATION,
        max_rate_per_patient=Decimal("0.95"),
    )
    return scheme


def participation(scheme, practice, status="confirmed"):
    from funding.models import Participation

    return Participation.objects.create(
        scheme=scheme,
        practice=practice,
        status=status,
        confirmed_on=LIST_SIZE_MONTH if status == "confirmed" else None,
    )


def plan_approval(programme_, executive, pct_lead, signed=False):
    """The programme's plan prepared for signature, `pct_lead` made the PCT's
    programme lead; with `signed`, signed by both and sealed."""
    from agreements.services import prepare_plan_approval
    from core.signing import sign

    programme_.refresh_from_db()
    programme_.leads.add(pct_lead.person)
    approval = prepare_plan_approval(programme_, user=executive)
    if signed:
        for party, user in (("consortium", executive), ("pct", pct_lead)):
            sign(
                approval,
                party=party,
                user=user,
                typed_name="Anne Signer",
                typed_role="Programme lead",
                authorised=True,
                seen_sha256=approval.content_sha256,
            )
        approval.refresh_from_db()
    return approval


def agreement_pack(programme_, **fields):
    """An LES scheme of the programme (95p a patient) and its agreement pack."""
    from agreements.models import AgreementPack
    from funding.models import FundingScheme

    scheme = funding_scheme(programme_, kind=FundingScheme.Kind.LES, **fields)
    return AgreementPack.objects.create(scheme=scheme, title=f"{scheme.name} pack")


def agreement_version(pack, executive, published=True):
    """A version with one text document; published unless asked otherwise."""
    from agreements.services import add_document, add_version, publish_version

    version = add_version(
        pack,
        user=executive,
        agreement_text="{practice} ({code}) agrees with {consortium}.",
        practice_undertakes="Provide data.",
        consortium_undertakes="Run the programme.",
    )
    add_document(version, user=executive, title="LES specification", text="LES.")
    return publish_version(version, user=executive) if published else version


def practice_agreement(version, executive, practice, manager=None):
    """`practice` invited to `version`; with `manager`, signed by both and sealed."""
    from agreements.services import invite_practices
    from core.signing import sign

    (agreement,) = invite_practices(version, user=executive, practices=[practice])
    if manager is not None:
        for party, user in (("practice", manager), ("consortium", executive)):
            sign(
                agreement,
                party=party,
                user=user,
                typed_name="Anne Signer",
                typed_role="Signer",
                authorised=True,
                seen_sha256=agreement.content_sha256,
            )
        agreement.refresh_from_db()
    return agreement


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


def achievement_review(programme_, executive, pct_member, signed=False, **fields):
    """A draft review of the programme as at its last day; with `signed`, declared,
    approved and its payment approved (by `pct_member` for both PCT parties, whose
    PCT is made a partner of the programme)."""
    from core.signing import sign
    from reports.services import draft_review

    programme_.refresh_from_db()
    programme_.partners.add(pct_member.person.organisation)
    review = draft_review(
        programme_, as_at=fields.pop("as_at", programme_.ends_on), user=executive
    )
    if fields.get("instalments"):
        from reports.services import set_instalments

        review = set_instalments(
            review, instalments=fields["instalments"], user=executive
        )
    if signed:
        for party, user in (
            ("consortium", executive),
            ("pct", pct_member),
            ("pct_finance", pct_member),
        ):
            sign(
                review,
                party=party,
                user=user,
                typed_name="Anne Signer",
                typed_role="Programme lead",
                authorised=True,
                seen_sha256=review.content_sha256,
            )
        review.refresh_from_db()
    return review
