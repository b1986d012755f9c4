"""A programme task tied to an indicator's target: the figure measured for the
target's year, and whether it meets the target, so that marking the task done
rests on the data. The task page shows it; an executive confirms."""

from governance.models import Organisation
from practicedata import figures
from practicedata.models import TaskIndicator


def task_evidence(task):
    """{indicator, target, value, target_value, met, period} for a task tied to a
    target, or None."""
    link = (
        TaskIndicator.objects.filter(task=task)
        .select_related("target__indicator__programme", "target__scheme")
        .first()
    )
    if link is None:
        return None
    target = link.target
    indicator = target.indicator
    period = figures.Period.of("ytd", target.scheme.ends_on)
    practices = Organisation.objects.practices().filter(
        member_of=indicator.programme.consortium_id
    )
    found = figures.consortium_figures(indicator, period, practices, {None: target})
    return {
        "indicator": indicator,
        "target": target,
        "value": found.value,
        "change": found.change,
        "target_value": found.target,
        "met": figures.meets(indicator, found.value, found.target),
        "period": period,
    }
