"""What a review shows, frozen as JSON: built from the live figures, read back for
pages and the PDF (`display`)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from funding.models import PaymentKind
from governance.models import Organisation
from programmes.as_at import NoHistory, achievement_as_at, tasks_as_at
from programmes.models import AchievementTotals
from programmes.pdf import review_figures

PARTS = ("achieved", "short_consortium", "short_other")


def _text(value):
    return None if value is None else str(value)


def achievement_kind(scheme):
    if scheme is None:
        return None
    return PaymentKind.objects.filter(
        scheme=scheme, kind=PaymentKind.Kind.ACHIEVEMENT
    ).first()


def _objectives_and_tasks(programme, day):
    """The counted objectives with their figures, and a function giving each
    one's tasks, as they stood at the end of `day`."""
    if day < timezone.localdate():
        try:
            past = achievement_as_at(programme, day)
        except NoHistory:
            pass  # recorded only later (e.g. the demo): the live figures
        else:
            by_objective = tasks_as_at(past.rows, day)
            return past.rows, lambda objective: by_objective.get(objective.pk, [])
    objectives, _ = review_figures(programme)
    return objectives, lambda objective: objective.tasks.all()


def review_content(review):
    """The review as at its date: the figures and tasks as they stood at the end
    of that day (from the recorded history; the live ones for today, or where the
    history begins later), the reviewers' figures where they set them, the total
    and the payment (a few queries, flat in the data)."""
    programme = review.programme
    objectives, tasks = _objectives_and_tasks(programme, review.as_at)
    overrides = {o.objective_number: o for o in review.overrides.all()}
    kind = achievement_kind(review.scheme)
    maximum = kind.max_rate_per_patient if kind else programme.max_payment_per_patient
    # The total is the weighted mean of the task figures, as the seed's review
    # works it out (67%), beside the objectives' assessed figures.
    totals = AchievementTotals.of((o.figures for o in objectives), maximum)
    pcts = [
        partner
        for partner in programme.partners.select_related("successor")
        if partner.kind == Organisation.Kind.PCT
    ]
    pct_ids = sorted(
        {p.pk for p in pcts} | {p.successor_id for p in pcts if p.successor_id}
    )
    current = [p.successor or p for p in pcts]
    rows = []
    for objective in objectives:
        override = overrides.get(objective.number)
        rows.append(
            {
                "number": objective.number,
                "title": objective.title,
                "comment": objective.comment,
                "notes": objective.notes,
                "tasks_figures": {
                    "achieved": _text(objective.achieved_pct),
                    "short_consortium": _text(objective.short_consortium_pct),
                    "short_other": _text(objective.short_other_pct),
                },
                "override": None
                if override is None
                else {
                    **{part: _text(getattr(override, part)) for part in PARTS},
                    "reason": override.reason,
                },
                "tasks": [
                    {
                        "description": task.description,
                        "responsibility": task.responsibility,
                        "status": task.get_status_display(),
                        "date": task.date,
                        "note": task.note_beyond_status,
                    }
                    for task in tasks(objective)
                ],
            }
        )
    return {
        "programme": programme.name,
        "programme_id": programme.pk,
        "consortium": programme.consortium.name,
        "consortium_short": programme.consortium.short_name,
        "consortium_id": programme.consortium_id,
        "pct": current[0].name if current else "",
        "pct_short": current[0].short_name if current else "PCT",
        "pct_ids": pct_ids,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "as_at": review.as_at,
        "objectives": rows,
        "totals": {
            "achieved": _text(totals.achieved),
            "short_consortium": _text(totals.short_consortium),
            "short_other": _text(totals.short_other),
            "not_achieved": _text(totals.not_achieved),
        },
        "payment": {
            "scheme": review.scheme.name if review.scheme else "",
            "max_per_patient": _text(maximum),
            "earned_per_patient": _text(totals.payment_earned),
            "shortfall_per_patient": _text(totals.payment_shortfall),
            "instalments": [
                {"rate_per_patient": str(i["rate_per_patient"]), "reason": i["reason"]}
                for i in review.instalments
            ],
        },
    }


def _decimal(value):
    return None if value is None else Decimal(value)


def display(content):
    """The frozen content with its dates and money as Python values again, and each
    objective's `shown` figures (the reviewers' where set, else the tasks')."""
    payment = content["payment"]
    instalments = [
        {**i, "rate_per_patient": Decimal(i["rate_per_patient"])}
        for i in payment["instalments"]
    ]
    objectives = []
    for row in content["objectives"]:
        shown = row["override"] or row["tasks_figures"]
        objectives.append(
            {
                **row,
                "shown": {part: shown[part] for part in PARTS},
                "tasks": [
                    {
                        **task,
                        "date": task["date"]
                        and datetime.date.fromisoformat(task["date"]),
                    }
                    for task in row["tasks"]
                ],
                "chart": _bar(shown),
            }
        )
    return {
        **content,
        "starts_on": datetime.date.fromisoformat(content["starts_on"]),
        "ends_on": datetime.date.fromisoformat(content["ends_on"]),
        "as_at": datetime.date.fromisoformat(content["as_at"]),
        "objectives": objectives,
        "chart_height": 24 + 22 * len(objectives),
        "payment": {
            **payment,
            "max_per_patient": _decimal(payment["max_per_patient"]),
            "earned_per_patient": _decimal(payment["earned_per_patient"]),
            "shortfall_per_patient": _decimal(payment["shortfall_per_patient"]),
            "instalments": instalments,
            "agreed_per_patient": sum(
                (i["rate_per_patient"] for i in instalments), Decimal(0)
            ),
        },
    }


CHART_WIDTH = 300  # the bars' full width in the SVG, in its units


def _bar(figures):
    """Widths of an objective's bar segments in the chart (achieved, short due to
    the consortium, short due to the PCT or other), in whole SVG units."""
    if figures["achieved"] is None:
        return None
    values = [Decimal(figures[part]) for part in PARTS]
    # Whole units, truncated; the last segment ends where the three together end,
    # so a bar whose figures add up to 100% always fills the width exactly.
    first, second = (int(v * CHART_WIDTH / 100) for v in values[:2])
    whole = int(sum(values) * CHART_WIDTH / 100)
    widths = [first, second, max(whole - first - second, 0)]
    return {
        "achieved": widths[0],
        "short_consortium": widths[1],
        "short_other": widths[2],
        "x_consortium": widths[0],
        "x_other": widths[0] + widths[1],
    }
