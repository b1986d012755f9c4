"""Meetings, minutes and actions (issue #18): overdue and carried-forward actions,
every status transition, finalising and correcting the record, and who sees what."""

import datetime
import io
import itertools
import zoneinfo

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.editing import EditConflict
from governance.meeting_services import (
    MeetingError,
    complete_action,
    drop_action,
    finalise_meeting,
    remove_part,
    reopen_action,
    reopen_for_correction,
    update_part,
)
from governance.models import Action, Meeting
from tests import factories

LONDON = zoneinfo.ZoneInfo("Europe/London")
Status = Action.Status


def _day(text):
    return datetime.date.fromisoformat(text)


# ---------------------------------------------------------------------------
# Overdue and carried forward
# ---------------------------------------------------------------------------


def test_an_action_due_in_a_month_is_overdue_only_after_the_month(
    draft_meeting, executive, time_machine
):
    action = factories.action(
        draft_meeting, executive.person, _day("2007-03-01"), due_in_month=True
    )
    assert action.due_on == _day("2007-03-31")  # “Mar 07”: by the end of March
    assert action.due_display == "Mar 07"
    time_machine.move_to(datetime.datetime(2007, 3, 31, 23, 0, tzinfo=LONDON))
    assert not action.is_overdue
    assert not Action.objects.overdue().exists()
    time_machine.move_to(datetime.datetime(2007, 4, 1, 9, 0, tzinfo=LONDON))
    assert action.is_overdue
    assert list(Action.objects.overdue()) == [action]


def test_an_action_due_on_a_day_shows_the_day_and_a_closed_one_is_never_overdue(
    draft_meeting, executive, time_machine
):
    action = factories.action(draft_meeting, executive.person, _day("2007-03-13"))
    assert action.due_display == "13 Mar 07"
    time_machine.move_to(datetime.datetime(2007, 3, 14, 9, 0, tzinfo=LONDON))
    assert action.is_overdue
    complete_action(
        action.pk,
        done_on=_day("2007-03-14"),
        what_was_done="Found out",
        expected_version=action.version,
        user=executive,
    )
    action.refresh_from_db()
    assert not action.is_overdue
    assert not Action.objects.overdue().exists()


def test_open_actions_are_carried_forward_until_closed(committee, executive):
    person = executive.person
    first = factories.meeting(committee, _day("2007-02-22"))
    second = factories.meeting(committee, _day("2007-03-13"))
    third = factories.meeting(committee, _day("2007-04-04"))
    still_open = factories.action(first, person, _day("2007-03-01"))
    closed_between = factories.action(
        first,
        person,
        _day("2007-03-07"),
        status=Status.DONE,
        closed_on=_day("2007-03-20"),
    )
    closed_before = factories.action(
        first,
        person,
        _day("2007-03-07"),
        status=Status.DONE,
        closed_on=_day("2007-03-06"),
    )
    agreed_at_second = factories.action(second, person, _day("2007-04-01"))
    other_committee = factories.meeting(
        factories.committee(committee.organisation), _day("2007-01-10")
    )
    factories.action(other_committee, person, _day("2007-02-01"))

    assert set(Action.objects.carried_to(first)) == set()
    assert set(Action.objects.carried_to(second)) == {still_open, closed_between}
    assert set(Action.objects.carried_to(third)) == {still_open, agreed_at_second}
    assert closed_before not in Action.objects.carried_to(second)


# ---------------------------------------------------------------------------
# Status transitions
# ---------------------------------------------------------------------------

ALLOWED = {
    (Status.OPEN, Status.DONE),
    (Status.OPEN, Status.DROPPED),
    (Status.DONE, Status.OPEN),
    (Status.DROPPED, Status.OPEN),
}


def _move(action, to, user):
    if to == Status.DONE:
        return complete_action(
            action.pk,
            done_on=_day("2007-03-20"),
            what_was_done="Done it",
            expected_version=action.version,
            user=user,
        )
    if to == Status.DROPPED:
        return drop_action(
            action.pk, reason="Overtaken", expected_version=action.version, user=user
        )
    return reopen_action(action.pk, expected_version=action.version, user=user)


@pytest.mark.parametrize(
    ("start", "to"), list(itertools.product(Status.values, repeat=2))
)
def test_each_status_transition_is_allowed_or_refused(
    draft_meeting, executive, start, to
):
    closed = {"closed_on": _day("2007-03-01")} if start != Status.OPEN else {}
    action = factories.action(
        draft_meeting, executive.person, _day("2007-03-31"), status=start, **closed
    )
    if (start, to) in ALLOWED:
        moved = _move(action, to, executive)
        assert moved.status == to
        assert (moved.closed_on is None) == (to == Status.OPEN)
    else:
        with pytest.raises(MeetingError):
            _move(action, to, executive)
        action.refresh_from_db()
        assert action.status == start


