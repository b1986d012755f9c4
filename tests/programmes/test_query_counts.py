"""Every page runs a bounded number of queries, however much data there is."""

import pytest
from django.urls import reverse

from programmes.models import Comment, Evidence
from tests import factories

# The most queries each page may run, at 10 tasks and at 500 alike. The figures
# cost one grouped query per list of objectives or programmes shown.
MAX_QUERIES = {
    "programmes:dashboard": 13,  # 6, My work, programmes, figures, 4 panels
    "programmes:programmes": 5,
    "programmes:programme": 15,  # 14, and its objectives with their figures
    "programmes:achievement": 7,
    "programmes:tasks": 9,  # 8, and the objectives to filter by
    "programmes:review": 7,
    "programmes:objective": 8,  # 6, its tasks' plan controls, the figures
    "programmes:task": 11,  # 7, the action log, comments, evidence, indicator
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
    downloads = [
        (reverse("programmes:objective", args=[objective.pk]), "csv"),
        (reverse("programmes:tasks", args=[programme.pk]), "csv"),
        (reverse("programmes:achievement", args=[programme.pk]), "xlsx"),
    ]
    for url, export_format in downloads:
        with django_assert_max_num_queries(8):
            response = client.get(url, {"_export": export_format})
            # A CSV streams: its rows are read while the body is sent.
            body = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert body


@pytest.mark.parametrize("size", [10, 500])
def test_a_task_with_much_discussion_takes_as_many_queries(
    client, executive, consortium, pct, size, django_assert_max_num_queries
):
    _, _, task = factories.large_programme(size, consortium, pct, executive.person)
    for i in range(size // 10):
        Comment.objects.create(task=task, author=executive, text=f"Comment {i}")
        Evidence.objects.create(
            task=task,
            added_by=executive,
            description=f"Link {i}",
            url=f"https://example.org/{i}",
        )
    client.force_login(executive)
    with django_assert_max_num_queries(MAX_QUERIES["programmes:task"]):
        response = client.get(reverse("programmes:task", args=[task.pk]))
    assert response.text.count("Comment ") >= size // 10


@pytest.mark.parametrize("size", [10, 500])
def test_confirming_a_change_to_every_task_takes_as_many_queries(
    client, executive, consortium, pct, size, django_assert_max_num_queries
):
    programme, _, _ = factories.large_programme(size, consortium, pct, executive.person)
    selection = [
        f"{pk}:{version}"
        for pk, version in programme.objectives.values_list(
            "tasks__pk", "tasks__version"
        )
    ]
    client.force_login(executive)
    # The session, the roles, the programme, the tasks (with their objectives).
    with django_assert_max_num_queries(5):
        response = client.post(
            reverse("programmes:bulk-change", args=[programme.pk]),
            {"task": selection, "status": "in_progress"},
        )
    assert f"Change {size} tasks?" in response.text
