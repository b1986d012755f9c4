"""The dashboard's and the programmes list's headlines are cached under the
programme's revision: every way of changing a task, an objective or the programme
changes the revision in the same transaction, so no page shows stale figures.

The programme: 4 tasks in one objective, 1 done. Achieved 1/4 = 25%, 3 open."""

from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from programmes.models import (
    Programme,
    ProgressMode,
    Task,
    TaskStatus,
    figures_revision_changed,
)
from programmes.services import archive_plan_item, bulk_update_tasks, update_task
from tests import factories


@pytest.fixture
def four_tasks(objective, consortium, executive):
    return [
        factories.task(objective, consortium, status=status, owner=executive.person)
        for status in ("done", "to_do", "to_do", "to_do")
    ]


def _headlines(client, url="programmes:programmes"):
    response = client.get(reverse(url))
    assert response.status_code == 200
    return {
        p.name: (p.achieved_pct, p.open_task_count)
        for p in response.context["programmes"]
    }


@pytest.fixture
def signed_in(client, executive, four_tasks, programme):
    client.force_login(executive)
    # Both pages now hold the figures in the cache.
    assert _headlines(client)[programme.name] == (Decimal("25.0000"), 3)
    assert _headlines(client, "programmes:dashboard")[programme.name] == (
        Decimal("25.0000"),
        3,
    )
    return client


def _second_done_through_the_edit_page(client, tasks, executive):
    task = tasks[1]
    client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "done", "date": "", "note": "", "version": task.version},
    )


def _second_done_through_the_service(client, tasks, executive):
    update_task(
        tasks[1].pk,
        changes={"status": TaskStatus.DONE},
        expected_version=tasks[1].version,
        user=executive,
    )


def _second_done_in_a_bulk_change(client, tasks, executive):
    bulk_update_tasks(
        [(tasks[1], tasks[1].version)],
        status=TaskStatus.DONE,
        date=None,
        note="",
        user=executive,
    )


