"""How progress is counted, who a shortfall is due to, and overdue tasks.

Every expected figure is worked out by hand in the comment beside it.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programmes.models import (
    Objective,
    Party,
    Programme,
    ProgressMode,
    Task,
    TaskStatus,
)
from tests import factories


def _row(objective):
    return Objective.objects.with_achievement().get(pk=objective.pk)


def _percentages(objective):
    row = _row(objective)
    return row.achieved_pct, row.short_consortium_pct, row.short_other_pct


def test_by_task_count_each_task_counts_one(objective, consortium, pct):
    # done, tbc, to do (DacCom), stopped (PCT): 2/4 = 50%, 1/4 = 25%, 1/4 = 25%.
    factories.tasks(objective, consortium, ["done", "to_do"])
    factories.tasks(objective, pct, ["tbc", "stopped"])
    assert _percentages(objective) == (
        Decimal("50.0000"),
        Decimal("25.0000"),
        Decimal("25.0000"),
    )


def test_by_weight_each_task_counts_its_weight(programme, objective, consortium, pct):
    programme.progress_mode = ProgressMode.TASK_WEIGHT
    programme.save()
    factories.task(objective, consortium, TaskStatus.DONE, weight=5)
    factories.task(objective, consortium, TaskStatus.TO_DO, weight=2)
    factories.task(objective, pct, TaskStatus.TO_DO, weight=1)
    # 5 of 5 + 2 + 1 = 8 achieved: 62.5%; DacCom 2/8 = 25%; PCT 1/8 = 12.5%.
    assert _percentages(objective) == (
        Decimal("62.5000"),
        Decimal("25.0000"),
        Decimal("12.5000"),
    )
    # By count the same tasks make 1/3 = 33.3333%.
    programme.progress_mode = ProgressMode.TASK_COUNT
    programme.save()
    assert _row(objective).achieved_pct == Decimal("33.3333")


def test_by_status_value_in_progress_counts_half(programme, objective, consortium, pct):
    programme.progress_mode = ProgressMode.STATUS_VALUE
    programme.status_progress = {"done": 100, "tbc": 100, "in_progress": 50}
    programme.full_clean()
    programme.save()
    factories.tasks(objective, consortium, ["done", "in_progress"])
    factories.tasks(objective, pct, ["to_do"])
    # (1 + ½ + 0) / 3 = 50%; DacCom's half task ½/3 = 16.6667%; PCT's 1/3 = 33.3333%.
    assert _percentages(objective) == (
        Decimal("50.0000"),
        Decimal("16.6667"),
        Decimal("33.3333"),
    )
    totals = programme.achievement()
    # 50% of 95p = 47.5p → 48p (half up); shortfall 47p.
    assert (totals.payment_earned, totals.payment_shortfall) == (
        Decimal("0.48"),
        Decimal("0.47"),
    )


def test_an_excluded_status_leaves_the_figures(programme, objective, consortium, pct):
    factories.tasks(objective, consortium, ["done", "to_do"])
    factories.tasks(objective, pct, ["stopped"])
    # Counted: 1 of 3 = 33.3333%.
    assert _row(objective).achieved_pct == Decimal("33.3333")
    programme.excluded_statuses = ["stopped"]  # withdrawn by agreement
    programme.full_clean()
    programme.save()
    row = _row(objective)
    # Counted: done and to do, 1 of 2 = 50%; the stopped task is left out.
    assert (row.task_count, row.excluded_count) == (2, 1)
    assert _percentages(objective) == (
        Decimal("50.0000"),
        Decimal("50.0000"),
        Decimal("0.0000"),
    )
    assert programme.achievement().achieved == Decimal("50.0000")


def test_a_shortfall_follows_the_attribution_not_the_lead(objective, consortium):
    factories.task(objective, consortium, TaskStatus.DONE)
    factories.task(
        objective,
        consortium,
        TaskStatus.TO_DO,
        shortfall_due_to=Party.PCT,
        shortfall_reason="Stopped by new PCT",
    )
    factories.task(objective, consortium, TaskStatus.TO_DO)
    row = _row(objective)
    # 1 done of 3; one DacCom-led task put on the PCT, one following its lead.
    assert (row.short_consortium_count, row.short_other_count) == (1, 1)
    assert _percentages(objective) == (
        Decimal("33.3333"),
        Decimal("33.3333"),
        Decimal("33.3333"),
    )


def test_an_attribution_needs_a_reason(objective, consortium):
    task = factories.task(objective, consortium, shortfall_due_to=Party.PCT)
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert error.value.error_dict["shortfall_reason"][0].code == (
        "attribution_reason_required"
    )


def test_the_total_is_the_weighted_mean_of_the_rows(programme, consortium, pct):
    heavy = factories.objective(programme, number=1, weight=2)
    light = factories.objective(programme, number=2, weight=1)
    factories.tasks(heavy, consortium, ["done", "done", "to_do"])
    factories.tasks(light, pct, ["done", "to_do", "to_do", "to_do"])
    # Rows: 2/3 and 1/4. Total (2 × 2/3 + 1 × 1/4) / 3 = (16/12 + 3/12) / 3 = 19/36
    # = 52.7778%; DacCom (2 × 1/3) / 3 = 22.2222%; PCT (1 × 3/4) / 3 = 25%.
    totals = programme.achievement()
    assert (totals.achieved, totals.short_consortium, totals.short_other) == (
        Decimal("52.7778"),
        Decimal("22.2222"),
        Decimal("25.0000"),
    )
    headline = Programme.objects.with_headlines().get(pk=programme.pk)
    assert headline.achieved_pct == Decimal("52.7778")
    assert headline.open_task_count == 4


def test_a_programme_refuses_bad_progress_settings(programme):
    programme.status_progress = {"in_progress": 150, "lost": 10}
    programme.excluded_statuses = ["stopped", "stopped"]
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert error.value.error_dict["status_progress"][0].code == "bad_status_progress"
    assert error.value.error_dict["excluded_statuses"][0].code == (
        "bad_excluded_statuses"
    )


def test_a_planned_task_past_its_date_is_overdue(objective, consortium, time_machine):
    time_machine.move_to("2007-04-10 09:00", tick=False)
    late = factories.task(objective, consortium, TaskStatus.PLANNED, date="2007-04-03")
    due = factories.task(objective, consortium, TaskStatus.PLANNED, date="2007-04-10")
    done = factories.task(objective, consortium, TaskStatus.DONE, date="2007-03-01")
    assert list(Task.objects.overdue()) == [late]
    assert [Task.objects.get(pk=t.pk).is_overdue for t in (late, due, done)] == [
        True,
        False,
        False,
    ]


def test_overdue_tasks_are_flagged_on_the_pages(
    client, executive, objective, consortium, time_machine
):
    time_machine.move_to("2007-04-10 09:00", tick=False)
    late = factories.task(
        objective, consortium, TaskStatus.PLANNED, date="2007-04-03", description="Late"
    )
    factories.task(objective, consortium, TaskStatus.PLANNED, date="2007-05-01")
    client.force_login(executive)
    badge = '<span class="badge overdue-badge">Overdue</span>'
    for url in (
        reverse("programmes:objective", args=[objective.pk]),
        reverse("programmes:tasks", args=[objective.programme_id]),
        reverse("programmes:task", args=[late.pk]),
    ):
        assert client.get(url).text.count(badge) == 1, url


def test_the_task_form_sets_the_attribution_with_history(client, executive, task):
    client.force_login(executive)
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {
            "status": "stopped",
            "date": "",
            "note": "Stopped by new PCT",
            "shortfall_due_to": "pct",
            "shortfall_reason": "The PCT stopped the project",
            "version": task.version,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.shortfall_due_to, task.shortfall_reason) == (
        "pct",
        "The PCT stopped the project",
    )
    latest = task.history.latest()
    assert latest.history_user == executive
    assert latest.prev_record.shortfall_due_to == ""
    assert latest.shortfall_due_to == "pct"
    assert _row(task.objective).short_other_count == 1


def test_the_task_form_refuses_an_attribution_without_a_reason(client, executive, task):
    client.force_login(executive)
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {
            "status": "to_do",
            "date": "",
            "note": "",
            "shortfall_due_to": "pct",
            "shortfall_reason": "",
            "version": task.version,
        },
    )
    assert response.status_code == 200
    assert "Say why the shortfall is due to the PCT." in response.text
    task.refresh_from_db()
    assert task.shortfall_due_to == ""


def test_the_task_rows_show_an_attribution(client, executive, objective, consortium):
    factories.task(
        objective,
        consortium,
        TaskStatus.TO_DO,
        shortfall_due_to=Party.PCT,
        shortfall_reason="Stopped by new PCT",
    )
    client.force_login(executive)
    page = client.get(reverse("programmes:objective", args=[objective.pk])).text
    assert "Shortfall due to the PCT" in page
