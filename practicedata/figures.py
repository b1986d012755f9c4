"""The figures, computed by the database: each practice's value for a period, its
change against the same period a year before, its position among the
consortium's practices; the consortium's total month by month and against its
target.

Per 1,000 patients: each month's figure is divided by the practice's list size
as at that month, and a period adds its months (so “referrals per 1,000 patients
in the year to date”). The consortium's month is its practices' figures over
their list sizes together. A percentage of budget is spend over budget for the
period, × 100.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Rank

from core.dates import add_years, financial_year_start, first_of_month
from governance.models import PracticeListSize
from practicedata.models import Indicator, IndicatorTarget, MonthlyReturn

Norm = Indicator.Normalisation
ONE_PLACE = Decimal("0.1")


def next_month(month):
    return (month + datetime.timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Period:
    first: datetime.date  # first days of the first and last months
    last: datetime.date
    kind: str  # month, quarter, ytd

    @classmethod
    def of(cls, kind, month):
        month = first_of_month(month)
        if kind == "month":
            return cls(month, month, kind)
        start = financial_year_start(month)
        if kind == "quarter":
            quarter = ((month.year - start.year) * 12 + month.month - 4) // 3
            first = start
            for _ in range(quarter * 3):
                first = next_month(first)
            return cls(first, next_month(next_month(first)), kind)
        return cls(start, month, "ytd")

    @property
    def months(self):
        month, found = self.first, []
        while month <= self.last:
            found.append(month)
            month = next_month(month)
        return found

    @property
    def year_start(self):
        return financial_year_start(self.first)

    def a_year_earlier(self):
        return Period(add_years(self.first, -1), add_years(self.last, -1), self.kind)

    @property
    def label(self):
        if self.first == self.last:
            return f"{self.first:%B %Y}"
        return f"{self.first:%b %Y} – {self.last:%b %Y}"


def _list_size():
    return Subquery(
        PracticeListSize.objects.filter(
            practice=OuterRef("practice"), month__lte=OuterRef("month")
        )
        .order_by("-month")
        .values("size")[:1]
    )


def _returns(indicator, period):
    return MonthlyReturn.objects.filter(
        indicator=indicator, month__gte=period.first, month__lte=period.last
    )


def _practice_value(indicator, period):
    """A subquery: the practice (OuterRef pk) value for the period, or None."""
    returns = _returns(indicator, period).filter(practice=OuterRef("pk")).order_by()
    value = Cast("value", FloatField())
    if indicator.normalisation == Norm.PER_1000:
        rate = value * Value(1000.0) / Cast(_list_size(), FloatField())
        total = Sum(rate)
    elif indicator.normalisation == Norm.SHARE_OF_BUDGET:
        total = Sum(value) * Value(100.0) / Cast(Sum("budget"), FloatField())
    else:
        total = Sum(value)
    return Subquery(
        returns.values("practice").annotate(total=total).values("total")[:1],
        output_field=FloatField(),
    )


def practice_rows(indicator, period, practices):
    """`practices` annotated with value, baseline, change (%), months returned and
    position (1 = best), best first."""
    best_first = F("value").asc() if indicator.lower_is_better else F("value").desc()
    months = (
        _returns(indicator, period)
        .filter(practice=OuterRef("pk"))
        .order_by()
        .values("practice")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        practices.annotate(
            value=_practice_value(indicator, period),
            baseline=_practice_value(indicator, period.a_year_earlier()),
            months_returned=Coalesce(Subquery(months), 0),
        )
        .annotate(
            change=Case(
                When(
                    Q(baseline__gt=0) & Q(value__isnull=False),
                    then=(F("value") - F("baseline")) * Value(100.0) / F("baseline"),
                ),
                default=None,
                output_field=FloatField(),
            ),
            position=Case(
                When(
                    value__isnull=False,
                    then=Window(Rank(), order_by=best_first),
                ),
                default=None,
            ),
        )
        .order_by(best_first.copy(), "name")
    )


def consortium_value(indicator, by_month):
    """The consortium's figure for the months in `by_month`."""
    if not by_month:
        return None
    if indicator.normalisation == Norm.SHARE_OF_BUDGET:
        budget = sum(row["budget"] or 0 for row in by_month.values())
        spend = sum(row["spend"] for row in by_month.values())
        return float(spend) * 100 / float(budget) if budget else None
    return sum(row["total"] or 0 for row in by_month.values())


