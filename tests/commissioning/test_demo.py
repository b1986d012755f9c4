"""The demo's business plan, prescribing roles and gatekeeper proposals, against
the seeds (status report, April 2007; minutes of 22 February 2007)."""

import datetime

from commissioning.models import Proposal, ServiceArea


def test_the_business_plan_lists_the_status_reports_services_in_order(pilot):
    assert list(ServiceArea.objects.values_list("name", flat=True)) == [
        "Counselling",
        "Physiotherapy",
        "Urgent Care",
        "COPD",
        "Heart Failure",
        "Diabetes",
        "Community Nursing",
        "Referral Management",
        "Prescribing",
        "New Dacorum Hospital",
        "Local Enhanced Services",
    ]


def test_prescribing_has_the_minutes_roles_per_party(pilot):
    prescribing = ServiceArea.objects.get(name="Prescribing")
    assert prescribing.get_level_of_input_display() == "Clinical advice"
    roles = [(role.party, role.description) for role in prescribing.roles.all()]
    assert roles == [
        ("consortium", "Clinical advice regarding effective prescribing"),
        ("consortium", "Communication of proposals and rationale to the practices"),
        ("consortium", "Data monitoring"),
        ("pct", "Administrative help to support medication switches"),
        ("pct", "Police action where necessary"),
    ]


def test_the_tring_request_was_deferred_at_minute_5(pilot):
    tring = Proposal.objects.get(raised_by__startswith="The Tring")
    assert tring.raised_by == "The Tring Physiotherapy and Sports Injuries Clinic"
    assert tring.service_area.name == "Physiotherapy"
    assert str(tring.received_by) == "Mark Jones"
    assert (tring.stage, tring.decided_on, tring.minute_number) == (
        "deferred",
        datetime.date(2007, 2, 22),
        "5",
    )
    assert tring.decision_reason.startswith(
        "Lynn Dalton will find out who in the PCT is responsible for commissioning "
        "this service"
    )


def test_the_pct_lead_sees_the_business_case_waiting_for_the_committee(
    pilot, pilot_reviewer, client
):
    diabetes = Proposal.objects.get(service_area__name="Diabetes")
    assert diabetes.stage == "case_submitted"
    assert "Invented for the demo" in diabetes.notes
    client.force_login(pilot_reviewer)
    page = client.get(diabetes.get_absolute_url()).content.decode()
    assert "Record the Governance Committee&#x27;s decision" in page


def test_the_tring_decision_links_to_minute_5_of_22_february_2007(client, pilot):
    from django.contrib.auth import get_user_model

    from commissioning.models import Proposal

    proposal = Proposal.objects.get(title__icontains="Tring")
    client.force_login(get_user_model().objects.get(username="mjones"))
    page = client.get(proposal.get_absolute_url()).content.decode()
    minute = proposal.recording_minute(get_user_model().objects.get(username="mjones"))
    assert (minute.meeting.held_on.isoformat(), minute.number) == ("2007-02-22", 5)
    assert f'href="{minute.get_absolute_url()}"' in page
