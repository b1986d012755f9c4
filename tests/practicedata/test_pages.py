import datetime

import pytest
from django.urls import reverse

from tests import factories
from tests.practicedata import helpers

APR_07 = datetime.date(2007, 4, 1)
MAY_07 = datetime.date(2007, 5, 1)


@pytest.fixture
def data(programme, consortium, practice):
    other = helpers.practice(consortium, 4000)
    referrals = helpers.indicator(programme, name="Referrals to the top 8 specialties")
    scheme = helpers.year_scheme(programme)
    helpers.target(referrals, scheme, change=-10)
    helpers.put(referrals, practice, APR_07, 90)  # 90 / 9.0 = 10.0 per 1,000
    # Due 15 June; came on the 20th.
    helpers.put(
        referrals, practice, MAY_07, 81, submitted_on=datetime.date(2007, 6, 20)
    )
    helpers.put(referrals, other, APR_07, 60)  # 60 / 4.0 = 15.0 per 1,000
    return referrals, other, scheme


def test_the_indicator_page_shows_every_practice_to_an_executive(
    client, executive, data, practice
):
    referrals, other, _ = data
    client.force_login(executive)
    url = reverse("practicedata:indicator", args=[referrals.pk])
    response = client.get(url, {"period": "month", "month": "2007-04"})
    rows = {row.pk: row for row in response.context["table"].data}
    assert set(rows) == {practice.pk, other.pk}
    assert rows[practice.pk].position == 1
    assert b"<svg" in response.content
    # May: `other` sent nothing, and its return was due on 15 June.
    response = client.get(url, {"period": "month", "month": "2007-05"})
    late = {(p.pk, status) for p, _, status in response.context["late"]}
    assert late == {(practice.pk, "late"), (other.pk, "missing")}
    # Sorting copes with a practice that has no figure (`other` in May).
    for column in ("value", "-change", "position"):
        assert client.get(url, {"month": "2007-05", "sort": column}).status_code == 200


def test_a_practice_manager_sees_their_practice_and_the_consortium_only(
    client, practice_manager, data, practice
):
    referrals, other, _ = data
    client.force_login(practice_manager)
    url = reverse("practicedata:indicator", args=[referrals.pk])
    response = client.get(url, {"period": "month", "month": "2007-04"})
    assert [row.pk for row in response.context["table"].data] == [practice.pk]
    # The consortium's figure counts both: 150,000 / 13,000 = 11.5 per 1,000.
    assert round(response.context["consortium"].value, 1) == 11.5
    assert other.name.encode() not in response.content
    csv = client.get(url, {"period": "month", "month": "2007-04", "_export": "csv"})
    body = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert practice.code in body and other.code not in body
    assert (
        client.get(reverse("practicedata:practice", args=[other.pk])).status_code == 404
    )
    assert (
        client.get(reverse("practicedata:practice", args=[practice.pk])).status_code
        == 200
    )


def test_the_practice_page_shows_returns_and_the_obligations(
    client, practice_manager, data, practice, consortium
):
    from practicedata.models import Obligation

    _, _, scheme = data
    committee = factories.committee(consortium)
    for held_on in ("2007-05-10", "2007-07-12", "2007-09-13"):
        meeting = factories.meeting(committee, held_on)
        if held_on != "2007-07-12":
            factories.attendance(meeting, practice_manager.person)
    Obligation.objects.create(practice=practice, scheme=scheme, kind="returns")
    Obligation.objects.create(
        practice=practice,
        scheme=scheme,
        kind="meetings",
        committee=committee,
        meetings_required=2,
    )
    Obligation.objects.create(
        practice=practice,
        scheme=scheme,
        kind="project",
        description="Take part in the dermatology pathway project",
        recorded_outcome="late",
    )
    client.force_login(practice_manager)
    response = client.get(
        reverse("practicedata:practice", args=[practice.pk]),
        {"period": "ytd", "month": "2007-05"},
    )
    assert response.status_code == 200
    ((indicator, cells),) = response.context["grid"]
    assert [cell.status for cell in cells[:2]] == ["on time", "late"]
    # Returns after May are missing once due (the test runs after 2008).
    outcomes = [
        (o.kind, o.outcome, o.attended) for o in response.context["obligations"]
    ]
    assert outcomes == [
        ("meetings", "met", 2),  # two of the three attended: 2 required
        ("project", "late", 0),
        ("returns", "missed", 0),
    ]
    assert b"Enter a return" in response.content


def test_a_practice_manager_enters_their_own_return(
    client, practice_manager, data, practice
):
    referrals, _, _ = data
    client.force_login(practice_manager)
    url = reverse("practicedata:enter-return", args=[practice.pk])
    response = client.post(url, {"indicator": referrals.pk, "month": "2007-06"})
    assert response.status_code == 200 and "value" in response.context["form"].errors
    response = client.post(
        url, {"indicator": referrals.pk, "month": "2007-06", "value": "70"}
    )
    assert response.status_code == 302
    assert referrals.returns.get(practice=practice, month="2007-06-01").value == 70


def test_overdue_actions_on_the_dashboard(
    client, executive, practice_manager, data, practice
):
    _, other, scheme = data
    helpers.action_plan(
        practice,
        scheme,
        [
            ("Audit orthopaedic referrals", datetime.date(2007, 6, 30), "open"),
            ("Review repeat prescribing", datetime.date(2007, 6, 30), "done"),
        ],
    )
    helpers.action_plan(
        other, scheme, [("Peer review", datetime.date(2007, 7, 31), "open")]
    )
    client.force_login(executive)
    response = client.get(reverse("programmes:dashboard"))
    assert b"Audit orthopaedic referrals" in response.content
    assert b"Peer review" in response.content
    assert b"Review repeat prescribing" not in response.content
    client.force_login(practice_manager)
    response = client.get(reverse("programmes:dashboard"))
    assert b"Audit orthopaedic referrals" in response.content
    assert b"Peer review" not in response.content


@pytest.mark.parametrize("size", [3, 40])
def test_the_indicator_page_runs_the_same_queries_at_any_size(
    client, executive, programme, size, django_assert_max_num_queries
):
    indicator, _ = helpers.large_practice_data(size, programme)
    client.force_login(executive)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("practicedata:indicator", args=[indicator.pk]))
    assert response.status_code == 200
    assert len(response.context["table"].data) == size


def test_a_task_tied_to_a_target_shows_the_measured_figure(
    client, executive, task, data, practice
):
    from practicedata.models import TaskIndicator

    referrals, other, scheme = data
    # Baseline April 2006: 100 / 9.0 and 80 / 4.0; April 2007 as in `data`.
    helpers.put(referrals, practice, datetime.date(2006, 4, 1), 135)  # 15.0
    helpers.put(referrals, other, datetime.date(2006, 4, 1), 80)  # 20.0
    TaskIndicator.objects.create(task=task, target=referrals.targets.get())
    client.force_login(executive)
    response = client.get(reverse("programmes:task", args=[task.pk]))
    evidence = response.context["indicator_evidence"]
    # The year to March 2008 against April 2006–March 2007 (only April held):
    # (90 + 60) / 13,000 patients + May's 81 / 9,000 = 11.54 + 9.0 = 20.54, over
    # (135 + 80) / 13,000 = 16.54; the target −10%: 14.88, not met.
    assert round(evidence["value"], 2) == 20.54
    assert round(evidence["target_value"], 2) == 14.88
    assert evidence["met"] is False
    assert b"does not meet the target yet" in response.content