def target_for(indicator, target, period, baseline):
    """The target's figure for `period`, given the baseline's figure (same period a
    year before): a change applies to the baseline; a level is the year's, and a
    shorter period takes its share (a percentage of budget holds as it is)."""
    if target is None:
        return None
    if target.change_percent is not None:
        if baseline is None:
            return None
        return baseline * (1 + float(target.change_percent) / 100)
    if indicator.normalisation == Norm.SHARE_OF_BUDGET:
        return float(target.level)
    return float(target.level) * len(period.months) / 12


def meets(indicator, value, target):
    if value is None or target is None:
        return None
    return value <= target if indicator.lower_is_better else value >= target


def rounded(number):
    return None if number is None else Decimal(str(number)).quantize(ONE_PLACE)


def targets_for_year(indicator, period):
    """{practice id or None: target} for the period's financial year."""
    return targets_by_indicator([indicator], period).get(indicator.pk, {})


def targets_by_indicator(indicators, period):
    """{indicator id: {practice id or None: target}} in one query."""
    targets = IndicatorTarget.objects.filter(
        indicator__in=indicators, scheme__starts_on=period.year_start
    ).select_related("scheme")
    found = {}
    for target in targets:
        found.setdefault(target.indicator_id, {})[target.practice_id] = target
    return found


@dataclass
class ConsortiumFigures:
    value: float | None
    baseline: float | None
    target: float | None
    by_month: dict
    baseline_by_month: dict

    @property
    def change(self):
        if self.value is None or not self.baseline:
            return None
        return (self.value - self.baseline) * 100 / self.baseline


def monthly_sums(indicators, period, practices):
    """{indicator id: {month: {total, spend, budget}}} for `period` and the same
    period a year before, for all `indicators` in one grouped query (the
    database adds up; the division per indicator's measure is done here)."""
    earlier = period.a_year_earlier()
    rows = (
        MonthlyReturn.objects.filter(
            indicator__in=indicators,
            month__gte=earlier.first,
            month__lte=period.last,
            practice__in=practices,
        )
        .order_by()
        .values("indicator", "month")
        .annotate(
            spend=Sum("value"),
            budget=Sum("budget"),
            sizes=Sum(Cast(_list_size(), FloatField())),
        )
    )
    measure = {indicator.pk: indicator.normalisation for indicator in indicators}
    found = {}
    for row in rows:
        kind = measure[row["indicator"]]
        if kind == Norm.PER_1000:
            row["total"] = (
                float(row["spend"]) * 1000 / row["sizes"] if row["sizes"] else None
            )
        elif kind == Norm.SHARE_OF_BUDGET:
            budget = row["budget"]
            row["total"] = float(row["spend"]) * 100 / float(budget) if budget else None
        else:
            row["total"] = float(row["spend"])
        found.setdefault(row["indicator"], {})[row["month"]] = row
    return found


def consortium_figures(indicator, period, practices, targets, sums=None):
    """The consortium's figures for `period` and the same period a year before,
    from one grouped query over both (or from `sums`, by monthly_sums)."""
    earlier = period.a_year_earlier()
    if sums is None:
        sums = monthly_sums([indicator], period, practices)
    both = {
        month: row
        for month, row in sums.get(indicator.pk, {}).items()
        if earlier.first <= month <= period.last
    }
    by_month = {m: row for m, row in both.items() if m >= period.first}
    baseline_by_month = {m: row for m, row in both.items() if m <= earlier.last}
    value = consortium_value(indicator, by_month)
    baseline = consortium_value(indicator, baseline_by_month)
    target = target_for(indicator, targets.get(None), period, baseline)
    return ConsortiumFigures(value, baseline, target, by_month, baseline_by_month)


def monthly_target(indicator, target, month, baseline_by_month):
    """The consortium's target for one month of the year (for the trend chart)."""
    row = baseline_by_month.get(add_years(month, -1))
    baseline = row["total"] if row else None
    return target_for(indicator, target, Period.of("month", month), baseline)


def practice_target(indicator, targets, period, practice):
    """A practice's own target if it has one, else the consortium's rule applied
    to the practice's own baseline (`practice` annotated by practice_rows)."""
    target = targets.get(practice.pk) or targets.get(None)
    return target_for(indicator, target, period, practice.baseline)
