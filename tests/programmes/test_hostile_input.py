"""Input that broke the core when it was attacked (#12: 4, 5, 10)."""

import io

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from programmes.forms import STALE_FORM_MESSAGE
from programmes.models import Task


@pytest.fixture
def signed_in(client, executive):
    client.force_login(executive)
    return client


def _edit(client, task, **fields):
    data = {"status": "to_do", "date": "", "note": "", "version": task.version}
    return client.post(
        reverse("programmes:edit-task", args=[task.pk]), {**data, **fields}
    )


def test_a_pasted_soft_line_break_is_saved_as_a_space(signed_in, task):
    _edit(signed_in, task, status="not_done", note="No GP\x0bcover\x01")
    task.refresh_from_db()
    assert task.note == "No GP cover"


@pytest.mark.parametrize("export_format", ["xlsx", "csv"])
def test_exports_survive_control_characters_already_stored(
    signed_in, task, export_format
):
    # Stored before input was cleaned (or by a bulk update): the export still works.
    Task.objects.filter(pk=task.pk).update(note="Yes\x0bMJ\x1f", description="=1+1")
    response = signed_in.get(
        reverse("programmes:objective", args=[task.objective_id]),
        {"_export": export_format},
    )
    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # exports stream
    if export_format == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert "Yes\nMJ" in values and "'=1+1" in values
    else:
        assert "Yes\nMJ" in body.decode("utf-8-sig")


def test_an_admin_save_bumps_the_version_so_a_stale_form_is_refused(
    signed_in, admin_client, task
):
    form_version = task.version
    url = reverse("admin:programmes_task_change", args=[task.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = {
        "objective": task.objective_id,
        "order": task.order,
        "description": task.description,
        "lead_organisation": task.lead_organisation_id,
        "lead_capacity": "",
        "delivered_through": "",
        "status": "in_progress",
        "date": "",
        "note": "Corrected by the administrator",
        "owner": task.owner_id or "",
        "weight": task.weight,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    task.refresh_from_db()
    assert task.version == form_version + 1

    stale = _edit(signed_in, Task(pk=task.pk, version=form_version), status="done")
    assert stale.status_code == 409
    task.refresh_from_db()
    assert task.note == "Corrected by the administrator"


def test_any_save_bumps_the_version_past_the_stored_one(task):
    stale_copy = Task.objects.get(pk=task.pk)
    fresh = Task.objects.get(pk=task.pk)
    fresh.note = "first"
    fresh.save()
    stale_copy.note = "second"
    stale_copy.save()
    task.refresh_from_db()
    assert task.version == 3  # 1, then 2, then 3: never two saves at 2


@pytest.mark.parametrize("per_page", ["-1", "0", "abc", "99999999999", ""])
@pytest.mark.parametrize(
    "name", ["programmes:achievement", "programmes:tasks", "programmes:programme"]
)
def test_bad_paging_values_fall_back_to_the_default(signed_in, task, name, per_page):
    programme = task.objective.programme
    response = signed_in.get(
        reverse(name, args=[programme.pk]), {"per_page": per_page, "page": "-3"}
    )
    assert response.status_code == 200


def test_bad_paging_on_an_objective_falls_back_too(signed_in, task):
    url = reverse("programmes:objective", args=[task.objective_id])
    assert signed_in.get(url, {"per_page": "-1"}).status_code == 200


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "0"])
def test_a_missing_or_malformed_version_says_so_and_saves_nothing(
    signed_in, task, version
):
    data = {"status": "done", "date": "", "note": ""}
    if version is not None:
        data["version"] = version
    response = signed_in.post(reverse("programmes:edit-task", args=[task.pk]), data)
    assert response.status_code == 200
    assert STALE_FORM_MESSAGE in response.text
    task.refresh_from_db()
    assert task.status == "to_do"


@pytest.mark.parametrize("note", ["\u200b", "\u3164\u3164", " \u2060 "])
def test_an_invisible_reason_is_no_reason(signed_in, task, note):
    response = _edit(signed_in, task, status="not_done", note=note)
    assert "Say why it was not achieved." in response.text
    task.refresh_from_db()
    assert task.status == "to_do"


@pytest.mark.parametrize(
    "date,accepted",
    [
        ("0001-01-01", False),
        ("9999-12-31", False),
        ("2004-03-31", False),  # the programme runs 1 Apr 2006 – 31 Mar 2007
        ("2004-04-01", True),
        ("2009-03-31", True),
        ("2009-04-01", False),
    ],
)
def test_planned_dates_stay_near_the_programme(signed_in, task, date, accepted):
    response = _edit(signed_in, task, status="planned", date=date)
    task.refresh_from_db()
    assert (task.status == "planned") is accepted
    if not accepted:
        assert "Give a date between 1 April 2004 and 31 March 2009" in response.text


def test_the_sign_in_page_says_what_is_missing(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assert response.status_code == 200
    assert "Give your username and your password." in response.text
    assert 'id="username-error"' in response.text
    assert 'id="password-error"' in response.text


def test_a_wrong_password_says_so(client, executive):
    response = client.post(
        reverse("login"), {"username": executive.username, "password": "wrong"}
    )
    assert "Please enter a correct username and password" in response.text
    assert User.objects.get(pk=executive.pk).last_login is None
