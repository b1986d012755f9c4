"""Adding and editing plan items: the happy path, bad input, the history and the
action log, and a stale form refused (programmes/views/plan.py)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import LogEntry
from governance.models import Organisation
from programmes.models import (
    FRPTarget,
    Objective,
    Programme,
    Project,
    ResourceAllocation,
    Task,
)
from tests import factories


@pytest.fixture
def signed_in(client, executive):
    client.force_login(executive)
    return client


def _actions(obj):
    return list(
        LogEntry.objects.for_object(obj).order_by("pk").values_list("action", "user")
    )


def test_it_adds_an_objective_with_the_next_number(signed_in, programme, executive):
    factories.objective(programme, number=4)
    response = signed_in.post(
        reverse("programmes:add-objective", args=[programme.pk]),
        {"title": "Reduce A&E attendances", "weight": "2", "version": "1"},
    )
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    added = Objective.objects.get(title="Reduce A&E attendances")
    assert (added.programme, added.number, added.weight) == (programme, 5, 2)
    assert added.history.get().history_user == executive
    assert _actions(added) == [("programmes.objective.created", executive.pk)]


def test_bad_input_saves_nothing_and_says_why(signed_in, programme):
    response = signed_in.post(
        reverse("programmes:add-objective", args=[programme.pk]),
        {"title": "", "weight": "heavy", "version": "1"},
    )
    assert response.status_code == 200
    assert not Objective.objects.exists()
    assert response.context["form"].errors == {
        "title": ["This field is required."],
        "weight": ["Enter a whole number."],
    }
    assert b"This field is required." in response.content


def test_it_adds_a_task_at_the_end_with_its_owner(
    signed_in, objective, task, consortium, pct, executive
):
    owner = factories.person(pct, first_name="Owen")
    response = signed_in.post(
        reverse("programmes:add-task", args=[objective.pk]),
        {
            "description": "Agree the referral pathway",
            "lead_organisation": pct.pk,
            "lead_capacity": "management",
            "supporting_organisation": consortium.pk,
            "owner": owner.pk,
            "version": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == objective.get_absolute_url()
    added = Task.objects.get(description="Agree the referral pathway")
    # The fixture's task has order 1, so the new one comes second, still "To do".
    assert (added.order, added.status, added.owner) == (2, "to_do", owner)
    assert added.responsibility == "PCT management with DacCom support"
    assert _actions(added) == [("programmes.task.created", executive.pk)]


def test_a_task_needs_a_description_and_a_lead(signed_in, objective):
    response = signed_in.post(
        reverse("programmes:add-task", args=[objective.pk]),
        {"description": "  ", "version": "1"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"description", "lead_organisation"}
    assert not Task.objects.exists()


def test_reassigning_the_owner_is_logged_as_such(signed_in, task, executive, pct):
    other = factories.person(pct, first_name="Newowner")
    response = signed_in.post(
        reverse("programmes:change-task", args=[task.pk]),
        {
            "description": task.description,
            "lead_organisation": task.lead_organisation_id,
            "owner": other.pk,
            "version": task.version,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.owner, task.version) == (other, 2)
    entry = LogEntry.objects.for_object(task).get()
    assert (entry.action, entry.user) == ("programmes.task.reassigned", executive)
    assert entry.data == {
        "owner": {"from": str(executive.person), "to": str(other)},
    }
    assert task.history.latest().history_user == executive
    page = signed_in.get(reverse("programmes:task", args=[task.pk]))
    assert b"programmes.task.reassigned" in page.content


def test_an_unchanged_form_saves_nothing(signed_in, objective):
    response = signed_in.post(
        reverse("programmes:change-objective", args=[objective.pk]),
        {"title": objective.title, "weight": "1", "version": objective.version},
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.version == 1
    assert objective.history.count() == 1
    assert not LogEntry.objects.exists()


def test_a_stale_edit_is_refused_and_shows_the_conflict(signed_in, objective):
    loaded_version = objective.version
    objective.title = "Someone else's title"
    objective.save()  # version 2
    response = signed_in.post(
        reverse("programmes:change-objective", args=[objective.pk]),
        {"title": "My title", "weight": "1", "version": loaded_version},
    )
    assert response.status_code == 409
    assert b"Someone else changed this objective" in response.content
    objective.refresh_from_db()
    assert objective.title == "Someone else's title"
    # The form now carries the newer version: saving again goes through.
    assert response.context["form"]["version"].value() == 2
    signed_in.post(
        reverse("programmes:change-objective", args=[objective.pk]),
        {"title": "My title", "weight": "1", "version": 2},
    )
    objective.refresh_from_db()
    assert objective.title == "My title"


def test_it_adds_and_edits_a_target(signed_in, programme, project, executive):
    response = signed_in.post(
        reverse("programmes:add-target", args=[programme.pk]),
        {
            "project": project.pk,
            "code": "2.1",
            "title": "Outpatient referrals",
            "planned_saving": "125000.50",
            "version": "1",
        },
    )
    assert response.status_code == 302
    target = FRPTarget.objects.get(code="2.1")
    assert target.planned_saving == Decimal("125000.50")
    # £125,000.50 is the whole of the programme's planned saving.
    assert programme.savings()[0] == Decimal("125000.50")
    response = signed_in.post(
        reverse("programmes:change-target", args=[target.pk]),
        {
            "project": project.pk,
            "code": "2.1",
            "title": "Outpatient referrals",
            "planned_saving": "100000.00",
            "version": target.version,
        },
    )
    assert response.status_code == 302
    assert programme.savings()[0] == Decimal("100000.00")
    entry = LogEntry.objects.for_object(target).first()
    assert (entry.action, entry.user) == ("programmes.frptarget.updated", executive)
    assert entry.data == {"planned_saving": {"from": "125000.50", "to": "100000.00"}}


def test_a_target_code_is_unique_in_its_project_and_saving_not_negative(
    signed_in, programme, target
):
    response = signed_in.post(
        reverse("programmes:add-target", args=[programme.pk]),
        {
            "project": target.project_id,
            "code": target.code,
            "title": "Again",
            "planned_saving": "-1",
            "version": "1",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "planned_saving" in errors
    assert FRPTarget.objects.count() == 1


def test_a_project_name_is_unique_in_its_programme(signed_in, programme, project):
    response = signed_in.post(
        reverse("programmes:add-project", args=[programme.pk]),
        {"name": project.name, "version": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Project.objects.count() == 1


def test_a_target_cannot_go_under_another_programmes_project(
    signed_in, programme, consortium
):
    elsewhere = factories.project(factories.programme(consortium))
    response = signed_in.post(
        reverse("programmes:add-target", args=[programme.pk]),
        {
            "project": elsewhere.pk,
            "code": "9.9",
            "title": "Sneaky",
            "planned_saving": "1.00",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert "project" in response.context["form"].errors
    assert not FRPTarget.objects.exists()


def test_it_records_a_criterion_met_with_evidence(signed_in, criterion, executive):
    response = signed_in.post(
        reverse("programmes:change-criterion", args=[criterion.pk]),
        {
            "letter": criterion.letter,
            "description": criterion.description,
            "met": "on",
            "evidence": "Minutes of 13 March 2007",
            "version": criterion.version,
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert (criterion.met, criterion.evidence) == (True, "Minutes of 13 March 2007")
    assert criterion.history.latest().history_user == executive


def test_a_resource_basis_must_multiply_out(signed_in, programme):
    data = {
        "label": "Executive meetings",
        "hours": "30",
        "meetings": "12",
        "hours_per_meeting": "2",
        "attendees": "2",
        "version": "1",
    }
    url = reverse("programmes:add-resource", args=[programme.pk])
    response = signed_in.post(url, data)
    assert response.status_code == 200
    # 12 meetings × 2 hours × 2 attendees = 48 hours, not 30.
    assert response.context["form"].errors["hours"] == [
        "Meetings × hours × attendees make 48 hours."
    ]
    assert not ResourceAllocation.objects.exists()
    assert signed_in.post(url, {**data, "hours": "48"}).status_code == 302
    assert ResourceAllocation.objects.get().hours == Decimal("48.00")


def test_it_starts_a_programme_for_the_executives_consortium(
    signed_in, consortium, pct, executive
):
    factories.organisation(Organisation.Kind.CONSORTIUM, short_name="Elsewhere")
    page = signed_in.get(reverse("programmes:add-programme"))
    # Only the consortium the user runs is offered.
    assert list(page.context["form"].fields["consortium"].queryset) == [consortium]
    response = signed_in.post(
        reverse("programmes:add-programme"),
        {
            "name": "Business plan 2008/9",
            "consortium": consortium.pk,
            "starts_on": "2008-04-01",
            "ends_on": "2009-03-31",
            "frp_total_saving": "0",
            "max_payment_per_patient": "0.95",
            "partners": [pct.pk],
            "version": "1",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(name="Business plan 2008/9")
    assert response["Location"] == programme.get_absolute_url()
    assert list(programme.partners.all()) == [pct]
    assert _actions(programme) == [("programmes.programme.created", executive.pk)]


def test_a_programme_must_end_after_it_starts_and_be_the_users(signed_in, consortium):
    elsewhere = factories.organisation(Organisation.Kind.CONSORTIUM)
    response = signed_in.post(
        reverse("programmes:add-programme"),
        {
            "name": "Backwards",
            "consortium": elsewhere.pk,
            "starts_on": "2008-04-01",
            "ends_on": "2008-03-31",
            "frp_total_saving": "0",
            "max_payment_per_patient": "0",
            "version": "1",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"consortium", "ends_on"}
    assert not Programme.objects.filter(name="Backwards").exists()


def test_editing_a_programme_changes_its_partners_and_logs_it(
    signed_in, programme, pct, executive
):
    provider = factories.organisation(Organisation.Kind.PROVIDER, short_name="Prov")
    response = signed_in.post(
        reverse("programmes:change-programme", args=[programme.pk]),
        {
            "name": programme.name,
            "consortium": programme.consortium_id,
            "starts_on": "2006-04-01",
            "ends_on": "2007-03-31",
            "frp_total_saving": "1000000.00",
            "max_payment_per_patient": "0.95",
            "partners": [pct.pk, provider.pk],
            "version": programme.version,
        },
    )
    assert response.status_code == 302
    assert set(programme.partners.all()) == {pct, provider}
    entry = LogEntry.objects.for_object(programme).get()
    assert entry.action == "programmes.programme.updated"
    assert entry.data["partners"]["to"] == sorted([str(pct), str(provider)])
