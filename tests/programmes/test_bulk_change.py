"""Changing many tasks at once from the task list: choose, confirm, then each task
saved (or refused) on its own."""

import pytest
from django.urls import reverse

from governance.roles import Role
from programmes.models import TaskStatus
from programmes.services import update_task
from tests import factories


@pytest.fixture
def three(objective, consortium):
    return [
        factories.task(objective, consortium, description=f"Bulk task {n}", order=n)
        for n in (1, 2, 3)
    ]


def _selection(tasks):
    return [f"{task.pk}:{task.version}" for task in tasks]


def _post(client, programme, tasks, confirmed=True, **change):
    data = {"task": _selection(tasks), **change}
    if confirmed:
        data["confirmed"] = "yes"
    return client.post(reverse("programmes:bulk-change", args=[programme.pk]), data)


def test_the_list_offers_a_box_for_each_task_the_user_may_update(
    client, programme, objective, pct, consortium, reviewer, three
):
    pct_led = factories.task(objective, pct, description="PCT-led task", order=4)
    client.force_login(reviewer)
    page = client.get(reverse("programmes:tasks", args=[programme.pk])).text
    assert f'value="{pct_led.pk}:{pct_led.version}" form="bulk-change"' in page
    for task in three:  # led by the consortium: not the PCT's to update
        assert f'value="{task.pk}:{task.version}"' not in page
    assert 'id="bulk-change"' in page


def test_a_practice_manager_gets_no_boxes(client, programme, practice_manager, three):
    client.force_login(practice_manager)
    page = client.get(reverse("programmes:tasks", args=[programme.pk])).text
    assert 'form="bulk-change"' not in page and 'id="bulk-change"' not in page


def test_it_asks_for_confirmation_first_and_changes_nothing(
    client, programme, executive, three
):
    client.force_login(executive)
    response = _post(client, programme, three, confirmed=False, status="in_progress")
    assert response.status_code == 200
    assert "Change 3 tasks?" in response.text
    assert "status <strong>In progress</strong>" in response.text
    # The confirmation carries each task with the version it was loaded at.
    for task in three:
        assert f'name="task" value="{task.pk}:1"' in response.text
        task.refresh_from_db()
        assert (task.status, task.history.count()) == ("to_do", 1)


def test_it_changes_each_task_with_its_own_history_entry(
    client, programme, executive, three
):
    client.force_login(executive)
    response = _post(client, programme, three, status="in_progress", note="Underway")
    assert response.status_code == 200
    assert "3 of 3 tasks changed" in response.text
    for task in three:
        task.refresh_from_db()
        assert (task.status, task.note, task.version) == ("in_progress", "Underway", 2)
        newest = task.history.order_by("-history_id").first()
        assert (task.history.count(), newest.history_user) == (2, executive)


def test_a_task_that_moved_on_in_the_middle_is_refused_alone(
    client, programme, executive, consortium, three
):
    first, middle, last = three
    selection = _selection(three)  # the versions as the list was loaded
    colleague = factories.user(
        Role.EXECUTIVE,
        factories.person(consortium),
        first_name="Mary",
        last_name="McMinn",
    )
    update_task(
        middle.pk,
        changes={"status": "stopped", "date": None, "note": "Stopped by new PCT"},
        expected_version=1,
        user=colleague,
    )
    client.force_login(executive)
    response = client.post(
        reverse("programmes:bulk-change", args=[programme.pk]),
        {"task": selection, "status": "done", "note": "Yes", "confirmed": "yes"},
    )
    assert "2 of 3 tasks changed" in response.text
    assert "Mary McMinn changed this task at" in response.text
    for task in three:
        task.refresh_from_db()
    assert (first.status, middle.status, last.status) == ("done", "stopped", "done")
    assert middle.note == "Stopped by new PCT"  # Mary's change stands
    assert (first.history.count(), middle.history.count()) == (2, 2)


def test_the_same_users_other_tab_is_recognised(client, programme, executive, three):
    selection = _selection(three)
    update_task(
        three[0].pk,
        changes={"status": "in_progress", "date": None, "note": ""},
        expected_version=1,
        user=executive,
    )
    client.force_login(executive)
    response = client.post(
        reverse("programmes:bulk-change", args=[programme.pk]),
        {"task": selection, "status": "done", "confirmed": "yes"},
    )
    assert "in another tab or window" in response.text


def test_an_invalid_result_is_reported_per_task(client, programme, executive, three):
    dated = three[0]
    dated.date = "2006-12-01"
    dated.save()
    client.force_login(executive)
    # Planned needs a date: the dated task takes it; the other two cannot.
    response = client.post(
        reverse("programmes:bulk-change", args=[programme.pk]),
        {"task": _selection(three), "status": "planned", "confirmed": "yes"},
    )
    assert "1 of 3 tasks changed" in response.text
    assert response.text.count("Give the planned date.") == 2
    for task in three:
        task.refresh_from_db()
    assert [t.status for t in three] == ["planned", "to_do", "to_do"]


def test_a_pct_member_changes_only_what_they_may(
    client, programme, objective, pct, reviewer, three
):
    pct_led = factories.task(objective, pct, order=4)
    client.force_login(reviewer)
    response = _post(client, programme, [pct_led, three[0]], status="in_progress")
    assert "1 of 2 tasks changed" in response.text
    assert "You may not update this task." in response.text
    pct_led.refresh_from_db()
    three[0].refresh_from_db()
    assert (pct_led.status, three[0].status) == ("in_progress", "to_do")


def test_nothing_chosen_is_explained(client, programme, executive, three):
    client.force_login(executive)
    response = _post(client, programme, [], confirmed=False, status="")
    assert "Tick the tasks to change first." in response.text
    response = _post(client, programme, three, confirmed=False)
    assert "Choose a status, a date or a note to set." in response.text


def test_tasks_of_another_programme_are_left_out(client, programme, executive, three):
    elsewhere = factories.task(
        factories.objective(factories.programme(programme.consortium)),
        programme.consortium,
    )
    client.force_login(executive)
    response = _post(client, programme, [three[0], elsewhere], status="in_progress")
    assert "1 of 1 task changed" in response.text
    elsewhere.refresh_from_db()
    assert elsewhere.status == TaskStatus.TO_DO


def test_it_returns_to_the_filtered_list(client, programme, executive, three):
    client.force_login(executive)
    back = reverse("programmes:tasks", args=[programme.pk]) + "?status=open"
    response = _post(client, programme, three, status="in_progress", next=back)
    assert f'href="{back}"' in response.text.replace("&amp;", "&")


def test_its_fields_do_not_share_ids_with_the_filters(
    client, programme, executive, three
):
    client.force_login(executive)
    page = client.get(reverse("programmes:tasks", args=[programme.pk])).text
    for name in ("status", "date", "note"):
        assert page.count(f'id="id_{name}"') <= 1
        assert page.count(f'id="id_bulk_{name}"') == 1
        assert page.count(f'for="id_bulk_{name}"') == 1
