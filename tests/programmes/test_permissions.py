"""What each role can do with a task, beyond the status codes of the matrix."""

import pytest
from django.urls import reverse

from governance.models import Organisation
from governance.roles import Role
from tests import factories

# Which role gets which status on every URL: tests/test_access_matrix.py.


@pytest.mark.parametrize(
    "role,status", [("pct", 403), ("practice_manager", 403), ("no_role", 404)]
)
def test_a_non_editor_posting_an_edit_is_refused_and_nothing_changes(
    client, users, role, status, task
):
    client.force_login(users[role])
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "done", "date": "", "note": "sneaky", "version": task.version},
    )
    assert response.status_code == status
    task.refresh_from_db()
    assert (task.status, task.note, task.history.count()) == ("to_do", "", 1)


@pytest.mark.parametrize("role", ["pct", "practice_manager"])
def test_readers_see_no_edit_controls(client, users, role, task):
    client.force_login(users[role])
    objective_page = client.get(
        reverse("programmes:objective", args=[task.objective.pk])
    )
    task_page = client.get(reverse("programmes:task", args=[task.pk]))
    # An error page has no edit controls either: the pages must have loaded.
    assert (objective_page.status_code, task_page.status_code) == (200, 200)
    assert (
        task.description in objective_page.text and task.description in task_page.text
    )
    edit_url = reverse("programmes:edit-task", args=[task.pk])
    assert edit_url not in objective_page.text
    assert edit_url not in task_page.text


def test_an_executive_sees_edit_controls(client, executive, task):
    client.force_login(executive)
    page = client.get(reverse("programmes:objective", args=[task.objective.pk]))
    assert reverse("programmes:edit-task", args=[task.pk]) in page.text


def test_a_superuser_acts_as_an_executive(client, task, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    client.force_login(admin)
    assert (
        client.get(reverse("programmes:edit-task", args=[task.pk])).status_code == 200
    )


def test_a_missing_object_is_404(client, executive):
    client.force_login(executive)
    assert client.get(reverse("programmes:task", args=[999999])).status_code == 404


def test_an_executive_of_another_consortium_cannot_see_the_programme(client, task):
    other = factories.organisation(Organisation.Kind.CONSORTIUM)
    outsider = factories.user(Role.EXECUTIVE, factories.person(other))
    client.force_login(outsider)
    assert client.get(reverse("programmes:task", args=[task.pk])).status_code == 404
    programmes = client.get(reverse("programmes:programmes"))
    assert task.objective.programme.name not in programmes.text


def test_a_merged_pcts_successor_inherits_its_programmes(client, task, pct):
    successor = factories.organisation(Organisation.Kind.PCT)
    pct.successor = successor
    pct.save()
    reviewer = factories.user(Role.PCT, factories.person(successor))
    client.force_login(reviewer)
    assert client.get(reverse("programmes:task", args=[task.pk])).status_code == 200


def test_roles_are_read_in_one_query_a_request(
    client, executive, task, django_assert_max_num_queries
):
    client.force_login(executive)
    # 11: the task page asks whether the task is tied to an indicator (#22).
    with django_assert_max_num_queries(11) as queries:
        client.get(reverse("programmes:task", args=[task.pk]))
    membership_reads = [q for q in queries if "governance_membership" in q["sql"]]
    assert len(membership_reads) == 1
