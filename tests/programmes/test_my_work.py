"""“My work” on the dashboard, for everyone who owns tasks; and who may update a
task (Task.is_writable_by), and which tasks are overdue."""

import pytest
import time_machine
from django.urls import reverse

from governance.roles import Role
from programmes.models import Task, TaskStatus
from tests import factories

# 10 April 2007, a Tuesday.
TODAY = "2007-04-10 12:00 +0100"


@pytest.fixture
def owned(objective, consortium, pct, reviewer):
    """Tasks owned by the PCT reviewer, in every state that counts differently."""
    me = reviewer.person
    make = factories.task
    return [
        make(
            objective, pct, TaskStatus.PLANNED, date="2007-04-03", owner=me
        ),  # overdue
        make(objective, pct, TaskStatus.PLANNED, date="2007-04-20", owner=me),  # month
        make(objective, pct, TaskStatus.IN_PROGRESS, date="2007-04-10", owner=me),
        make(objective, pct, TaskStatus.TO_DO, owner=me),
        make(objective, pct, TaskStatus.DONE, date="2007-04-02", owner=me),  # not open
        make(objective, pct, TaskStatus.PLANNED, date="2007-04-01"),  # not mine
    ]


@time_machine.travel(TODAY, tick=False)
def test_a_pct_member_sees_their_work(client, reviewer, owned):
    client.force_login(reviewer)
    response = client.get(reverse("programmes:dashboard"))
    # Open: the four not done or tbc. Overdue: planned for 3 April, passed on the
    # 10th. Due this month: open and dated in April 2007 (3rd, 20th and 10th).
    assert response.context["my_work"] == {"open": 4, "overdue": 1, "due_this_month": 3}
    assert "My work" in response.text
    # One badge for the overdue task, not two.
    assert response.text.lower().count("overdue</span>") == 1


def test_someone_without_a_person_has_no_my_work(client, task):
    user = factories.user(Role.EXECUTIVE, organisation_=task.lead_organisation)
    client.force_login(user)
    assert "My work" not in client.get(reverse("programmes:dashboard")).text


@time_machine.travel(TODAY, tick=False)
def test_overdue_means_still_to_happen_with_a_date_passed(objective, consortium):
    make = factories.task
    passed = make(objective, consortium, TaskStatus.PLANNED, date="2007-04-09")
    make(objective, consortium, TaskStatus.PLANNED, date="2007-04-10")  # today
    late = make(objective, consortium, TaskStatus.IN_PROGRESS, date="2007-04-01")
    make(objective, consortium, TaskStatus.DONE, date="2007-04-01")
    assert list(Task.objects.overdue()) == [passed, late]
    assert [t.is_overdue for t in Task.objects.order_by("pk")] == [
        True,
        False,
        True,
        False,
    ]


@pytest.mark.parametrize(
    "who,lead,owned_by_them,may",
    [
        ("executive", "consortium", False, True),
        ("executive", "pct", False, True),
        ("pct", "pct", False, True),  # their PCT leads it
        ("pct", "consortium", True, True),  # they own it
        ("pct", "consortium", False, False),
        ("practice_manager", "consortium", True, False),  # owning is not enough
    ],
)
def test_who_may_update_a_task(
    users, objective, consortium, pct, who, lead, owned_by_them, may
):
    user = users[who]
    owner = user.person if owned_by_them else None
    task = factories.task(
        objective, {"consortium": consortium, "pct": pct}[lead], owner=owner
    )
    assert task.is_writable_by(user) is may
    annotated = Task.objects.with_can_update(user).get(pk=task.pk)
    assert annotated.can_update is may
    # The plan itself stays with the executives.
    assert objective.is_writable_by(user) is (who == "executive")


def test_a_merged_pcts_successor_may_update_what_it_led(objective, pct):
    successor = factories.organisation(pct.Kind.PCT)
    pct.successor = successor
    pct.save()
    member = factories.user(Role.PCT, factories.person(successor))
    task = factories.task(objective, pct)
    assert task.is_writable_by(member)
    assert Task.objects.with_can_update(member).get(pk=task.pk).can_update


def test_a_pct_member_edits_a_task_their_pct_leads(client, reviewer, objective, pct):
    task = factories.task(objective, pct)
    client.force_login(reviewer)
    objective_page = client.get(objective.get_absolute_url()).text
    assert reverse("programmes:edit-task", args=[task.pk]) in objective_page
    response = client.post(
        reverse("programmes:edit-task", args=[task.pk]),
        {"status": "in_progress", "date": "", "note": "", "version": task.version},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "in_progress"
    assert task.history.order_by("-history_id").first().history_user == reviewer
