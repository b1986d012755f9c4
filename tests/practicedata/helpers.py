"""Small builders for practice data tests."""

import datetime
from decimal import Decimal

from governance.models import Organisation, PracticeListSize
from practicedata.models import (
    ActionPlan,
    Indicator,
    IndicatorTarget,
    MonthlyReturn,
    PlanAction,
)
from tests import factories

APRIL_2007 = datetime.date(2007, 4, 1)


def indicator(programme, code="top8", normalisation="per_1000", **fields):
    return Indicator.objects.create(
        programme=programme,
        code=code,
        name=fields.pop("name", f"Indicator {code}"),
        unit=fields.pop("unit", "referrals"),
        normalisation=normalisation,
        **fields,
    )


def year_scheme(programme, starts_on=APRIL_2007):
    return factories.funding_scheme(
        programme,
        starts_on=starts_on,
        ends_on=starts_on.replace(year=starts_on.year + 1, month=3, day=31),
        population_as_at=starts_on,
    )


def target(indicator_, scheme, practice=None, change=None, level=None):
    return IndicatorTarget.objects.create(
        indicator=indicator_,
        scheme=scheme,
        practice=practice,
        change_percent=None if change is None else Decimal(str(change)),
        level=None if level is None else Decimal(str(level)),
    )


def put(indicator_, practice, month, value, budget=None, submitted_on=None):
    """A return for `month`, submitted on its due date unless told otherwise."""
    return MonthlyReturn.objects.create(
        indicator=indicator_,
        practice=practice,
        month=month,
        value=Decimal(str(value)),
        budget=None if budget is None else Decimal(str(budget)),
        submitted_on=submitted_on or indicator_.due_on(month),
    )


def list_size(practice, month, size):
    PracticeListSize.objects.create(practice=practice, month=month, size=size)


def practice(consortium, size=2000):
    return factories.organisation(
        Organisation.Kind.PRACTICE, list_size=size, member_of=consortium
    )


def action_plan(practice_, scheme, actions=()):
    plan = ActionPlan.objects.create(practice=practice_, scheme=scheme)
    for what, due_on, status in actions:
        PlanAction.objects.create(
            plan=plan, what=what, owner="Practice manager", due_on=due_on, status=status
        )
    return plan


def large_practice_data(size, programme, months=3, indicators=2):
    """`size` practices of the programme's consortium with `months` months of
    returns for `indicators` indicators from April 2007, targets, and an action
    plan for the first practice. Returns (indicator, practice)."""
    scheme = year_scheme(programme)
    made = [
        indicator(programme, code=f"ind-{programme.pk}-{n}") for n in range(indicators)
    ]
    practices = [practice(programme.consortium, 1000 + n) for n in range(size)]
    rows = []
    for ind in made:
        target(ind, scheme, change=-10)
        for n, each in enumerate(practices):
            for m in range(months):
                month = datetime.date(2007 + (3 + m) // 12, (3 + m) % 12 + 1, 1)
                rows.append(
                    MonthlyReturn(
                        indicator=ind,
                        practice=each,
                        month=month,
                        value=Decimal(10 + n % 7),
                        submitted_on=ind.due_on(month),
                    )
                )
    MonthlyReturn.objects.bulk_create(rows)
    action_plan(
        practices[0],
        scheme,
        [("Audit referrals", datetime.date(2007, 6, 30), "open")],
    )
    return made[0], practices[0]
