"""Every page runs a bounded number of queries, however much data there is."""

import pytest
from django.urls import reverse

from tests import factories

# The most queries each page may run, at 10 tasks and at 500 alike. The figures
# cost one grouped query per list of objectives or programmes shown.
MAX_QUERIES = {
    "programmes:dashboard": 7,
    "programmes:programmes": 5,
    "programmes:programme": 14,
    "programmes:achievement": 7,
    "programmes:tasks": 8,
    "programmes:review": 7,
    "programmes:objective": 7,
    "programmes:task": 8,  # 7, and the action log
    "programmes:edit-task": 5,
}


@pytest.mark.parametrize("size", [10, 500])
@pytest.mark.parametrize("name", MAX_QUERIES)
def test_page_queries_do_not_grow_with_the_data(
    client, executive, consortium, pct, size, name, django_assert_max_num_queries
):
    programme, objective, task = factories.large_programme(
        size, consortium, pct, executive.person
    )
    target = {
        "programmes:programme": programme,
        "programmes:achievement": programme,
        "programmes:review": programme,
        "programmes:tasks": programme,
        "programmes:objective": objective,
        "programmes:task": task,
        "programmes:edit-task": task,
    }.get(name)
    url = reverse(name, args=[target.pk]) if target else reverse(name)
    client.force_login(executive)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [10, 500])
def test_exports_do_not_grow_with_the_data(
    client, executive, consortium, pct, size, django_assert_max_num_queries
):
    programme, objective, _ = factories.large_programme(
        size, consortium, pct, executive.person
    )
    client.force_login(executive)
    with django_assert_max_num_queries(8):
        assert (
            client.get(
                reverse("programmes:objective", args=[objective.pk]), {"_export": "csv"}
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(7):
        assert (
            client.get(
                reverse("programmes:achievement", args=[programme.pk]),
                {"_export": "xlsx"},
            ).status_code
            == 200
        )
