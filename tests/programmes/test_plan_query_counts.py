"""The plan-editing pages run a bounded number of queries at 10 and 500 tasks."""

import pytest
from django.urls import reverse

from tests import factories

# The most queries each page may run, at 10 tasks and at 500 alike.
MAX_QUERIES = {
    "programmes:plan": 9,
    "programmes:add-programme": 8,  # sign-in 3, consortia 3, partners 2
    "programmes:change-programme": 8,
    "programmes:add-objective": 4,
    "programmes:change-objective": 5,
    "programmes:archive-objective": 5,
    "programmes:remove-objective": 7,
    "programmes:add-task": 7,
    "programmes:change-task": 8,
    "programmes:archive-task": 5,
    "programmes:remove-task": 7,
    "programmes:add-target": 5,
    "programmes:change-target": 6,
    "programmes:add-resource": 5,
}


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("name", MAX_QUERIES)
def test_plan_page_queries_do_not_grow_with_the_data(
    client, executive, consortium, pct, size, name, django_assert_max_num_queries
):
    programme, objective, task = factories.large_programme(
        size, consortium, pct, executive.person
    )
    target = programme.projects.get().targets.first()
    source = {
        "programme": programme,
        "objective": objective,
        "task": task,
        "target": target,
    }
    kind = name.split("-", 1)[-1]
    if name == "programmes:plan" or kind == "programme":
        source["programme"] = programme
        arg = None if name == "programmes:add-programme" else programme
    elif name.startswith("programmes:add-"):
        arg = objective if kind == "task" else programme
    else:
        arg = source[kind]
    url = reverse(name, args=[arg.pk]) if arg else reverse(name)
    client.force_login(executive)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 500])
def test_showing_archived_items_stays_flat(
    client, executive, consortium, pct, size, django_assert_max_num_queries
):
    programme, _, _ = factories.large_programme(size, consortium, pct, executive.person)
    client.force_login(executive)
    with django_assert_max_num_queries(9):
        response = client.get(
            reverse("programmes:plan", args=[programme.pk]), {"archived": "1"}
        )
    assert response.status_code == 200
