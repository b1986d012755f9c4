"""Practice data for the demo (practicedata.toml): indicators, a year of monthly
returns for each practice (two for referrals, whose baseline is the year
before), targets, a few late returns and two action plans. Invented: the figures
are generated with a fixed seed, and scaled so that the consortium's totals come
out at the review's claims."""

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from daccom.demo.loader import create_missing, money
from funding.models import FundingScheme
from governance.models import Organisation, PracticeListSize
from practicedata.models import (
    ActionPlan,
    Indicator,
    IndicatorTarget,
    MonthlyReturn,
    Obligation,
    PlanAction,
    TaskIndicator,
)
from programmes.models import Task

PENNY = Decimal("0.01")


def _months(year):
    return [datetime.date(year + (m > 12), (m - 1) % 12 + 1, 1) for m in range(4, 16)]


def load(report, data, context):
    programme = context.programmes[data["programme"]]
    scheme = FundingScheme.objects.get(name__startswith="DES 2006/7")
    practices = list(
        Organisation.objects.practices()
        .filter(member_of=programme.consortium)
        .with_list_size(datetime.date(2006, 4, 1))
        .order_by("code")
    )
    for practice in practices:
        create_missing(
            report,
            PracticeListSize,
            {"practice": practice, "month": data["baseline_list_sizes_as_at"]},
            {"size": practice.list_size},
        )
    late = {
        (row["practice"], row["indicator"], row["month"]): row["submitted_on"]
        for row in data["late_returns"]
    }
    keys = {org.pk: key for key, org in context.organisations.items()}
    rng = random.Random(data["seed"])
    indicators = {}
    for row in data["indicators"]:
        indicator = indicators[row["code"]] = create_missing(
            report,
            Indicator,
            {"programme": programme, "code": row["code"]},
            {
                "name": row["name"],
                "unit": row["unit"],
                "direction": row["direction"],
                "normalisation": row["normalisation"],
                "notes": data["note"],
            },
        )
        target = create_missing(
            report,
            IndicatorTarget,
            {"indicator": indicator, "scheme": scheme, "practice": None},
            {
                "change_percent": money(row.get("change_percent")),
                "level": money(row.get("level")),
                "description": "From the 2006/7 plan's objectives.",
            },
        )
        if row.get("task"):
            task = Task.objects.filter(
                objective__programme=programme, description=row["task"]
            ).first()
            if task:
                create_missing(
                    report, TaskIndicator, {"task": task}, {"target": target}
                )
        if MonthlyReturn.objects.filter(indicator=indicator).exists():
            report.existing += 1
            continue
        values = _generate(row, practices, rng)
        MonthlyReturn.objects.bulk_create(
            MonthlyReturn(
                indicator=indicator,
                practice=practice,
                month=month,
                value=value,
                budget=budget,
                submitted_on=late.get(
                    (keys[practice.pk], row["code"], month),
                    indicator.due_on(month)
                    - datetime.timedelta(days=rng.randint(0, 9)),
                ),
            )
            for practice, month, value, budget in values
        )
        report.created += len(values)
    _load_obligations(report, data["obligations"], scheme, practices, context)
    for row in data["action_plans"]:
        plan = create_missing(
            report,
            ActionPlan,
            {
                "practice": context.organisations[row["practice"]],
                "scheme": FundingScheme.objects.get(name__startswith="LES 2007/8"),
            },
            {"agreed_on": row["agreed_on"], "notes": row["notes"]},
        )
        for action in row["actions"]:
            create_missing(
                report,
                PlanAction,
                {"plan": plan, "what": action["what"]},
                {
                    "owner": action["owner"],
                    "due_on": action["due_on"],
                    "status": action["status"],
                    "indicator": indicators.get(action.get("indicator")),
                    "obligation": action.get("obligation", ""),
                },
            )


def _load_obligations(report, data, scheme, practices, context):
    for practice in practices:
        create_missing(
            report,
            Obligation,
            {"practice": practice, "scheme": scheme, "kind": "returns"},
            {"description": data["returns"]},
        )
    for row in data["projects"]:
        create_missing(
            report,
            Obligation,
            {
                "practice": context.organisations[row["practice"]],
                "scheme": scheme,
                "kind": "project",
                "description": row["description"],
            },
            {"recorded_outcome": row["outcome"]},
        )


def _generate(row, practices, rng):
    """[(practice, month, value, budget)] for the indicator's years."""
    if row["normalisation"] == "per_1000":
        return _referrals(row, practices, rng)
    return _prescribing(row, practices, rng)


def _referrals(row, practices, rng):
    """A baseline year around the average rate, then a year whose total is the
    baseline's × (1 + achieved %), each practice changing by its own amount."""
    base_year, year = row["years"]
    rate = float(row["per_1000_a_month"])
    baseline = {
        (p, m): round(p.list_size / 1000 * rate * rng.uniform(0.85, 1.15))
        for p in practices
        for m in _months(base_year)
    }
    change = {p: rng.uniform(-0.18, -0.02) for p in practices}
    later = {
        (p, m): round(baseline[(p, base_m)] * (1 + change[p]))
        for p in practices
        for base_m, m in zip(_months(base_year), _months(year), strict=True)
    }
    wanted = round(sum(baseline.values()) * (1 + float(row["achieved_percent"]) / 100))
    # Spread the difference over the months so the total is exactly as wanted.
    cells = list(later)
    difference = wanted - sum(later.values())
    for index in range(abs(difference)):
        later[cells[index % len(cells)]] += 1 if difference > 0 else -1
    rows = [(p, m, Decimal(v), None) for (p, m), v in baseline.items()]
    rows += [(p, m, Decimal(v), None) for (p, m), v in later.items()]
    return rows


def _prescribing(row, practices, rng):
    """Budgets from the list size; spend around them, the last cell taking what
    makes the consortium's spend exactly the achieved percentage of budget."""
    (year,) = row["years"]
    per_patient = Decimal(row["budget_per_patient_a_month"])
    rows = []
    for p in practices:
        for m in _months(year):
            budget = (per_patient * p.list_size).quantize(PENNY)
            spend = (budget * Decimal(str(rng.uniform(0.96, 1.07)))).quantize(
                PENNY, ROUND_HALF_UP
            )
            rows.append([p, m, spend, budget])
    total_budget = sum(r[3] for r in rows)
    wanted = (total_budget * Decimal(row["achieved_percent"]) / 100).quantize(PENNY)
    rows[-1][2] += wanted - sum(r[2] for r in rows)
    return [tuple(r) for r in rows]
