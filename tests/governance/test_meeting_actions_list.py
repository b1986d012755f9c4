"""The action log: filters, overdue flag, and CSV export."""

import datetime
import zoneinfo

from django.urls import reverse

from tests import factories

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_the_action_log_filters_overdue_and_exports(
    client, executive, draft_meeting, time_machine
):
    time_machine.move_to(datetime.datetime(2007, 4, 2, 9, 0, tzinfo=LONDON))
    person = executive.person
    factories.action(
        draft_meeting, person, datetime.date(2007, 3, 31), description="Alpha action"
    )
    factories.action(
        draft_meeting, person, datetime.date(2007, 4, 30), description="Beta action"
    )
    factories.action(
        draft_meeting,
        person,
        datetime.date(2007, 3, 1),
        description="Gamma action",
        status="done",
        closed_on=datetime.date(2007, 3, 20),
    )
    client.force_login(executive)
    url = reverse("meetings:actions")
    page = client.get(url, {"overdue": "on"}).text
    assert "Alpha action" in page
    assert "Beta action" not in page and "Gamma action" not in page
    assert "overdue" in page
    response = client.get(url, {"status": "open", "_export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = body.strip().splitlines()
    assert rows[0].startswith("Agreed at,Owner,Action,Due,Status")
    assert len(rows) == 3  # header, Alpha, Beta
    assert "2007-03-31" in body and "Open" in body


def test_bad_filters_are_refused(client, executive):
    client.force_login(executive)
    response = client.get(reverse("meetings:actions"), {"status": "lost"})
    assert response.status_code == 400


def test_a_stale_edit_of_a_minute_item_shows_the_conflict(
    client, executive, minute_item
):
    url = reverse("meetings:change-item", args=[minute_item.pk])
    client.force_login(executive)
    stale = minute_item.version
    client.post(url, {"heading": "First", "text": "One", "version": stale})
    response = client.post(url, {"heading": "Second", "text": "Two", "version": stale})
    assert response.status_code == 409
    assert "changed this minute item" in response.text
    minute_item.refresh_from_db()
    assert minute_item.heading == "First"
