"""What is kept in the session when a post meets an expired sign-in (#12: 1, 3)."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from core.middleware import PENDING_EDIT_KEY, PENDING_EDIT_MAX_CHARS
from tests.factories import PASSWORD


def _stale_login_client():
    """A browser whose sign-in page was opened in a tab that has since gone stale:
    it posts a CSRF token that no longer matches, from our own site."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "x" * 32
    return client


def _stored_sessions():
    return [session.get_decoded() for session in Session.objects.all()]


def test_a_stale_sign_in_form_never_stores_the_password(executive):
    client = _stale_login_client()
    response = client.post(
        reverse("login"),
        {
            "username": executive.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": "y" * 32,
        },
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 302
    assert PENDING_EDIT_KEY not in client.session
    assert not any(PASSWORD in str(data) for data in _stored_sessions())


def test_a_password_change_posted_after_expiry_keeps_nothing(executive):
    client = Client()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-secret-2007",
            "new_password2": "a-new-secret-2007",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    stored = str(_stored_sessions())
    assert PASSWORD not in stored and "a-new-secret-2007" not in stored


def test_only_the_edit_forms_fields_are_kept(task):
    client = Client()
    url = reverse("programmes:edit-task", args=[task.pk])
    client.post(
        url,
        {
            "status": "done",
            "note": "Kept",
            "version": 1,
            "password": "hunter2",
            "anything_else": "dropped",
        },
    )
    assert client.session[PENDING_EDIT_KEY] == {
        "path": url,
        "fields": {"status": "done", "note": "Kept", "version": "1"},
    }


@pytest.mark.parametrize(
    "url", ["/", "/programmes/", "/accounts/password_change/", "/no-such-page/"]
)
def test_posts_to_other_pages_keep_nothing(db, url):
    client = Client()
    client.post(url, {"status": "done", "note": "x", "version": 1})
    assert not Session.objects.exists()


def test_a_huge_anonymous_post_fills_nothing(task):
    client = Client()
    url = reverse("programmes:edit-task", args=[task.pk])
    for _ in range(3):
        response = client.post(
            url, {"status": "done", "note": "x" * 2_000_000, "version": 1}
        )
        assert response.status_code == 302
    assert not Session.objects.exists()


def test_an_edit_just_within_the_bound_is_kept(task):
    client = Client()
    note = "x" * (PENDING_EDIT_MAX_CHARS - len("done") - len("1"))
    client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "done", "note": note, "version": 1},
    )
    assert client.session[PENDING_EDIT_KEY]["fields"]["note"] == note
    (row,) = Session.objects.all()
    assert len(row.session_data) < 3 * PENDING_EDIT_MAX_CHARS
