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


def obligations_with_outcomes(practice, grid, today):
    """The practice's obligations, each with `outcome` (Obligation.Outcome) and
    `attended` (meetings attended in the scheme's year), in one query."""
    from django.db.models import Count, OuterRef, Subquery

    from governance.models import Attendance
    from practicedata.models import Obligation

    attended = (
        Attendance.objects.filter(
            kind=Attendance.Kind.ATTENDED,
            person__organisation=OuterRef("practice"),
            meeting__committee=OuterRef("committee"),
            meeting__held_on__gte=OuterRef("scheme__starts_on"),
            meeting__held_on__lte=OuterRef("scheme__ends_on"),
        )
        .order_by()
        .values("meeting__committee")
        .annotate(n=Count("meeting", distinct=True))
        .values("n")[:1]
    )
    obligations = list(
        Obligation.objects.filter(practice=practice)
        .select_related("scheme", "committee")
        .annotate(attended=Subquery(attended))
        .order_by("-scheme__starts_on", "kind", "pk")
    )
    Outcome = Obligation.Outcome
    for obligation in obligations:
        obligation.attended = obligation.attended or 0
        if obligation.kind == Obligation.Kind.SUBMIT_RETURNS:
            cells = [
                cell
                for _, row in grid
                for cell in row
                if obligation.scheme.starts_on
                <= cell.month
                <= obligation.scheme.ends_on
            ]
            statuses = {cell.status for cell in cells}
            obligation.outcome = (
                Outcome.OPEN
                if not cells
                else Outcome.MISSED
                if MISSING in statuses
                else Outcome.LATE
                if LATE in statuses
                else Outcome.MET
            )
        elif obligation.kind == Obligation.Kind.ATTEND_MEETINGS:
            if obligation.attended >= obligation.meetings_required:
                obligation.outcome = Outcome.MET
            elif today > obligation.scheme.ends_on:
                obligation.outcome = Outcome.MISSED
            else:
                obligation.outcome = Outcome.OPEN
        else:
            obligation.outcome = obligation.recorded_outcome
    return obligations
