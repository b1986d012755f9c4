"""Archiving, restoring and removing plan items, each confirmed on its own page,
and what that does to the figures (programmes/views/plan.py, services.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import LogEntry
from programmes.models import FRPTarget, Task
from tests import factories


@pytest.fixture
def signed_in(client, executive):
    client.force_login(executive)
    return client


@pytest.fixture
def four_tasks(objective, consortium):
    """Done, done, to do, not done: 2 of 4 achieved, 50%."""
    return factories.tasks(objective, consortium, ["done", "done", "to_do", "to_do"])


def _achieved_pct(signed_in, objective):
    page = signed_in.get(reverse("programmes:objective", args=[objective.pk]))
    return page.context["objective"].achieved_pct


def test_archiving_asks_first(signed_in, four_tasks):
    task = four_tasks[2]
    page = signed_in.get(reverse("programmes:archive-task", args=[task.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Archive “{task.description}”?" in html
    assert f'href="{task.objective.get_absolute_url()}">Back</a>' in html
    task.refresh_from_db()
    assert not task.is_archived  # a GET changes nothing


def test_an_archived_task_leaves_the_figures_until_restored(
    signed_in, programme, objective, four_tasks, executive
):
    task = four_tasks[2]
    assert _achieved_pct(signed_in, objective) == 50.0  # 2 of 4
    assert programme.achievement().achieved == Decimal("50.0000")
    response = signed_in.post(reverse("programmes:archive-task", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.is_archived, task.archived_by) == (True, executive)
    # 2 of the 3 tasks left: 66.67%.
    assert _achieved_pct(signed_in, objective) == Decimal("66.6667")  # 2 of 3
    assert programme.achievement().achieved == Decimal("66.6667")
    # Gone from the objective's task table and the programme's task list; still
    # on its own page, marked, with its history.
    page = signed_in.get(reverse("programmes:objective", args=[objective.pk]))
    assert task not in [row.record for row in page.context["table"].rows]
    assert task in page.context["archived_tasks"]
    listing = signed_in.get(reverse("programmes:tasks", args=[programme.pk]))
    assert task not in [row.record for row in listing.context["table"].rows]
    detail = signed_in.get(reverse("programmes:task", args=[task.pk]))
    assert b"Archived " in detail.content
    assert b"programmes.task.archived" in detail.content

    signed_in.post(reverse("programmes:restore-task", args=[task.pk]))
    task.refresh_from_db()
    assert not task.is_archived
    assert programme.achievement().achieved == Decimal("50.0000")
    actions = LogEntry.objects.for_object(task).order_by("pk")
    assert [(e.action, e.user) for e in actions] == [
        ("programmes.task.archived", executive),
        ("programmes.task.restored", executive),
    ]
    assert [r.history_user for r in task.history.order_by("history_id")][1:] == [
        executive,
        executive,
    ]


def test_an_archived_objective_leaves_the_programmes_figures(
    signed_in, programme, consortium
):
    done = factories.objective(programme, number=1)
    factories.tasks(done, consortium, ["done"])
    not_done = factories.objective(programme, number=2)
    factories.tasks(not_done, consortium, ["to_do"])
    # (100% + 0%) / 2 objectives of weight 1 = 50%.
    assert programme.achievement().achieved == Decimal("50.0000")
    signed_in.post(reverse("programmes:archive-objective", args=[not_done.pk]))
    assert programme.achievement().achieved == Decimal("100.0000")
    page = signed_in.get(programme.get_absolute_url())
    assert list(page.context["plan_objectives"]) == [done]
    # Its open task no longer counts as open on the dashboard either.
    dashboard = signed_in.get(reverse("programmes:programmes"))
    assert dashboard.context["programmes"][0].open_task_count == 0


def test_an_archived_target_leaves_the_savings(signed_in, programme, project):
    kept = factories.target(programme, "1000.00", project=project)
    dropped = factories.target(programme, "250.00", project=project)
    assert programme.savings()[0] == Decimal("1250.00")
    signed_in.post(reverse("programmes:archive-target", args=[dropped.pk]))
    assert programme.savings()[0] == Decimal("1000.00")
    page = signed_in.get(programme.get_absolute_url())
    assert [row.record for row in page.context["target_table"].rows] == [kept]
    assert page.context["total_saving"] == Decimal("1000.00")
    # The plan page lists it again when archived ones are asked for.
    plan = signed_in.get(reverse("programmes:plan", args=[programme.pk]))
    assert b"Target %s" % dropped.code.encode() not in plan.content
    plan = signed_in.get(
        reverse("programmes:plan", args=[programme.pk]), {"archived": "1"}
    )
    assert dropped.title.encode() in plan.content
    assert FRPTarget.objects.archived().get() == dropped


def test_an_archived_project_takes_its_targets_out(signed_in, programme, project):
    factories.target(programme, "1000.00", project=project)
    signed_in.post(reverse("programmes:archive-project", args=[project.pk]))
    assert programme.savings()[0] == Decimal("0.00")
    page = signed_in.get(programme.get_absolute_url())
    assert list(page.context["projects"]) == []


def test_a_task_added_by_mistake_can_be_removed(
    signed_in, objective, consortium, executive
):
    task = factories.task(objective, consortium)
    page = signed_in.get(reverse("programmes:remove-task", args=[task.pk]))
    assert f"Remove “{task.description}” for good?".encode() in page.content
    response = signed_in.post(reverse("programmes:remove-task", args=[task.pk]))
    assert response["Location"] == objective.get_absolute_url()
    assert not Task.objects.filter(pk=task.pk).exists()
    entry = LogEntry.objects.for_object(objective).get()
    assert (entry.action, entry.user) == ("programmes.task.removed", executive)
    assert entry.data == {"id": task.pk, "name": task.description}
    deleted = Task.history.filter(id=task.pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", executive)


def test_a_task_with_history_must_be_archived_instead(signed_in, task):
    task.status = "done"
    task.save()
    page = signed_in.get(reverse("programmes:remove-task", args=[task.pk]))
    assert b"cannot be removed. Archive it instead" in page.content
    assert b"<form" not in page.content.split(b"<main")[-1].split(b"</main>")[0]
    response = signed_in.post(
        reverse("programmes:remove-task", args=[task.pk]), follow=True
    )
    assert Task.objects.filter(pk=task.pk).exists()
    assert "Archive it instead" in str(list(response.context["messages"])[0])


def test_an_objective_with_tasks_cannot_be_removed(signed_in, objective, task):
    signed_in.post(reverse("programmes:remove-objective", args=[objective.pk]))
    objective.refresh_from_db()  # still there
