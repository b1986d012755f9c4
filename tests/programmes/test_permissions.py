"""Every page, for every role: allowed, forbidden, or sent to sign in."""

import pytest
from django.urls import reverse

READ_VIEWS = [
    ("programmes:dashboard", None),
    ("programmes:programmes", None),
    ("programmes:programme", "programme"),
    ("programmes:achievement", "programme"),
    ("programmes:tasks", "programme"),
    ("programmes:review", "programme"),
    ("programmes:review-pdf", "programme"),
    ("programmes:objective", "objective"),
    ("programmes:task", "task"),
    ("programmes:task-row", "task"),
]
EDIT_VIEWS = [("programmes:edit-task", "task")]

ROLE_CAN_READ = {
    "executive": True,
    "pct": True,
    "practice_manager": True,
    "no_role": False,
}
ROLE_CAN_EDIT = {
    "executive": True,
    "pct": False,
    "practice_manager": False,
    "no_role": False,
}


def _url(name, target, request):
    if target is None:
        return reverse(name)
    return reverse(name, args=[request.getfixturevalue(target).pk])


@pytest.mark.parametrize("name,target", READ_VIEWS + EDIT_VIEWS)
def test_anonymous_users_are_sent_to_sign_in(client, name, target, request):
    url = _url(name, target, request)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ROLE_CAN_READ)
@pytest.mark.parametrize("name,target", READ_VIEWS)
def test_read_views_by_role(client, users, role, name, target, request):
    client.force_login(users[role])
    response = client.get(_url(name, target, request))
    assert response.status_code == (200 if ROLE_CAN_READ[role] else 403)


@pytest.mark.parametrize("role", ROLE_CAN_EDIT)
@pytest.mark.parametrize("name,target", EDIT_VIEWS)
def test_edit_views_by_role(client, users, role, name, target, request):
    client.force_login(users[role])
    response = client.get(_url(name, target, request))
    assert response.status_code == (200 if ROLE_CAN_EDIT[role] else 403)


@pytest.mark.parametrize("role", ["pct", "practice_manager", "no_role"])
def test_a_non_editor_posting_an_edit_gets_403_and_nothing_changes(
    client, users, role, task
):
    client.force_login(users[role])
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "done", "date": "", "note": "sneaky", "version": task.version},
    )
    assert response.status_code == 403
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
