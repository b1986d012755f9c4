import pytest
import time_machine
from django.urls import reverse

from governance.roles import Role
from programmes.models import TaskStatus
from tests import factories


@pytest.fixture
def tasks(programme, objective, consortium, pct):
    """Six tasks over two objectives, and one in another programme to leave out."""
    mark = factories.person(consortium, first_name="Mark", last_name="Jones")
    second = factories.objective(programme, number=2)
    make = factories.task
    made = {
        "plan": make(
            objective, consortium, TaskStatus.DONE, description="Agree project plan"
        ),
        "publish": make(
            objective, pct, TaskStatus.TBC, description="Publish the project plan"
        ),
        "audit": make(
            objective,
            consortium,
            TaskStatus.IN_PROGRESS,
            description="Audit referrals",
            note="Currently underway",
            owner=mark,
        ),
        "clinic": make(
            second,
            pct,
            TaskStatus.STOPPED,
            description="Open a clinic",
            note="Stopped by new PCT",
        ),
        "pathway": make(
            second,
            consortium,
            TaskStatus.PLANNED,
            description="Redesign the pathway",
            date="2007-04-03",
            owner=mark,
        ),
        "survey": make(
            second, consortium, TaskStatus.TO_DO, description="Survey patients"
        ),
    }
    elsewhere = factories.objective(factories.programme(consortium), number=1)
    make(
        elsewhere,
        consortium,
        TaskStatus.STOPPED,
        description="Project plan, elsewhere",
        note="Stopped, underway elsewhere",
        owner=mark,
    )
    return made


def _list(client, programme, **params):
    return client.get(reverse("programmes:tasks", args=[programme.pk]), params)


def _count(response):
    return response.context["table"].paginator.count


def test_it_lists_every_task_of_the_programme(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    assert "6 tasks" in _list(client, programme).text  # not the other programme's


def test_it_searches_descriptions_and_notes(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    assert "1 task<" in _list(client, programme, q="underway").text  # audit's note
    assert "2 tasks" in _list(client, programme, q="project plan").text  # plan, publish


# open = in progress + stopped + planned + to do = 4 of the 6.
@pytest.mark.parametrize(
    "status,expected",
    [("open", 4), ("stopped", 1), ("tbc", 1), ("planned", 1), ("done", 1)],
)
def test_it_filters_by_status(client, programme, tasks, reviewer, status, expected):
    client.force_login(reviewer)
    assert _count(_list(client, programme, status=status)) == expected


def test_it_filters_by_lead_and_owner(
    client, programme, tasks, consortium, pct, executive
):
    client.force_login(executive)
    mark = tasks["audit"].owner
    assert _count(_list(client, programme, owner=mark.pk, status="open")) == 2
    assert _count(_list(client, programme, lead=consortium.pk)) == 4
    assert _count(_list(client, programme, lead=pct.pk)) == 2


def test_bad_filters_are_a_400_with_the_error(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    response = _list(client, programme, status="finished", lead="999999")
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_the_export_follows_the_filters(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    response = _list(client, programme, status="stopped", _export="csv")
    body = b"".join(response.streaming_content)  # exports stream
    lines = body.decode().strip().splitlines()
    assert len(lines) == 2  # the header and the clinic
    assert "Open a clinic" in lines[1] and "Stopped by new PCT" in lines[1]


def test_edit_links_go_to_the_edit_page_and_back(client, programme, tasks, executive):
    client.force_login(executive)
    page = _list(client, programme, status="stopped").text
    edit_url = reverse("programmes:edit-task", args=[tasks["clinic"].pk])
    assert f'href="{edit_url}?next=' in page
    assert "hx-get" not in page.split("<tbody")[1]


def test_it_searches_objective_titles(client, programme, objective, tasks, reviewer):
    objective.title = "COPD and Heart Failure service redesign"
    objective.save()
    client.force_login(reviewer)
    # The three tasks of objective 1, and none of objective 2.
    assert _count(_list(client, programme, q="copd")) == 3


def test_it_filters_by_objective(client, programme, objective, tasks, reviewer):
    client.force_login(reviewer)
    second = tasks["clinic"].objective
    assert _count(_list(client, programme, objective=second.pk)) == 3
    assert _count(_list(client, programme, objective=objective.pk)) == 3


@time_machine.travel("2007-04-10 12:00 +0100", tick=False)
def test_it_filters_overdue_tasks(client, programme, tasks, reviewer):
    # Only the pathway is planned (for 3 April 2007) and that date has passed.
    client.force_login(reviewer)
    response = _list(client, programme, overdue="on")
    assert _count(response) == 1
    assert "Redesign the pathway" in response.text


def test_it_filters_what_is_assigned_to_me(client, programme, tasks, consortium):
    mark = tasks["audit"].owner
    account = factories.user(Role.EXECUTIVE, mark)
    client.force_login(account)
    # The audit and the pathway; the stopped task elsewhere is another programme's.
    assert _count(_list(client, programme, mine="on")) == 2


def test_it_sorts_dates_with_empty_dates_last(client, programme, tasks, objective):
    factories.task(objective, tasks["plan"].lead_organisation, date="2006-05-01")
    client.force_login(
        factories.user(Role.PCT, factories.person(tasks["clinic"].lead_organisation))
    )
    for order in ("date", "-date"):
        rows = _list(client, programme, sort=order).context["table"].page.object_list
        dates = [row.record.date for row in rows]
        assert dates[:2] == sorted(dates[:2], reverse=order == "-date")
        assert dates[2:] == [None] * 5


def test_it_shows_the_objective_on_a_phone(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    page = _list(client, programme).text
    objective_cell = page.split("<tbody")[1].split("<td")[2]
    assert "d-none" not in objective_cell.split(">")[0]


def test_printed_pages_say_which_programme_and_when(client, programme, tasks, reviewer):
    client.force_login(reviewer)
    with time_machine.travel("2007-04-10 12:00 +0100", tick=False):
        page = _list(client, programme).text
    assert f"{programme.name} · as on 10 April 2007, 12:00</p>" in page
    assert f"<title>Tasks · {programme.name} · DacCom PbC</title>" in page
