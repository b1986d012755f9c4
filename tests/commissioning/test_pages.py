import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commissioning.models import Proposal, ServiceArea, ServiceRole
from core.models import LogEntry
from tests import factories


def test_an_executive_adds_and_edits_a_service_area(client, executive, consortium):
    client.force_login(executive)
    response = client.post(
        reverse("commissioning:add-service-area"),
        {
            "consortium": consortium.pk,
            "name": "Prescribing",
            "order": 9,
            "level_of_input": "clinical_advice",
        },
    )
    area = ServiceArea.objects.get(name="Prescribing")
    assert response.status_code == 302 and response["Location"] == (
        area.get_absolute_url()
    )
    assert LogEntry.objects.for_object(area).get().action == (
        "commissioning.servicearea.created"
    )
    edit = reverse("commissioning:change-service-area", args=[area.pk])
    form = {
        "name": "Prescribing",
        "order": 9,
        "level_of_input": "blocked_back",
        "version": area.version,
    }
    assert client.post(edit, form).status_code == 302
    area.refresh_from_db()
    assert area.is_blocked_back
    # A second save from the same page, now stale, is refused.
    response = client.post(edit, {**form, "level_of_input": "service_redesign"})
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode()
    area.refresh_from_db()
    assert area.level_of_input == "blocked_back"


def test_roles_are_added_and_removed_after_a_question(client, executive, service_area):
    client.force_login(executive)
    client.post(
        reverse("commissioning:add-service-role", args=[service_area.pk]),
        {"party": "pct", "description": "Police action where necessary", "order": 1},
    )
    role = ServiceRole.objects.get()
    page = client.get(service_area.get_absolute_url()).content.decode()
    assert "The PCT" in page and "Police action where necessary" in page
    remove = reverse("commissioning:remove-service-role", args=[role.pk])
    assert (
        "Remove “Police action where necessary”" in client.get(remove).content.decode()
    )
    assert client.post(remove).status_code == 302
    assert not ServiceRole.objects.exists()
    actions = LogEntry.objects.for_object(service_area).values_list("action", flat=True)
    assert set(actions) == {
        "commissioning.servicearea.role_added",
        "commissioning.servicearea.role_removed",
    }


@pytest.fixture
def criteria(consortium):
    return [factories.gatekeeper_criterion(consortium) for _ in range(2)]


def test_a_proposal_goes_through_the_gatekeeper_to_the_programme(
    client, executive, reviewer, consortium, criteria, programme, service_area
):
    client.force_login(executive)
    client.post(
        reverse("commissioning:add-proposal"),
        {
            "consortium": consortium.pk,
            "title": "Physiotherapy",
            "raised_by": "The Tring clinic",
            "received_on": "2007-02-22",
            "service_area": service_area.pk,
            "request": "Redesign the service",
        },
    )
    proposal = Proposal.objects.get()

    def move(action, data, user=executive):
        client.force_login(user)
        url = reverse(f"commissioning:proposal-{action}", args=[proposal.pk])
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        proposal.refresh_from_db()
        return proposal.stage

    checks = {f"met_{c.pk}": "yes" for c in criteria}
    assert move("screen", {"on": "2007-02-22", **checks}) == "screened"
    assert (
        move(
            "decide",
            {
                "on": "2007-02-22",
                "decision": "deferred",
                "minute_number": "5",
                "reason": "Find out who commissions it",
            },
        )
        == "deferred"
    )
    person = executive.person
    assert move("delegate", {"on": "2007-03-13", "delegate": person.pk}) == (
        "under_study"
    )
    assert (
        move(
            "recommend",
            {"on": "2007-03-20", "recommendation": "accepted", "reason": "Fits"},
        )
        == "recommended"
    )
    assert (
        move(
            "decide",
            {
                "on": "2007-04-04",
                "decision": "accepted",
                "minute_number": "3",
                "reason": "Agreed",
            },
        )
        == "accepted"
    )
    leads = {"clinical_lead": person.pk, "management_lead": person.pk}
    assert move("identify-leads", {"on": "2007-04-04", **leads}) == "leads_identified"
    assert (
        move(
            "agree-checklist",
            {
                "on": "2007-04-18",
                "funding_decision": "40 hours",
                "funding_amount": "2400",
            },
        )
        == "checklist_agreed"
    )
    assert move("draft-case", {"on": "2007-05-16"}) == "case_drafted"
    assert move("submit-case", {"on": "2007-05-23"}) == "case_submitted"
    # The executive may not record the committee's decision; the PCT may.
    url = reverse(
        "commissioning:proposal-record-committee-decision", args=[proposal.pk]
    )
    assert (
        client.post(url, {"on": "2007-06-01", "decision": "case_approved"}).status_code
        == 403
    )
    assert (
        move(
            "record-committee-decision",
            {"on": "2007-06-01", "decision": "case_approved", "note": "Approved"},
            user=reviewer,
        )
        == "case_approved"
    )
    assert (
        move(
            "start-project",
            {"on": "2007-06-04", "programme": programme.pk, "name": "Physiotherapy"},
        )
        == "in_programme"
    )
    assert proposal.project.programme == programme
    steps = list(proposal.steps.values_list("to_stage", "on"))
    assert steps[0] == ("screened", datetime.date(2007, 2, 22))
    assert steps[-1] == ("in_programme", datetime.date(2007, 6, 4))
    assert len(steps) == 11
    plan = client.get(reverse("programmes:plan", args=[programme.pk]))
    assert "Physiotherapy" in plan.content.decode()


def test_a_move_loaded_before_another_is_refused_with_409(
    client, executive, consortium
):
    proposal = factories.proposal(consortium, stage="declined")
    client.force_login(executive)
    url = reverse("commissioning:proposal-delegate", args=[proposal.pk])
    response = client.post(url, {"on": "2007-03-13"})
    assert response.status_code == 409
    assert "not possible now" in response.content.decode()


def test_bad_input_keeps_what_was_typed(client, executive, consortium):
    proposal = factories.proposal(consortium, stage="screened")
    client.force_login(executive)
    url = reverse("commissioning:proposal-decide", args=[proposal.pk])
    response = client.post(url, {"decision": "declined", "reason": "Out of scope"})
    assert response.status_code == 200
    assert response.context["form"]["reason"].value() == "Out of scope"
    proposal.refresh_from_db()
    assert proposal.stage == "screened"


def test_the_list_filters_by_stage_and_search(client, practice_manager, consortium):
    factories.proposal(consortium, title="Physiotherapy", stage="deferred")
    factories.proposal(consortium, title="Diabetes")
    client.force_login(practice_manager)
    url = reverse("commissioning:proposals")

    def titles(response):
        return [row.record.title for row in response.context["table"].page.object_list]

    assert titles(client.get(url, {"stage": "deferred"})) == ["Physiotherapy"]
    assert titles(client.get(url, {"q": "diab"})) == ["Diabetes"]
    csv = client.get(url, {"_export": "csv"})
    assert b"Physiotherapy" in b"".join(csv.streaming_content)


@pytest.mark.parametrize(
    "name", ["commissioning:service-areas", "commissioning:proposals"]
)
def test_list_pages_run_the_same_queries_at_two_sizes(
    client, executive, consortium, name
):
    client.force_login(executive)
    counts = []
    for size in (10, 200):
        factories.large_business_plan(size, consortium)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6
