"""Every page the executive can GET runs a declared number of queries (at most 15),
the same at 10 tasks as at 500: the page list comes from the access matrix, so a new
page must declare its budget here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Organisation
from tests import factories
from tests.test_access_matrix import MATRIX

SIZES = (10, 500)
MOST_ANY_PAGE_MAY_RUN = 15

# The most queries each page may run, at either size.
BUDGET = {
    "programmes:dashboard": 10,  # My work, the figures' grouped count, my actions
    "programmes:programmes": 5,  # and the figures' grouped count
    "programmes:programme": 15,
    "programmes:achievement": 7,
    "programmes:tasks": 9,
    "programmes:tasks?filtered": 10,
    "programmes:review": 7,
    "programmes:review-pdf": 9,  # rendered here; the background path: its own tests
    "programmes:review-pdf-status": 7,
    "programmes:objective": 8,  # and the figures' grouped count
    "programmes:task": 10,  # with comments and evidence
    "programmes:task-row": 4,
    "programmes:edit-task": 4,
    "login": 3,
    "password_reset": 3,
    "password_reset_done": 3,
    "password_reset_complete": 3,
    "password_change": 3,
    "password_change_done": 3,
    # Editing the plan
    "programmes:add-programme": 8,
    "programmes:change-programme": 8,
    "programmes:plan": 9,
    "programmes:add-objective": 4,
    "programmes:add-task": 7,
    "programmes:add-project": 4,
    "programmes:add-target": 5,
    "programmes:add-criterion": 4,
    "programmes:add-resource": 5,
    "programmes:change-objective": 5,
    "programmes:archive-objective": 5,
    "programmes:remove-objective": 7,
    "programmes:change-task": 8,
    "programmes:archive-task": 5,
    "programmes:remove-task": 6,
    # Meetings (issue #18)
    "programmes:meeting-links": 8,
    "meetings:meetings": 7,
    "meetings:actions": 6,
    "meetings:add-meeting": 7,
    "meetings:calendar": 5,
    "meetings:meeting": 13,
    "meetings:change-meeting": 5,
    "meetings:finalise": 5,
    "meetings:correct": 5,
    "meetings:add-attendance": 5,
    "meetings:add-item": 4,
    "meetings:add-action": 5,
    "meetings:remove-attendance": 6,
    "meetings:remove-item": 5,
    "meetings:remove-action": 6,
    "meetings:change-item": 5,
    "meetings:change-action": 7,
    "meetings:complete-action": 7,
    "meetings:drop-action": 7,
}
MEETING_SOURCES = ("draft_meeting", "minute_item", "meeting_action", "attendance_line")
# A page that takes no argument but needs a record to exist (large_meeting makes it).
NEEDS = ("needs:committee",)


def _pages():
    """MATRIX's pages that take nothing or a programme, objective or task, and that
    the executive may GET; plus the task list filtered."""
    pages = [
        (name, source)
        for name, (source, expected) in MATRIX.items()
        if source in (None, "programme", "objective", "task", *MEETING_SOURCES, *NEEDS)
        and expected["executive"][0] == 200
    ]
    return [*pages, ("programmes:tasks?filtered", "programme")]


def _url(name, source, objects, lead):
    if name == "programmes:tasks?filtered":
        return reverse("programmes:tasks", args=[objects["programme"].pk]) + (
            f"?status=open&lead={lead.pk}"
        )
    if source is None or source in NEEDS:
        return reverse(name)
    return reverse(name, args=[objects[source].pk])


def test_every_page_declares_a_budget_within_the_limit():
    pages = {name for name, _ in _pages()}
    assert not pages - set(BUDGET), f"declare a budget for {pages - set(BUDGET)}"
    assert not set(BUDGET) - pages, f"no such page: {set(BUDGET) - pages}"
    assert max(BUDGET.values()) <= MOST_ANY_PAGE_MAY_RUN


class _HTMLWithoutLayout:
    """Stands in for WeasyPrint: the PDF's template is rendered (and its queries
    counted) but not laid out, which takes seconds at 500 tasks and no queries."""

    def __init__(self, string, **kwargs):
        self.string = string

    def write_pdf(self, **kwargs):
        return b"%PDF-1.7 (not laid out)"


@pytest.mark.django_db
def test_pages_stay_within_budget_and_flat_with_the_data(
    client, executive, monkeypatch, settings
):
    monkeypatch.setattr("core.pdf.HTML", _HTMLWithoutLayout)
    # Both sizes render the review PDF in the request (the tests run background
    # work at once, in the request, which would count the worker's queries too).
    settings.REVIEW_PDF_BACKGROUND_ABOVE_TASKS = 10_000
    consortium = executive.person.organisation
    pct = factories.organisation(Organisation.Kind.PCT)
    client.force_login(executive)
    pages = _pages()
    counts = {name: [] for name, _ in pages}
    for size in SIZES:
        # The larger programme is added beside the smaller: lists show both.
        programme, objective, task = factories.large_programme(
            size, consortium, pct, executive.person
        )
        objects = {"programme": programme, "objective": objective, "task": task}
        objects.update(
            zip(
                MEETING_SOURCES,
                factories.large_meeting(size, consortium, executive.person),
                strict=True,
            )
        )
        for name, source in pages:
            url = _url(name, source, objects, consortium)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[name].append(len(queries))
    over = {n: c for n, c in counts.items() if max(c) > BUDGET[n]}
    growing = {n: c for n, c in counts.items() if len(set(c)) > 1}
    assert not over, f"over budget (queries at {SIZES} tasks): {over}"
    assert not growing, f"queries grow with the data (at {SIZES} tasks): {growing}"