def test_done_needs_a_date_from_the_meeting_to_today_and_what_was_done(
    draft_meeting, executive, time_machine
):
    time_machine.move_to(datetime.datetime(2007, 3, 20, 9, 0, tzinfo=LONDON))
    action = factories.action(draft_meeting, executive.person, _day("2007-03-31"))
    for done_on, what, field in (
        ("2007-03-21", "Done", "done_on"),  # the future
        ("2007-03-12", "Done", "done_on"),  # before the meeting of 13 March
        ("2007-03-14", "  ", "what_was_done"),
    ):
        with pytest.raises(ValidationError) as refused:
            complete_action(
                action.pk,
                done_on=_day(done_on),
                what_was_done=what,
                expected_version=action.version,
                user=executive,
            )
        assert field in refused.value.message_dict
    with pytest.raises(ValidationError):
        drop_action(
            action.pk, reason="", expected_version=action.version, user=executive
        )


def test_a_stale_action_change_is_refused(draft_meeting, executive):
    action = factories.action(draft_meeting, executive.person, _day("2007-03-31"))
    stale = action.version
    drop_action(action.pk, reason="Overtaken", expected_version=stale, user=executive)
    with pytest.raises(EditConflict):
        reopen_action(action.pk, expected_version=stale, user=executive)


# ---------------------------------------------------------------------------
# Editing a draft, finalising, correcting
# ---------------------------------------------------------------------------


def test_a_stale_edit_of_the_meeting_is_refused(draft_meeting, executive):
    loaded = Meeting.objects.get(pk=draft_meeting.pk)
    other = Meeting.objects.get(pk=draft_meeting.pk)
    other.place = "Fernville Surgery"
    update_part(other, fields=["place"], expected_version=other.version, user=executive)
    loaded.place = "Highfield Surgery"
    with pytest.raises(EditConflict):
        update_part(
            loaded, fields=["place"], expected_version=loaded.version, user=executive
        )
    draft_meeting.refresh_from_db()
    assert draft_meeting.place == "Fernville Surgery"


def test_removing_an_item_renumbers_the_ones_after_it(draft_meeting, executive):
    items = [factories.minute_item(draft_meeting, n) for n in (2, 3, 4)]
    remove_part(items[0], user=executive)
    assert list(draft_meeting.items.values_list("number", "heading")) == [
        (2, "Item 3"),
        (3, "Item 4"),
    ]


def test_finalising_needs_an_author_and_attendance(committee, executive):
    meeting = factories.meeting(committee, _day("2007-02-22"))
    with pytest.raises(MeetingError, match="who wrote"):
        finalise_meeting(meeting, user=executive)
    meeting.recorded_by = executive.person
    meeting.recorded_on = _day("2007-02-23")
    meeting.save()
    with pytest.raises(MeetingError, match="attended"):
        finalise_meeting(meeting, user=executive)


def test_a_finalised_record_cannot_be_edited_until_corrected(meeting_record, executive):
    meeting = meeting_record.meeting
    with pytest.raises(MeetingError):
        remove_part(meeting.attendance.first(), user=executive)
    with pytest.raises(MeetingError):
        finalise_meeting(meeting, user=executive)
    reopen_for_correction(meeting, user=executive)
    with pytest.raises(MeetingError, match="Nothing has changed"):
        finalise_meeting(meeting, user=executive)


def _pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def february(pilot):
    """The demo's meeting of 22 February 2007, finalised by loaddemo."""
    return Meeting.objects.get(held_on=_day("2007-02-22"))


def test_the_demo_meeting_is_recorded_as_the_seed_gives_it(february):
    assert not february.is_draft
    assert february.place == ""  # the record gives none for this meeting
    attended = february.attendance.filter(kind="attended")
    assert [line.name for line in attended] == [
        "Corina Ciobanu",
        "Trevor Fernandes",
        "Richard Gallow",
        "Avi Gupta",
        "Mark Jones",
        "Meena Savla",
        "Richard Walker",
        "Lynn Dalton",
    ]
    apologies = february.attendance.filter(kind="apologies")
    assert [line.name for line in apologies] == [
        "Gerry Bulger",
        "Jeremy Cohen",
        "Mary McMinn",
        "Zunia Hurst",
        "Suzanne Novak",
    ]
    assert [line.name for line in february.attendance.filter(kind="copy")] == [
        "Dacorum Practice Managers"
    ]
    assert [(a.owner.last_name, a.due_display) for a in february.actions.all()] == [
        ("Novak", "Mar 07"),
        ("Dalton", "13 Mar 07"),
        ("Dalton", "7 Mar 07"),
        ("Walker", "Mar 07"),
    ]
    assert list(february.items.values_list("number", flat=True)) == list(range(2, 11))
    assert february.next_held_on == _day("2007-03-13")
    assert february.records.count() == 1


