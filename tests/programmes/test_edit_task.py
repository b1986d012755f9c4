import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from core.middleware import PENDING_EDIT_KEY
from governance.roles import Role
from programmes.models import Task
from tests import factories

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _post(client, task, htmx=False, **fields):
    data = {"status": "done", "date": "", "note": "", "version": task.version, **fields}
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        reverse("programmes:edit-task", args=[task.pk]), data, headers=headers
    )


@pytest.fixture
def signed_in(client, executive):
    client.force_login(executive)
    return client


def test_it_saves_and_returns_to_the_objective(signed_in, task):
    response = _post(signed_in, task, status="done", date="2007-03-01", note="Yes – MJ")
    assert response.status_code == 302
    assert response["Location"] == task.objective.get_absolute_url()
    task.refresh_from_db()
    assert (task.status, str(task.date), task.note, task.version) == (
        "done",
        "2007-03-01",
        "Yes – MJ",
        2,
    )


def test_it_returns_to_a_safe_next_page_only(signed_in, task):
    response = _post(signed_in, task, next="https://evil.example/")
    assert response["Location"] == task.objective.get_absolute_url()
    response = _post(
        signed_in,
        Task.objects.get(pk=task.pk),
        status="to_do",
        next=reverse("programmes:dashboard"),
    )
    assert response["Location"] == reverse("programmes:dashboard")


def test_it_records_who_changed_what(signed_in, task, executive):
    _post(signed_in, task, status="stopped", note="Stopped by new PCT")
    latest = task.history.latest()
    assert latest.history_user == executive
    assert latest.prev_record.status == "to_do"
    assert latest.status == "stopped"
    page = signed_in.get(reverse("programmes:task", args=[task.pk]))
    # The navigation shows the user's name too: look in the history's rows only.
    rows = _history_rows(page)
    assert len(rows) == 2  # the change, then the factory's creation
    assert executive.get_full_name().startswith("User Number")
    assert f"<td>{executive.get_full_name()}</td>" in rows[0]
    assert "Stopped by new PCT" in rows[0] and "<del>To do</del>" in rows[0]
    assert "<td>System</td>" in rows[1]


def test_the_history_names_a_user_without_a_name_by_username(client, task):
    editor = factories.user(
        Role.EXECUTIVE,
        organisation_=task.objective.programme.consortium,
        first_name="",
        last_name="",
    )
    client.force_login(editor)
    _post(client, task, status="done")
    rows = _history_rows(client.get(reverse("programmes:task", args=[task.pk])))
    assert f"<td>{editor.username}</td>" in rows[0]


def _history_rows(page):
    history = page.text.split(">History</h2>")[1].split("<tbody>")[1]
    return history.split("</tbody>")[0].split("</tr>")[:-1]


def test_htmx_save_returns_the_row_and_the_new_percentage(signed_in, task):
    response = _post(signed_in, task, htmx=True)
    assert response.status_code == 200
    assert f'id="task-{task.pk}"' in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert 'data-testid="objective-achieved">100%<' in response.text


