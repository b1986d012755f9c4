"""Executives record whether a practice takes part; each change is in the field
history and the action log."""

import datetime

import pytest
from django.urls import reverse

from core.models import LogEntry
from funding.models import Participation
from governance.models import Organisation
from tests import factories
from tests.funding import helpers

pytestmark = pytest.mark.django_db


def test_an_executive_records_a_practice_confirmed_in_writing(
    client, executive, scheme, practice
):
    client.force_login(executive)
    url = reverse("funding:add-participation", args=[scheme.pk])
    assert client.get(url, {"practice": practice.pk}).status_code == 200
    response = client.post(
        url,
        {"practice": practice.pk, "status": "confirmed", "confirmed_on": "2006-06-30"},
    )
    assert response.status_code == 302
    participation = Participation.objects.get(scheme=scheme, practice=practice)
    assert participation.confirmed_on == datetime.date(2006, 6, 30)
    entry = LogEntry.objects.get(action="funding.participation.recorded")
    assert entry.user == executive and entry.data["status"] == "confirmed"
    page = client.get(reverse("funding:participations", args=[scheme.pk]))
    assert "Confirmed in writing, confirmed 30 Jun 2006" in page.content.decode()


def test_confirmed_without_a_date_is_a_form_error_and_nothing_is_saved(
    client, executive, participation
):
    client.force_login(executive)
    response = client.post(
        reverse("funding:change-participation", args=[participation.pk]),
        {"status": "confirmed", "confirmed_on": "", "version": participation.version},
    )
    assert response.status_code == 200
    assert "confirmed_on" in response.context["form"].errors
    participation.refresh_from_db()
    assert participation.confirmed_on == helpers.COUNTED_ON


def test_withdrawing_keeps_the_history(client, executive, participation):
    client.force_login(executive)
    response = client.post(
        reverse("funding:change-participation", args=[participation.pk]),
        {
            "status": "withdrawn",
            "confirmed_on": "2006-06-01",
            "withdrawn_on": "2007-01-15",
            "version": participation.version,
        },
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.status == "withdrawn"
    assert participation.history.count() == 2
    assert LogEntry.objects.filter(action="funding.participation.changed").exists()


def test_an_edit_loaded_before_anothers_save_is_refused(
    client, executive, participation
):
    stale = participation.version
    participation.notes = "Changed elsewhere"
    participation.save()
    client.force_login(executive)
    response = client.post(
        reverse("funding:change-participation", args=[participation.pk]),
        {"status": "not_participating", "version": stale},
    )
    assert response.status_code == 200
    assert response.context["conflict"]
    participation.refresh_from_db()
    assert participation.status == "confirmed"


def test_pct_staff_read_but_may_not_change(client, reviewer, participation):
    client.force_login(reviewer)
    assert (
        client.get(
            reverse("funding:participation", args=[participation.pk])
        ).status_code
        == 200
    )
    response = client.post(
        reverse("funding:change-participation", args=[participation.pk]),
        {"status": "withdrawn", "withdrawn_on": "2007-01-01", "version": 1},
    )
    assert response.status_code == 403


def test_only_the_consortiums_practices_can_be_recorded(client, executive, scheme):
    elsewhere = factories.organisation(
        Organisation.Kind.PRACTICE,
        member_of=factories.organisation(Organisation.Kind.CONSORTIUM),
    )
    client.force_login(executive)
    response = client.post(
        reverse("funding:add-participation", args=[scheme.pk]),
        {"practice": elsewhere.pk, "status": "not_participating"},
    )
    assert response.status_code == 302
    assert not Participation.objects.filter(practice=elsewhere).exists()


def test_the_participation_list_exports_every_practice(
    client, reviewer, participation, consortium
):
    factories.organisation(
        Organisation.Kind.PRACTICE, name="Unrecorded Surgery", member_of=consortium
    )
    client.force_login(reviewer)
    response = client.get(
        reverse("funding:participations", args=[participation.scheme.pk]),
        {"_export": "csv"},
    )
    text = b"".join(response.streaming_content).decode()
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0] == (
        "Practice,Practice code,List size,Status,Confirmed on,Withdrawn on"
    )
    assert any(
        line.endswith(",9000,Confirmed in writing,2006-06-01,") for line in lines
    )
    assert any(
        line.startswith("Unrecorded Surgery,") and "Not recorded" in line
        for line in lines
    )


def test_a_practice_manager_finds_their_practices_funding_on_the_dashboard(
    client, practice_manager, participation, executive
):
    client.force_login(practice_manager)
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert "Your practice's funding" in page
    assert participation.get_absolute_url() in page
    client.force_login(executive)
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert "Your practice's funding" not in page
