"""Moving objectives within a programme and tasks within an objective."""

import pytest
from django.urls import reverse

from core.models import LogEntry
from tests import factories


@pytest.fixture
def signed_in(client, executive):
    client.force_login(executive)
    return client


def _move(client, kind, item, direction):
    return client.post(
        reverse(f"programmes:move-{kind}", args=[item.pk]), {"direction": direction}
    )


def _descriptions(objective):
    return list(objective.tasks.active().values_list("description", flat=True))


def test_it_moves_a_task_up_and_logs_who(signed_in, objective, consortium, executive):
    for name in ("First", "Second", "Third"):
        factories.task(objective, consortium, description=name)
    third = objective.tasks.get(description="Third")
    response = _move(signed_in, "task", third, "up")
    assert response.status_code == 302
    assert response["Location"] == f"{objective.get_absolute_url()}#task-{third.pk}"
    assert _descriptions(objective) == ["First", "Third", "Second"]
    # Renumbered 1, 2, 3 (the factory counts orders up from wherever it was).
    assert list(objective.tasks.values_list("order", flat=True)) == [1, 2, 3]
    entry = LogEntry.objects.for_object(third).get()
    assert (entry.action, entry.user) == ("programmes.task.reordered", executive)
    assert entry.data == {"direction": "up", "from": 3, "to": 2}
    assert third.history.latest().history_user == executive


def test_the_first_cannot_move_up_nor_the_last_down(signed_in, objective, consortium):
    first, last = factories.tasks(objective, consortium, ["to_do", "done"])
    _move(signed_in, "task", first, "up")
    _move(signed_in, "task", last, "down")
    assert list(objective.tasks.active()) == [first, last]
    assert not LogEntry.objects.exists()


def test_a_move_skips_archived_tasks(signed_in, objective, consortium):
    first, archived, last = factories.tasks(objective, consortium, ["to_do"] * 3)
    signed_in.post(reverse("programmes:archive-task", args=[archived.pk]))
    _move(signed_in, "task", last, "up")
    assert list(objective.tasks.active()) == [last, first]


def test_it_swaps_objective_numbers(signed_in, programme, executive):
    one = factories.objective(programme, number=1, title="One")
    two = factories.objective(programme, number=2, title="Two")
    three = factories.objective(programme, number=3, title="Three")
    signed_in.post(reverse("programmes:archive-objective", args=[two.pk]))
    _move(signed_in, "objective", three, "up")
    numbers = dict(programme.objectives.values_list("title", "number"))
    # Three swaps with One, its active neighbour; the archived Two keeps 2.
    assert numbers == {"Three": 1, "Two": 2, "One": 3}
    entry = LogEntry.objects.for_object(three).get()
    assert entry.action == "programmes.objective.reordered"
    page = signed_in.get(programme.get_absolute_url())
    assert list(page.context["plan_objectives"]) == [three, one]


def test_a_move_needs_a_direction(signed_in, objective):
    response = signed_in.post(reverse("programmes:move-objective", args=[objective.pk]))
    assert response.status_code == 400


def test_a_new_objective_never_reuses_an_archived_ones_number(signed_in, programme):
    archived = factories.objective(programme, number=1)
    signed_in.post(reverse("programmes:archive-objective", args=[archived.pk]))
    signed_in.post(
        reverse("programmes:add-objective", args=[programme.pk]),
        {"title": "New", "weight": "1", "version": "1"},
    )
    assert programme.objectives.get(title="New").number == 2
