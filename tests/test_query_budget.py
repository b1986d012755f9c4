"""Every page the executive can GET runs a declared number of queries (at most 15),
the same at 10 tasks as at 500: the page list comes from the access matrix, so a new
page must declare its budget here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.services import invite_practices
from governance.models import Membership, Organisation
from tests import factories
from tests.test_access_matrix import MATRIX

SIZES = (10, 500)
MOST_ANY_PAGE_MAY_RUN = 15

# The most queries each page may run, at either size.
BUDGET = {
    "programmes:dashboard": 13,  # My work, the figures, four panels
    "programmes:programmes": 5,  # and the figures' grouped count
    "programmes:programme": 15,
    "programmes:achievement": 7,
    "programmes:tasks": 9,
    "programmes:tasks?filtered": 10,
    "programmes:review": 7,
    "programmes:review-pdf": 9,  # rendered here; the background path: its own tests
    "programmes:review-pdf-status": 7,
    "programmes:objective": 8,  # and the figures' grouped count
    "programmes:task": 11,  # with comments, evidence, and an indicator (#22)
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
    # Funding (the scheme's practices grow with the data: 1 and 50)
    "funding:schemes": 5,
    "funding:scheme": 13,  # with the reserve's figures from its ledger
    "funding:payments": 7,
    "funding:achievement": 8,
    "funding:add-instalment": 5,
    "funding:participations": 7,
    "funding:participation": 10,
    "funding:change-participation": 4,
    "funding:statement": 7,
    "funding:import-list-sizes": 3,
    # The governance framework
    "framework:frameworks": 4,
    "framework:framework": 10,
    "framework:target": 6,
    "framework:edit-position": 4,
    "framework:add-interim-funding": 4,
    "framework:add-area": 4,
    "framework:add-target": 5,
    "framework:change-target": 5,
    "framework:change-level": 5,
    # The business plan and the gatekeeper
    "commissioning:service-areas": 5,
    "commissioning:add-service-area": 5,
    "commissioning:service-area": 7,
    "commissioning:change-service-area": 6,
    "commissioning:add-service-role": 4,
    "commissioning:remove-service-role": 4,
    "commissioning:criteria": 4,
    "commissioning:add-criterion": 3,
    "commissioning:proposals": 5,
    "commissioning:add-proposal": 6,
    "commissioning:proposal": 7,
    "commissioning:proposal-screen": 5,
    # The consortium's reserve (funding/reserve_urls.py)
    "reserve:ledger": 12,  # with the population, instalments and paid invoices
    "reserve:hours": 13,  # the ledger's figures too
    "reserve:change-hourly-rate": 4,
    "reserve:contracts": 6,
    "reserve:add-contract": 5,
    "reserve:change-contract": 7,
    "reserve:statements": 5,
    "reserve:statement-pdf": 4,
    "reserve:invoices": 8,
    "reserve:invoices?filtered": 8,
    "reserve:add-invoice": 8,
    "reserve:invoice": 10,  # with history and log
    "reserve:change-invoice": 8,
    "reserve:invoice-file": 4,
    "reserve:request-changes-invoice": 4,
    "reserve:reject-invoice": 4,
    # Signed documents
    "core:verify": 3,
    "agreements:plan-approval": 8,
    "agreements:plan-pdf": 6,
    "agreements:agreements": 5,
    "agreements:pack": 10,
    "agreements:new-version": 5,
    "agreements:new-document": 5,
    "agreements:withdraw": 5,
    "agreements:agreement": 7,
    "agreements:agreement-pdf": 6,
    "agreements:document": 6,
    # The DES achievement review (reports)
    "review:reviews": 8,
    "review:new": 8,
    "review:review": 13,  # as at its date: the figures and tasks from the history
    "review:override": 6,
    "review:instalments": 6,
    "review:pdf": 6,
    # Meetings (issue #18)
    "programmes:meeting-links": 8,
    "status:list": 6,
    "status:start": 6,  # and the consortia to choose from
    "status:report": 5,
    "status:pdf": 5,  # served from storage
    "status:edit": 6,  # and the narrative's history
    "status:publish": 4,
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
    # Practice data (issue #22): two indicators at both sizes
    "practicedata:index": 6,
    "practicedata:indicator": 9,
    "practicedata:import": 4,
    "practicedata:practice": 13,  # and one query an indicator
}
MEETING_SOURCES = ("draft_meeting", "minute_item", "meeting_action", "attendance_line")
# A page that takes no argument but needs a record to exist (large_meeting makes it).
NEEDS = ("needs:committee",)
# Pages about signed documents, built beside each programme (see _signed_documents).
APPROVAL_SOURCES = (
    "prepared_plan",
    "approved_plan",
    "pack",
    "draft_version",
    "published_version",
    "invitation",
    "signed_agreement",
    "agreement_document",
    "draft_review",
    "agreed_review",
)
RESERVE_SOURCES = (
    "reserve_scheme",
    "invoice",
    "invoice_with_file",
    "contract",
    "statement",
)
FUNDING_SOURCES = ("scheme", "participation")


def _framework_objects(size, consortium, pct):
    framework = factories.large_framework(size, consortium, pct)
    target = framework.areas.last().targets.order_by("code").first()
    return {
        "framework": framework,
        "framework_target": target,
        "framework_level": framework.levels.get(number=3),
    }


def _commissioning_objects(size, consortium, pct):
    area, proposal = factories.large_business_plan(size, consortium)
    return {
        "service_area": area,
        "service_role": area.roles.first(),
        "proposal": proposal,
    }


def _status_objects(size, consortium, pct):
    """A draft and a published status report, for a month of their own at each
    size (their figures are gathered once, so the pages read them only)."""
    import datetime

    from reports.models import StatusReport
    from reports.status_services import publish, take_figures

    month = datetime.date(2007, 4 if size == SIZES[0] else 6, 1)
    draft = StatusReport.objects.create(consortium=consortium, month=month)
    take_figures(draft)
    published = StatusReport.objects.create(
        consortium=consortium, month=month.replace(month=month.month + 1)
    )
    return {"status_draft": draft, "status_published": publish(published, user=None)}


def _practice_data_objects(size, consortium, pct):
    """A programme with two indicators and size // 10 practices' returns."""
    from tests.practicedata import helpers

    programme = factories.programme(consortium, partners=[pct])
    indicator, practice = helpers.large_practice_data(size // 10, programme)
    return {"practice_indicator": indicator, "practice": practice}


# Objects other than the programme's, built at each size by these functions
# (each returns {source: object}).
OTHER_OBJECTS = [
    _framework_objects,
    _commissioning_objects,
    _status_objects,
    _practice_data_objects,
]
OTHER_SOURCES = (
    "status_draft",
    "status_published",
    "framework",
    "framework_target",
    "framework_level",
    "service_area",
    "service_role",
    "proposal",
    "practice_indicator",
    "practice",
)


def _pages():
    """MATRIX's pages that take nothing or a programme, objective or task, and that
    the executive may GET; plus the task list filtered."""
    pages = [
        (name, source)
        for name, (source, expected) in MATRIX.items()
        if source
        in (
            None,
            "programme",
            "objective",
            "task",
            *FUNDING_SOURCES,
            *OTHER_SOURCES,
            *RESERVE_SOURCES,
            *APPROVAL_SOURCES,
            *MEETING_SOURCES,
            *NEEDS,
        )
        and expected["executive"][0] == 200
    ]
    return [
        *pages,
        ("programmes:tasks?filtered", "programme"),
        ("reserve:invoices?filtered", "reserve_scheme"),
    ]


def _funded(programme, practices):
    """A scheme for the programme with `practices` practices taking part, and an
    agreed achievement payment in two instalments."""
    from tests.funding import helpers

    scheme = helpers.scheme(programme)
    for _ in range(practices):
        participation = helpers.take_part(
            scheme,
            factories.organisation(
                Organisation.Kind.PRACTICE,
                list_size=1000,
                member_of=programme.consortium,
            ),
        )
    helpers.kind(scheme, "aspiration", "0.95")
    reward = helpers.kind(scheme, "reward", "0.95")
    achievement = helpers.kind(scheme, "achievement", "0.95", in_place_of=reward)
    helpers.instalment(achievement, "0.64", "Targets", order=1)
    helpers.instalment(achievement, "0.31", "PCT support", order=2)
    return scheme, participation


def _url(name, source, objects, lead):
    if name == "programmes:tasks?filtered":
        return reverse("programmes:tasks", args=[objects["programme"].pk]) + (
            f"?status=open&lead={lead.pk}"
        )
    if name == "reserve:invoices?filtered":
        return reverse("reserve:invoices", args=[objects[source].pk]) + (
            "?status=paid&date_from=2007-01-01"
        )
    if source is None or source in NEEDS:
        return reverse(name)
    return reverse(name, args=[objects[source].pk])


def test_every_page_declares_a_budget_within_the_limit():
    pages = {name for name, _ in _pages()}
    assert not pages - set(BUDGET), f"declare a budget for {pages - set(BUDGET)}"
    assert not set(BUDGET) - pages, f"no such page: {set(BUDGET) - pages}"
    assert max(BUDGET.values()) <= MOST_ANY_PAGE_MAY_RUN


def _signed_documents(programme, executive, size):
    """A pack with size // 10 practices invited, one of them signed and sealed;
    and a pack with a draft version."""
    consortium = programme.consortium
    programme.refresh_from_db()
    pack = factories.agreement_pack(programme)
    version = factories.agreement_version(pack, executive)
    practices = [
        factories.organisation(
            Organisation.Kind.PRACTICE, list_size=1000 + n, member_of=consortium
        )
        for n in range(size // 10)
    ]
    manager = factories.user(
        Membership.Role.PRACTICE_MANAGER, factories.person(practices[0])
    )
    signed = factories.practice_agreement(version, executive, practices[0], manager)
    invite_practices(version, user=executive, practices=practices[1:])
    draft = factories.agreement_version(
        factories.agreement_pack(programme), executive, published=False
    )
    return {
        "pack": pack,
        "draft_version": draft,
        "published_version": version,
        "invitation": signed,
        "signed_agreement": signed,
        "agreement_document": version.documents.get(),
    }


class _HTMLWithoutLayout:
    """Stands in for WeasyPrint: the PDF's template is rendered (and its queries
    counted) but not laid out, which takes seconds at 500 tasks and no queries."""

    def __init__(self, string, **kwargs):
        self.string = string

    def write_pdf(self, **kwargs):
        return b"%PDF-1.7 (not laid out)"


@pytest.mark.django_db
def test_pages_stay_within_budget_and_flat_with_the_data(
    client, executive, reviewer, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr("core.pdf.HTML", _HTMLWithoutLayout)
    # The signed plan's seal needs a laid-out PDF; its queries are counted alike.
    monkeypatch.setattr("core.signing.seal_pdf", lambda content, **kwargs: content)
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
        scheme, participation = _funded(programme, size // 10)
        objects = {
            "programme": programme,
            "objective": objective,
            "task": task,
            "scheme": scheme,
            "participation": participation,
            **factories.large_reserve(size, programme, executive),
        }
        objects["approved_plan"] = programme
        factories.plan_approval(programme, executive, reviewer, signed=True)
        objects["prepared_plan"], _, _ = factories.large_programme(
            size, consortium, pct, executive.person
        )
        factories.plan_approval(objects["prepared_plan"], executive, reviewer)
        objects.update(_signed_documents(programme, executive, size))
        objects["draft_review"] = factories.achievement_review(
            programme, executive, reviewer
        )
        objects["agreed_review"] = factories.achievement_review(
            programme,
            executive,
            reviewer,
            signed=True,
            as_at="2006-12-31",
            instalments=[  # as _funded records them
                {"rate_per_patient": "0.64", "reason": "Targets"},
                {"rate_per_patient": "0.31", "reason": "PCT support"},
            ],
        )
        for build in OTHER_OBJECTS:
            objects.update(build(size, consortium, pct))
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
