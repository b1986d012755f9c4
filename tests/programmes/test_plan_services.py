"""The plan services record who acted in the field history by themselves, not only
through the request (simple-history's middleware): a command or a shell has none."""

from programmes.models import Objective
from programmes.services import archive_plan_item, create_plan_item, move_plan_item
from tests import factories


def test_the_services_write_who_into_the_history(programme, executive):
    first = create_plan_item(
        Objective(programme=programme, title="First"), user=executive
    )
    second = create_plan_item(
        Objective(programme=programme, title="Second"), user=executive
    )
    assert (first.number, second.number) == (1, 2)
    move_plan_item(second, "up", user=executive)
    archive_plan_item(first, user=executive)
    users = {record.history_user for record in Objective.history.all()}
    assert users == {executive}
    numbers = dict(Objective.objects.values_list("title", "number"))
    assert numbers == {"First": 2, "Second": 1}


def test_moving_a_task_renumbers_ties(objective, consortium, executive):
    a, b, c = (
        factories.task(objective, consortium, order=5, description=name)
        for name in "abc"
    )
    move_plan_item(c, "up", user=executive)
    assert list(objective.tasks.values_list("description", "order")) == [
        ("a", 1),
        ("c", 2),
        ("b", 3),
    ]