def test_the_demo_agenda_of_13_march_carries_the_open_actions(february):
    march = Meeting.objects.get(held_on=_day("2007-03-13"))
    assert march.is_draft
    carried = Action.objects.carried_to(march)
    # Open: physiotherapy (Lynn Dalton) and the CATS presentation (Richard Walker);
    # the DES review was closed on 13 March itself, so it is still on the agenda;
    # the Estates Panel action was closed on 6 March, before the meeting.
    assert sorted(a.order for a in carried) == [1, 2, 4]


def test_the_record_pdf_shows_the_seed_layout(february):
    record = february.records.get()
    text = _pdf_text(record.read())
    expected_in_order = [
        "DacCom PbC Ltd Executive Committee",
        "Record from a Meeting held on 22 February 2007",
        "Mark Jones",
        "23 February 2007",
        "Attended:",
        "Corina Ciobanu",
        "Lynn Dalton #",
        "# West Hertfordshire PCT",
        "Apologies:",
        "Suzanne Novak #",
        "Copies to:",
        "Dacorum Practice Managers",
        "1. Summary of actions agreed:",
        "Mar 07",
        "13 Mar 07",
        "7 Mar 07",
        "2. Business plan 2007/8:",
        "3. Diabetic services:",
        "4. Funding:",
        "5. Physiotherapy:",
        "6. Highfield Surgery Development:",
        "7. CATS:",
        "8. Urgent / Unscheduled Care:",
        "9. COPD meeting 19 March:",
        "10. Next meeting:",
        "Tuesday 13 March 2007",
        "From 1pm to 2.15pm at Fernville Surgery",
    ]
    flat = " ".join(text.split())
    position = 0
    for phrase in expected_in_order:
        found = flat.find(" ".join(phrase.split()), position)
        assert found >= 0, f"{phrase!r} missing or out of order"
        position = found
    assert "Dr " not in flat.split("Summary of actions")[0]  # names as written


def test_a_correction_is_a_new_version_that_says_what_changed(february):
    executive = february.committee.organisation.memberships.get(
        user__username="mjones"
    ).user
    first = february.records.get()
    reopen_for_correction(february, user=executive)
    item = february.items.get(number=5)
    item.text += "\n\nCorrected: the clinic wrote to Mark Jones on 12 February."
    update_part(item, fields=["text"], expected_version=item.version, user=executive)
    second = finalise_meeting(february, user=executive)
    assert second.version_number == 2
    assert second.snapshot["changes"] == ["Item 5 “Physiotherapy”: text corrected."]
    text = " ".join(_pdf_text(second.read()).split())
    assert f"Version 2, correcting {first.reference}" in text
    assert "Item 5 “Physiotherapy”: text corrected." in text
    assert first.read()  # the first version is kept as issued


# ---------------------------------------------------------------------------
# Pages and roles
# ---------------------------------------------------------------------------