def test_htmx_get_returns_the_inline_form(signed_in, task):
    response = signed_in.get(
        reverse("programmes:edit-task", args=[task.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<tr")
    assert 'name="version"' in response.text


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"status": "finished"}, "status", "Select a valid choice"),
        ({"date": "31/31/2007"}, "date", "Enter a valid date"),
        ({"note": "x" * 501}, "note", "at most 500 characters"),
        ({"status": "planned", "date": ""}, "date", "Give the planned date."),
        ({"status": "stopped", "note": "  "}, "note", "Say why it was not achieved."),
        ({"status": "done", "date": "2999-01-01"}, "date", "cannot be in the future"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_shows_the_error_and_saves_nothing(
    signed_in, task, fields, field, message, htmx
):
    response = _post(signed_in, task, htmx=htmx, **fields)
    assert response.status_code == 200
    assert message in response.text
    task.refresh_from_db()
    assert (task.status, task.version, task.history.count()) == ("to_do", 1, 1)


def test_a_british_date_is_accepted(signed_in, task):
    _post(signed_in, task, status="planned", date="31/03/2007")
    task.refresh_from_db()
    assert str(task.date) == "2007-03-31"


@pytest.mark.parametrize("htmx", [False, True])
def test_a_stale_edit_is_refused_and_shows_the_newer_values(signed_in, task, htmx):
    started_from = task.version
    _post(signed_in, task, status="in_progress", note="First editor")
    response = _post(
        signed_in,
        task,
        htmx=htmx,
        status="stopped",
        note="Second editor",
        version=started_from,
    )
    assert response.status_code == 409
    # The same user, in another tab: the page says so rather than "someone else".
    assert "You changed this task at " in response.text
    assert "in another tab or window" in response.text
    assert "First editor" in response.text  # the newer values
    assert "Second editor" in response.text  # the user's own input is kept
    task.refresh_from_db()
    assert (task.status, task.note) == ("in_progress", "First editor")
    # Saving again from the conflict form (which carries the new version) works.
    assert (
        _post(signed_in, task, status="stopped", note="Second editor").status_code
        == 302
    )


def test_a_conflict_names_who_changed_the_task_and_when(
    client, task, executive, consortium
):
    colleague = factories.user(
        Role.EXECUTIVE,
        factories.person(consortium),
        first_name="Mary",
        last_name="McMinn",
    )
    # After the fixtures were made: the newest history entry is Mary's.
    with time_machine.travel(datetime.datetime(2031, 3, 5, 10, 42, tzinfo=LONDON)):
        client.force_login(colleague)
        _post(client, task, status="in_progress", note="Mary's change")
        client.force_login(executive)
        response = _post(client, task, status="stopped", note="Mine", version=1)
    assert response.status_code == 409
    assert "Mary McMinn changed this task at 10:42 on 5 March 2031" in response.text
    assert "another tab" not in response.text


def test_a_double_submit_makes_one_change(signed_in, task):
    first = _post(signed_in, task, status="done", note="Yes")
    second = _post(signed_in, task, status="done", note="Yes")  # same version again
    assert (first.status_code, second.status_code) == (302, 302)
    task.refresh_from_db()
    assert task.version == 2
    assert task.history.count() == 2  # created + one change


def test_get_never_changes_anything(signed_in, task):
    signed_in.get(reverse("programmes:edit-task", args=[task.pk]), {"status": "done"})
    task.refresh_from_db()
    assert task.status == "to_do"


def test_other_methods_are_refused(signed_in, task):
    response = signed_in.delete(reverse("programmes:edit-task", args=[task.pk]))
    assert response.status_code == 405


def test_an_edit_posted_after_the_session_expired_is_offered_again(
    client, executive, task
):
    url = reverse("programmes:edit-task", args=[task.pk])
    response = client.post(
        url,
        {
            "status": "planned",
            "date": "2007-04-03",
            "note": "Planned April 3",
            "version": task.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"
    assert client.session[PENDING_EDIT_KEY]["fields"]["note"] == "Planned April 3"
    client.force_login(executive)
    form_page = client.get(url)
    assert "Your session had expired" in form_page.text
    assert 'value="Planned April 3"' in form_page.text
    assert 'value="2007-04-03"' in form_page.text
    task.refresh_from_db()
    assert task.status == "to_do"  # nothing saved until the user saves again


def test_an_expired_htmx_edit_redirects_the_whole_page_to_sign_in(client, task):
    url = reverse("programmes:edit-task", args=[task.pk])
    response = client.post(
        url, {"status": "done", "version": 1}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{reverse('login')}?next={url}"


def test_a_same_site_edit_without_any_cookies_goes_to_sign_in_and_is_kept(task):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    url = reverse("programmes:edit-task", args=[task.pk])
    response = client.post(
        url,
        {"status": "done", "note": "Kept", "version": 1},
        headers={"HX-Request": "true", "Origin": "http://testserver"},
    )
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{reverse('login')}?next={url}"
    assert client.session[PENDING_EDIT_KEY]["fields"]["note"] == "Kept"


def test_a_cross_site_post_is_refused_and_keeps_nothing(task):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "done", "note": "Planted", "version": 1},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert PENDING_EDIT_KEY not in client.session


def test_htmx_responses_put_the_focus_back_in_the_row(signed_in, task):
    form = signed_in.get(
        reverse("programmes:edit-task", args=[task.pk]), headers={"HX-Request": "true"}
    )
    assert 'name="status" autofocus' in form.text
    row = _post(signed_in, task, htmx=True)
    assert "autofocus" in row.text.split("</tr>")[0]


def test_the_htmx_row_keeps_inline_editing_and_a_way_back(signed_in, task):
    row = signed_in.get(
        reverse("programmes:task-row", args=[task.pk]), headers={"HX-Request": "true"}
    )
    edit_url = reverse("programmes:edit-task", args=[task.pk])
    assert f'hx-get="{edit_url}"' in row.text
    assert f"?next={task.objective.get_absolute_url()}" in row.text.replace("%2F", "/")


def test_an_edit_kept_over_sign_in_still_meets_a_newer_change(client, executive, task):
    url = reverse("programmes:edit-task", args=[task.pk])
    kept = {"status": "stopped", "note": "Mine", "version": task.version}
    client.post(url, kept)  # anonymous: kept for after sign-in
    Task.objects.filter(pk=task.pk).update(version=task.version + 1, note="Theirs")
    client.force_login(executive)
    form_page = client.get(url)
    assert f'name="version" value="{task.version}"' in form_page.text
    response = client.post(url, kept)
    assert response.status_code == 409
    task.refresh_from_db()
    assert task.note == "Theirs"

