"""A person's meetings and action due dates as iCalendar (RFC 5545)."""

import datetime

from django.conf import settings
from django.db.models import Q
from icalendar import Calendar, Event

from governance.models import Action, Meeting

PRODUCT = "-//DacCom PbC//Meetings//EN"


def feed_for(person):
    """Bytes of the person's calendar: the meetings of the committees they sit on
    or are listed for, and the due dates of their actions. Only what their own
    sign-in may see: a person who lost access gets an empty calendar."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"DacCom meetings: {person.full_name}")
    user = person.user
    if user is None or not user.is_active:
        return calendar.to_ical()
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(Q(committee__memberships__person=person) | Q(attendance__person=person))
        .select_related("committee")
        .distinct()
        .order_by("held_on")
    )
    host = (settings.ALLOWED_HOSTS or ["daccom"])[0].lstrip(".") or "daccom"
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("summary", meeting.committee.name)
        event.add("dtstart", meeting.starts())
        event.add("dtend", meeting.ends())
        event.add("dtstamp", meeting.updated_at)
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.place_note:
            event.add("description", meeting.place_note)
        calendar.add_component(event)
    actions = (
        Action.objects.visible_to(user)
        .filter(owner=person)
        .select_related("meeting__committee")
        .order_by("due_on", "pk")
    )
    for action in actions:
        event = Event()
        event.add("uid", f"action-{action.pk}@{host}")
        state = "" if action.is_open else f" ({action.get_status_display().lower()})"
        event.add("summary", f"Action due{state}: {action.description[:80]}")
        event.add("dtstart", action.due_on)
        event.add("dtend", action.due_on + datetime.timedelta(days=1))
        event.add("dtstamp", action.meeting.updated_at)
        event.add(
            "description",
            f"{action.description}\n\nAgreed at the {action.meeting.committee.name} "
            f"on {action.meeting.held_on:%-d %B %Y}; due {action.due_display}.",
        )
        calendar.add_component(event)
    return calendar.to_ical()