def test_the_record_downloads_byte_identical(client, meeting_record, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("meetings:record-pdf", args=[meeting_record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == meeting_record.read()


def test_a_practice_manager_reads_finalised_records_only(
    client, practice_manager, meeting_record, draft_meeting
):
    client.force_login(practice_manager)
    finalised = meeting_record.meeting
    assert client.get(finalised.get_absolute_url()).status_code == 200
    assert client.get(draft_meeting.get_absolute_url()).status_code == 404
    listed = client.get(reverse("meetings:meetings")).context["meetings"]
    assert listed == [finalised]


def test_during_a_correction_readers_see_the_issued_version(
    client, practice_manager, executive, meeting_record
):
    meeting = meeting_record.meeting
    reopen_for_correction(meeting, user=executive)
    factories.minute_item(meeting, 2, heading="Draft correction not yet issued")
    client.force_login(practice_manager)
    page = client.get(meeting.get_absolute_url()).text
    assert "Draft correction not yet issued" not in page
    client.force_login(executive)
    assert (
        "Draft correction not yet issued" in client.get(meeting.get_absolute_url()).text
    )


def test_the_pct_reads_drafts_but_cannot_change_them(client, reviewer, draft_meeting):
    client.force_login(reviewer)
    assert client.get(draft_meeting.get_absolute_url()).status_code == 200
    url = reverse("meetings:add-item", args=[draft_meeting.pk])
    assert client.post(url, {"heading": "X", "text": "Y"}).status_code == 403
    assert not draft_meeting.items.exists()


def test_an_executive_adds_an_action_and_marks_it_done(
    client, executive, draft_meeting, time_machine
):
    time_machine.move_to(datetime.datetime(2007, 3, 20, 9, 0, tzinfo=LONDON))
    client.force_login(executive)
    response = client.post(
        reverse("meetings:add-action", args=[draft_meeting.pk]),
        {
            "owner": executive.person.pk,
            "description": "Write the business plan",
            "due_on": "2007-03-05",
            "due_in_month": "on",
        },
    )
    assert response.status_code == 302
    action = draft_meeting.actions.get()
    assert action.due_display == "Mar 07"
    response = client.post(
        reverse("meetings:complete-action", args=[action.pk]),
        {"version": action.version, "done_on": "2007-03-19", "what_was_done": "Sent"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.closed_on, action.outcome) == (
        "done",
        _day("2007-03-19"),
        "Sent",
    )


def test_the_dashboard_lists_my_open_actions_with_overdue_flagged(
    client, executive, draft_meeting, time_machine
):
    time_machine.move_to(datetime.datetime(2007, 4, 2, 9, 0, tzinfo=LONDON))
    factories.action(
        draft_meeting, executive.person, _day("2007-03-31"), description="Late one"
    )
    factories.action(
        draft_meeting,
        executive.person,
        _day("2007-03-31"),
        description="Closed one",
        status="done",
        closed_on=_day("2007-03-30"),
    )
    client.force_login(executive)
    page = client.get(reverse("programmes:dashboard")).text
    section = page.split('id="my-actions"')[1].split("</section>")[0]
    assert "Late one" in section and "overdue" in section
    assert "Closed one" not in section


def test_a_minute_cited_as_evidence_shows_on_the_task(client, pilot, pilot_reviewer):
    from programmes.models import Evidence

    evidence = Evidence.objects.get(minute_item__isnull=False)
    client.force_login(pilot_reviewer)
    page = client.get(evidence.task.get_absolute_url()).text
    assert "minute 2 of 22 February 2007" in page
    assert evidence.minute_item.get_absolute_url() in page


def test_an_executive_links_an_action_and_cites_a_finalised_minute_only(
    client, executive, task, meeting_record, draft_meeting
):
    finalised_item = factories.minute_item(meeting_record.meeting, 2)
    draft_item = factories.minute_item(draft_meeting, 2)
    action = factories.action(draft_meeting, executive.person, _day("2007-03-31"))
    url = reverse("programmes:meeting-links", args=[task.pk])
    client.force_login(executive)
    assert client.post(url, {"link": "1", "action": action.pk}).status_code == 302
    assert action.task_link.task == task
    refused = client.post(
        url, {"cite": "1", "minute_item": draft_item.pk, "description": "Draft"}
    )
    assert refused.status_code == 200  # a draft's minute is not on offer
    cited = client.post(
        url, {"cite": "1", "minute_item": finalised_item.pk, "description": "Minuted"}
    )
    assert cited.status_code == 302
    assert task.evidence.get().minute_item == finalised_item
    meeting_page = client.get(draft_meeting.get_absolute_url()).text
    assert f'Serves task: <a href="{task.get_absolute_url()}"' in meeting_page


def test_the_demo_links_the_cats_action_to_referral_management(february):
    action = february.actions.get(owner__last_name="Walker")
    task = action.task_link.task
    assert (task.objective.number, task.order) == (2, 10)


def test_a_minute_edit_posted_after_the_sign_in_expired_is_offered_again(
    client, executive, minute_item
):
    url = reverse("meetings:change-item", args=[minute_item.pk])
    response = client.post(
        url, {"heading": "Business plan", "text": "Kept text", "version": 1}
    )
    assert response.status_code == 302
    client.post(
        reverse("login"),
        {"username": executive.username, "password": factories.PASSWORD},
    )
    page = client.get(url).text
    assert "Kept text" in page
    assert "Your session had expired" in page
    minute_item.refresh_from_db()
    assert minute_item.text == "Discussed."


def test_the_next_meetings_agenda_starts_from_the_record(client, executive, committee):
    meeting = factories.meeting(
        committee,
        _day("2007-02-22"),
        next_held_on=_day("2007-03-13"),
        next_starts_at=datetime.time(13, 0),
        next_place="Fernville Surgery",
    )
    open_action = factories.action(meeting, executive.person, _day("2007-03-01"))
    client.force_login(executive)
    url = reverse("meetings:start-next", args=[meeting.pk])
    response = client.post(url)
    following = Meeting.objects.get(held_on=_day("2007-03-13"))
    assert response["Location"] == following.get_absolute_url()
    assert (following.starts_at, following.place) == (
        datetime.time(13, 0),
        "Fernville Surgery",
    )
    assert list(Action.objects.carried_to(following)) == [open_action]
    client.post(url)  # again: the same agenda, not a second one
    assert Meeting.objects.filter(held_on=_day("2007-03-13")).count() == 1
