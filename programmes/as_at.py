"""A programme's achievement as it stood at the end of a given day, from history.

Every figure is computed as the live ones are (Figures, AchievementTotals), but
from the field history (django-simple-history): for the programme, its
objectives and its tasks, the latest historical row of each at or before the
end of the day, deleted ones left out. Three queries (the last a grouped count),
whatever the programme's size or the number of edits.

Organisations' kinds (which decide who a shortfall is due to when a task does
not say) are read as they are now: they do not change in practice.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Sum
from django.utils import timezone

from governance.models import Organisation
from programmes.models import (
    SHORTFALL_PARTY,
    AchievementTotals,
    Figures,
    Objective,
    Programme,
    Task,
)


class NoHistory(Exception):
    """The programme's recorded history begins after the day asked for."""


def end_of_day(day):
    """The last moment of `day`, local time: what "as at 31 March" means."""
    next_midnight = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min
    )
    return timezone.make_aware(next_midnight) - datetime.timedelta(microseconds=1)


def history_begins(programme):
    """The first day the programme's tasks have recorded history for (None: none)."""
    first = Task.history.filter(objective__programme_id=programme.pk).aggregate(
        first=Min("history_date")
    )["first"]
    return timezone.localdate(first) if first else None


@dataclass
class AchievementAsAt:
    day: datetime.date
    programme: Programme  # the programme's fields as they stood
    rows: list  # its counted objectives, as they stood, each with its figures
    totals: AchievementTotals


def _instance(model, record):
    """The record as an unsaved-looking model instance, every field filled (fields
    the history leaves out, e.g. `version`, are left at their defaults rather
    than fetched one by one)."""
    values = {
        field.attname: getattr(record, field.attname)
        for field in model._meta.concrete_fields
        if hasattr(record, field.attname)
    }
    instance = model(**values)
    instance._state.adding = False
    return instance


def _latest(history, moment):
    return (
        history.filter(history_date__lte=moment)
        .latest_of_each()
        .exclude(history_type="-")
    )


def achievement_as_at(programme, day):
    """The programme's objectives and totals as they stood at the end of `day`.

    Raises NoHistory when nothing of the programme had been recorded by then.
    """
    moment = end_of_day(day)
    record = _latest(Programme.history.filter(id=programme.pk), moment).first()
    # Its counting rules as they stood; before its own history began, as now.
    past_programme = _instance(Programme, record) if record else programme
    past_programme.consortium = programme.consortium  # for display only
    objectives = sorted(
        (
            _instance(Objective, record)
            for record in _latest(
                Objective.history.filter(programme_id=programme.pk), moment
            ).filter(archived_at__isnull=True)
        ),
        key=lambda objective: (objective.number, objective.pk),
    )
    if not objectives:
        raise NoHistory(f"{programme} has no objectives recorded by {day:%-d %B %Y}.")
    figures = {o.pk: Figures(weight=o.weight) for o in objectives}
    counting = past_programme.counting()
    rows = (
        _latest(Task.history.filter(objective_id__in=list(figures)), moment)
        .filter(archived_at__isnull=True)
        .annotate(party=SHORTFALL_PARTY)
        .values("objective_id", "status", "party")
        .annotate(n=Count("history_id"), weight=Sum("weight"))
        .order_by()
    )
    for row in rows:
        figures[row["objective_id"]].add(row, counting)
    for objective in objectives:
        objective.programme = past_programme
        objective.set_figures(figures[objective.pk])
    totals = AchievementTotals.of(
        figures.values(), past_programme.max_payment_per_patient
    )
    return AchievementAsAt(day, past_programme, objectives, totals)


def tasks_as_at(objectives, day):
    """The counted tasks of `objectives` as they stood at the end of `day`, by
    objective id, in their order; each with its organisations (2 queries)."""
    moment = end_of_day(day)
    tasks = [
        _instance(Task, record)
        for record in _latest(
            Task.history.filter(objective_id__in=[o.pk for o in objectives]), moment
        ).filter(archived_at__isnull=True)
    ]
    organisations = Organisation.objects.in_bulk(
        {t.lead_organisation_id for t in tasks}
        | {t.supporting_organisation_id for t in tasks if t.supporting_organisation_id}
    )
    by_objective = {}
    for task in sorted(tasks, key=lambda task: (task.order, task.pk)):
        task.lead_organisation = organisations[task.lead_organisation_id]
        if task.supporting_organisation_id:
            task.supporting_organisation = organisations[
                task.supporting_organisation_id
            ]
        by_objective.setdefault(task.objective_id, []).append(task)
    return by_objective
