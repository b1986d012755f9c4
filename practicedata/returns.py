"""Whether each month's return came in: on time, late, missing, or not yet due."""

from dataclasses import dataclass

from practicedata.figures import Period
from practicedata.models import MonthlyReturn

ON_TIME, LATE, MISSING, NOT_DUE = "on time", "late", "missing", "not yet due"


@dataclass
class ReturnStatus:
    month: object
    status: str
    record: MonthlyReturn | None


def status_of(indicator, month, record, today):
    if record is not None:
        return LATE if record.submitted_on > indicator.due_on(month) else ON_TIME
    return MISSING if today > indicator.due_on(month) else NOT_DUE


def return_grid(practice, indicators, year_start, today):
    """[(indicator, [ReturnStatus per month of the financial year])] in one query."""
    months = Period.of(
        "ytd", year_start.replace(year=year_start.year + 1, month=3)
    ).months
    held = {
        (r.indicator_id, r.month): r
        for r in MonthlyReturn.objects.filter(
            practice=practice,
            indicator__in=indicators,
            month__gte=months[0],
            month__lte=months[-1],
        )
    }
    return [
        (
            indicator,
            [
                ReturnStatus(
                    month,
                    status_of(indicator, month, held.get((indicator.pk, month)), today),
                    held.get((indicator.pk, month)),
                )
                for month in months
            ],
        )
        for indicator in indicators
    ]


def submission_obligation(grid):
    """The LES obligation “submit data monthly”, from the grid: missed if a
    return that was due is missing, late if one came late, else met."""
    statuses = {cell.status for _, cells in grid for cell in cells}
    if MISSING in statuses:
        return "missed"
    if LATE in statuses:
        return "late"
    return "met"


def late_or_missing(indicator, practices, period, today):
    """[(practice, month, status)] for the period's months that are due and whose
    return is late or missing, one query."""
    held = {
        (r.practice_id, r.month): r
        for r in MonthlyReturn.objects.filter(
            indicator=indicator,
            practice__in=practices,
            month__gte=period.first,
            month__lte=period.last,
        ).only("practice_id", "month", "submitted_on")
    }
    found = []
    for practice in practices:
        for month in period.months:
            status = status_of(indicator, month, held.get((practice.pk, month)), today)
            if status in (LATE, MISSING):
                found.append((practice, month, status))
    return found
