"""The per-person iCalendar feed at a secret address, read by a real parser."""

import datetime
import zoneinfo

from django.urls import reverse
from icalendar import Calendar

from governance.models import CalendarFeed
from tests import factories

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_holds_my_meetings_and_my_actions_due_dates(
    client, committee, executive, calendar_feed
):
    meeting = factories.meeting(
        committee,
        datetime.date(2007, 3, 13),
        starts_at=datetime.time(13, 0),
        ends_at=datetime.time(14, 15),
        place="Fernville Surgery",
    )
    factories.attendance(meeting, executive.person)
    mine = factories.action(
        meeting, executive.person, datetime.date(2007, 3, 1), due_in_month=True
    )
    someone_else = factories.person(committee.organisation)
    factories.action(meeting, someone_else, datetime.date(2007, 3, 7))
    not_mine = factories.meeting(
        factories.committee(committee.organisation), datetime.date(2007, 5, 1)
    )

    response = client.get(reverse("meetings:calendar-feed", args=[calendar_feed.token]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    events = _events(response)
    # Mine only: not the other person's action, not the other committee's meeting.
    assert sorted(uid.split("@")[0] for uid in events) == sorted(
        [f"action-{mine.pk}", f"meeting-{meeting.pk}"]
    )
    assert not_mine.pk != meeting.pk
    by_kind = {uid.split("-")[0]: event for uid, event in events.items()}
    assert by_kind["meeting"]["summary"] == "Executive Committee"
    assert by_kind["meeting"].decoded("dtstart") == datetime.datetime(
        2007, 3, 13, 13, 0, tzinfo=LONDON
    )
    assert by_kind["meeting"].decoded("dtend") == datetime.datetime(
        2007, 3, 13, 14, 15, tzinfo=LONDON
    )
    assert str(by_kind["meeting"]["location"]) == "Fernville Surgery"
    # Due "Mar 07": an all-day entry on the last day of March.
    assert by_kind["action"].decoded("dtstart") == datetime.date(2007, 3, 31)
    assert str(by_kind["action"]["summary"]).startswith("Action due: ")


def test_a_replaced_address_stops_working(client, executive, calendar_feed):
    old = reverse("meetings:calendar-feed", args=[calendar_feed.token])
    client.force_login(executive)
    assert client.post(reverse("meetings:calendar")).status_code == 302
    new = CalendarFeed.objects.get(person=executive.person)
    assert new.token != calendar_feed.token
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new.get_absolute_url()).status_code == 200


def test_a_stopped_address_stops_working(client, executive, calendar_feed):
    client.force_login(executive)
    client.post(reverse("meetings:calendar"), {"stop": "1"})
    assert not CalendarFeed.objects.exists()
    client.logout()
    url = reverse("meetings:calendar-feed", args=[calendar_feed.token])
    assert client.get(url).status_code == 404


def test_someone_who_lost_access_gets_an_empty_calendar(
    client, committee, executive, calendar_feed
):
    meeting = factories.meeting(committee, datetime.date(2007, 3, 13))
    factories.attendance(meeting, executive.person)
    executive.memberships.all().delete()
    response = client.get(calendar_feed.get_absolute_url())
    assert _events(response) == {}