def _second_done_in_the_admin(client, tasks, executive):
    executive.is_staff = executive.is_superuser = True
    executive.save()
    task = Task.objects.get(pk=tasks[1].pk)
    data = {
        k: ("" if v is None else v)
        for k, v in model_to_dict(task).items()
        if k not in ("id", "version", "archived_at", "archived_by")
    }
    data["status"] = "done"
    response = client.post(
        reverse("admin:programmes_task_change", args=[task.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def _second_done_by_a_plain_save(client, tasks, executive):
    task = Task.objects.get(pk=tasks[1].pk)
    task.status = TaskStatus.DONE
    task.save()


def _to_do_task_deleted(client, tasks, executive):
    Task.objects.filter(pk=tasks[3].pk).delete()


@pytest.mark.parametrize(
    "change, expected",
    [
        # 2 of 4 done: 50%, 2 open.
        (_second_done_through_the_edit_page, (Decimal("50.0000"), 2)),
        (_second_done_through_the_service, (Decimal("50.0000"), 2)),
        (_second_done_in_a_bulk_change, (Decimal("50.0000"), 2)),
        (_second_done_in_the_admin, (Decimal("50.0000"), 2)),
        (_second_done_by_a_plain_save, (Decimal("50.0000"), 2)),
        # 1 of 3 done: 33.3333%, 2 open.
        (_to_do_task_deleted, (Decimal("33.3333"), 2)),
    ],
)
def test_a_changed_task_changes_the_headlines(
    signed_in, four_tasks, programme, executive, change, expected
):
    change(signed_in, four_tasks, executive)
    assert _headlines(signed_in)[programme.name] == expected
    assert _headlines(signed_in, "programmes:dashboard")[programme.name] == expected


def test_an_archived_objective_leaves_the_headlines(
    signed_in, programme, objective, executive, consortium
):
    other = factories.objective(programme, number=2)
    factories.task(other, consortium, status="done")
    # Two objectives of weight 1: (25% + 100%) / 2 = 62.5%, 3 open.
    assert _headlines(signed_in)[programme.name] == (Decimal("62.5000"), 3)
    archive_plan_item(other, user=executive)
    assert _headlines(signed_in)[programme.name] == (Decimal("25.0000"), 3)


def test_a_task_moved_to_another_programme_changes_both(
    signed_in, programme, objective, consortium, pct, four_tasks
):
    elsewhere = factories.programme(consortium, partners=[pct])
    target = factories.objective(elsewhere, number=1)
    assert _headlines(signed_in)[elsewhere.name] == (None, 0)
    task = Task.objects.get(pk=four_tasks[0].pk)  # the done one
    task.objective = target
    task.save()
    headlines = _headlines(signed_in)
    assert headlines[programme.name] == (Decimal("0.0000"), 3)
    assert headlines[elsewhere.name] == (Decimal("100.0000"), 0)


def test_a_change_in_how_the_programme_counts_changes_the_headlines(
    signed_in, programme, four_tasks
):
    programme = Programme.objects.get(pk=programme.pk)
    programme.progress_mode = ProgressMode.STATUS_VALUE
    programme.status_progress = {"done": 100, "to_do": 20}
    programme.save()
    # (100 + 3 × 20) / 4 = 40%.
    assert _headlines(signed_in)[programme.name] == (Decimal("40.0000"), 3)


def test_a_stale_copy_of_the_programme_never_brings_an_old_revision_back(
    programme, four_tasks, executive
):
    stale = Programme.objects.get(pk=programme.pk)
    update_task(
        four_tasks[1].pk,
        changes={"status": TaskStatus.DONE},
        expected_version=four_tasks[1].version,
        user=executive,
    )
    current = Programme.objects.get(pk=programme.pk).revision
    assert current != stale.revision
    stale.description = "Saved from an old copy"
    stale.save()
    revisions = {stale.revision, current}
    assert Programme.objects.get(pk=programme.pk).revision not in revisions


def test_a_rolled_back_change_leaves_the_cached_figures_right(
    signed_in, programme, four_tasks
):
    with pytest.raises(RuntimeError), transaction.atomic():
        Task.objects.filter(pk__in=[t.pk for t in four_tasks]).delete()
        raise RuntimeError
    assert _headlines(signed_in)[programme.name] == (Decimal("25.0000"), 3)


def test_the_demo_loader_restores_figures_it_puts_back(client, pilot):
    client.force_login(User.objects.get(username="mjones"))
    before = _headlines(client)[pilot.name]
    Task.objects.filter(objective__programme=pilot, objective__number=1).delete()
    changed = _headlines(client)[pilot.name]
    assert changed != before
    call_command("loaddemo", "--with-demo-users", verbosity=0)
    assert _headlines(client)[pilot.name] == before


# The task list's rows are cached too (core.tables.LeanRowsMixin.tbody_cache_key):
# each change below must show at once on a page that was cached before it.


def _rows(client, programme, query=""):
    response = client.get(reverse("programmes:tasks", args=[programme.pk]) + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<tbody") : html.index("</tbody>")]


def test_the_task_list_shows_a_changed_task_at_once(
    signed_in, programme, four_tasks, executive
):
    assert _rows(signed_in, programme).count("status-done") == 1
    update_task(
        four_tasks[1].pk,
        changes={"status": TaskStatus.DONE},
        expected_version=four_tasks[1].version,
        user=executive,
    )
    assert _rows(signed_in, programme).count("status-done") == 2


def test_the_task_list_shows_renamed_organisations_and_people_at_once(
    signed_in, programme, four_tasks, consortium, executive
):
    assert "Renamed" not in _rows(signed_in, programme)
    consortium.short_name = "RenamedCo"
    consortium.save()
    assert _rows(signed_in, programme).count("RenamedCo") == 4
    person = executive.person
    person.last_name = "Renamedperson"
    person.save()
    assert _rows(signed_in, programme).count("Renamedperson") == 4


def test_the_task_list_follows_who_may_update(
    client, programme, four_tasks, reviewer, pct
):
    """A PCT member may update the tasks their PCT leads: a tick box for each."""
    client.force_login(reviewer)
    assert _rows(client, programme).count('data-select="task"') == 0
    task = Task.objects.get(pk=four_tasks[1].pk)
    task.lead_organisation = pct
    task.save()
    assert _rows(client, programme).count('data-select="task"') == 1
    reviewer.memberships.all().delete()
    response = client.get(reverse("programmes:tasks", args=[programme.pk]))
    assert response.status_code == 404  # no longer a member of a partner


def test_the_task_list_rows_differ_by_user_page_and_day(
    client, programme, four_tasks, executive, reviewer, pct
):
    Task.objects.filter(pk=four_tasks[1].pk).update(
        status=TaskStatus.PLANNED, date="2007-03-01"
    )
    figures_revision_changed(Programme.objects.filter(pk=programme.pk))
    client.force_login(executive)
    with time_machine.travel("2007-02-28 12:00 +0000"):
        assert "overdue-badge" not in _rows(client, programme)
    with time_machine.travel("2007-03-02 12:00 +0000"):
        assert "overdue-badge" in _rows(client, programme)
    assert _rows(client, programme, "?status=done").count("<tr ") == 1
    assert _rows(client, programme).count('data-select="task"') == 4
    client.force_login(reviewer)
    assert _rows(client, programme).count('data-select="task"') == 0


def test_the_task_list_filters_follow_the_tasks_and_the_query(
    signed_in, programme, four_tasks, objective, consortium, pct
):
    url = reverse("programmes:tasks", args=[programme.pk])
    assert f'<option value="{pct.pk}">' not in signed_in.get(url).content.decode()
    factories.task(objective, pct)  # a new lead: a new choice
    page = signed_in.get(url).content.decode()
    assert f'<option value="{pct.pk}">' in page
    page = signed_in.get(url, {"lead": pct.pk}).content.decode()
    assert f'<option value="{pct.pk}" selected>' in page
