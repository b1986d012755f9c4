"""Achievement as at a past day, from the recorded history."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from programmes.as_at import NoHistory, achievement_as_at
from programmes.models import Objective, Task, TaskStatus
from tests import factories

MARCH_31 = datetime.date(2007, 3, 31)
ORIGINAL_TITLE = "As planned in March"


def _when(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def edited_after_march(programme, consortium, pct):
    """Two objectives set up on 31 March, then edited in April."""
    with time_machine.travel(_when(MARCH_31), tick=False):
        first = factories.objective(programme, number=1)
        second = factories.objective(programme, number=2, title=ORIGINAL_TITLE)
        done, to_do = factories.tasks(first, consortium, ["done", "to_do"])
        stopped, planned = factories.tasks(second, pct, ["stopped", "to_do"])
        factories.tasks(second, consortium, ["done"])
    with time_machine.travel(_when(datetime.date(2007, 4, 20)), tick=False):
        to_do.status = TaskStatus.DONE
        to_do.save()
        stopped.archived_at = timezone.now()
        stopped.save()
        factories.tasks(first, consortium, ["to_do"])
        second.title = "Renamed in April"
        second.save()
    with time_machine.travel(_when(datetime.date(2007, 4, 30)), tick=False):
        planned.delete()
    return first, second


def test_it_reproduces_the_figures_of_31_march_after_later_edits(
    programme, edited_after_march
):
    # 31 March, by hand: objective 1 has done + to do (consortium) → 50 / 50 / 0;
    # objective 2 has stopped (PCT), to do (PCT), done → 33.3333 / 0 / 66.6667.
    # Total: (50 + 33.3333) / 2 = 41.6667 achieved, 25 consortium, 33.3333 other.
    past = achievement_as_at(programme, MARCH_31)
    figures = [
        (o.number, o.title, o.achieved_pct, o.short_consortium_pct, o.short_other_pct)
        for o in past.rows
    ]
    first, second = edited_after_march
    assert figures == [
        (1, first.title, Decimal("50.0000"), Decimal("50.0000"), Decimal("0.0000")),
        (2, ORIGINAL_TITLE, Decimal("33.3333"), Decimal("0.0000"), Decimal("66.6667")),
    ]
    assert past.totals.achieved == Decimal("41.6667")
    assert past.totals.short_consortium == Decimal("25.0000")
    assert past.totals.short_other == Decimal("33.3333")


def test_today_gives_the_live_figures(programme, edited_after_march):
    live_rows = list(
        Objective.objects.filter(programme=programme).counted().with_achievement()
    )
    live = programme.achievement(live_rows)
    past = achievement_as_at(programme, timezone.localdate())
    assert past.totals == live
    # Now: objective 1 has done, done, to do → 66.6667; objective 2 has done → 100.
    assert live.achieved == Decimal("83.3333")
    assert [o.achieved_pct for o in past.rows] == [o.achieved_pct for o in live_rows]
    assert [o.title for o in past.rows][1] == "Renamed in April"


def test_before_any_history_it_says_so(programme, edited_after_march):
    with pytest.raises(NoHistory):
        achievement_as_at(programme, datetime.date(2000, 1, 1))


def test_the_query_count_does_not_grow_with_the_edits(
    programme, edited_after_march, consortium, django_assert_max_num_queries
):
    # The programme, its objectives, a grouped count of its tasks (and its
    # consortium, not yet fetched here).
    with django_assert_max_num_queries(4):
        achievement_as_at(programme, MARCH_31)
    objective = edited_after_march[0]
    for task in Task.objects.filter(objective=objective):
        for status in ("to_do", "done", "planned"):
            task.status = status
            task.date = datetime.date(2007, 5, 1)
            task.save()
    with django_assert_max_num_queries(4):
        achievement_as_at(programme, MARCH_31)


def test_the_page_shows_the_figures_as_at_a_day(
    client, executive, programme, edited_after_march
):
    client.force_login(executive)
    url = reverse("programmes:achievement", args=[programme.pk])
    response = client.get(url, {"as_at": "2007-03-31"})
    assert response.status_code == 200
    assert b"end of 31 March 2007" in response.content
    assert response.context["totals"].achieved == Decimal("41.6667")


@pytest.mark.parametrize("value", ["not-a-date", "2007-02-30", "2999-01-01"])
def test_the_page_refuses_a_bad_or_future_day(client, executive, programme, value):
    client.force_login(executive)
    url = reverse("programmes:achievement", args=[programme.pk])
    response = client.get(url, {"as_at": value})
    assert response.status_code == 400
