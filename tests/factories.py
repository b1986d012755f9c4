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
