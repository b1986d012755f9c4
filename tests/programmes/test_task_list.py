import pytest
from django.urls import reverse

from programmes.models import Programme, Task


@pytest.fixture
def pilot(demo):
    return Programme.objects.get(name="PbC pilot programme 2006/7")


def _list(client, programme, **params):
    return client.get(reverse("programmes:tasks", args=[programme.pk]), params)


def test_it_lists_every_task_of_the_programme(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _list(client, pilot)
    assert "63 tasks" in response.text


def test_it_searches_descriptions_and_notes(client, pilot, reviewer):
    client.force_login(reviewer)
    assert "1 task<" in _list(client, pilot, q="underway").text
    expected = Task.objects.filter(description__icontains="project plan").count()
    assert f"{expected} tasks" in _list(client, pilot, q="project plan").text


# From the review's task tables: 40 of 63 achieved (39 "Yes" and 1 "tbc"), so 23 open;
# one "Stopped", five "Planned" (objective 8).
@pytest.mark.parametrize(
    "status,expected",
    [("open", 23), ("stopped", 1), ("tbc", 1), ("planned", 5), ("done", 39)],
)
def test_it_filters_by_status(client, pilot, reviewer, status, expected):
    client.force_login(reviewer)
    assert Task.objects.filter(objective__programme=pilot).count() == 63
    count = _list(client, pilot, status=status).context["table"].paginator.count
    assert count == expected


def test_it_filters_by_lead_and_owner(client, pilot, executive):
    client.force_login(executive)
    mark = Task.objects.filter(owner__last_name="Jones").first().owner
    response = _list(client, pilot, owner=mark.pk, status="open")
    tasks = Task.objects.filter(objective__programme=pilot, owner=mark).open()
    assert response.context["table"].paginator.count == tasks.count() == 6
    daccom = pilot.consortium
    led = _list(client, pilot, lead=daccom.pk).context["table"].paginator.count
    assert led == Task.objects.filter(lead_organisation=daccom).count()


def test_bad_filters_are_a_400_with_the_error(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _list(client, pilot, status="finished", lead="999999")
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_the_export_follows_the_filters(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _list(client, pilot, status="stopped", _export="csv")
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 2 and "Stopped by new PCT at this stage" in lines[1]


def test_edit_links_go_to_the_edit_page_and_back(client, pilot, executive):
    client.force_login(executive)
    page = _list(client, pilot, status="stopped").text
    task = Task.objects.get(status="stopped")
    assert f'href="{reverse("programmes:edit-task", args=[task.pk])}?next=' in page
    assert "hx-get" not in page.split("<tbody")[1]
