"""The monthly status report: the demo's April 2007 report against the seed,
drafts hidden, published reports frozen, the PDF's text, and the draft's life."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from core.editing import EditConflict
from funding.models import AgreedInstalment
from programmes.models import Task, TaskStatus
from reports.models import StatusReport
from reports.status_services import (
    StatusReportError,
    publish,
    save_narrative,
    start_report,
)

APRIL = datetime.date(2007, 4, 1)
MAY = datetime.date(2007, 5, 1)
# The seed report's business plan, in its order.
SEED_SERVICES = [
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


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def april(pilot):
    return StatusReport.objects.select_related("published").get(month=APRIL)


def _report_body(response):
    """The page from its title on (the head carries a fresh CSRF token)."""
    content = response.content.decode()
    return content[content.index("<h1") :]


def _achievement_payment(report):
    des = report.figures["funding"]["schemes"][0]
    return next(k for k in des["kinds"] if k["label"] == "Achievement payment")


def test_the_april_report_gives_the_seeds_figures(april):
    # Seed: "The maximum amount of £0.95 per patient will be paid in two
    # instalments: a) £0.64 ... b) £0.31"; "25% ... set aside for DacCom";
    # "funded at Level 3 for an interim period of 3 months (to end-Jun 07)".
    figures = april.figures
    assert april.is_published
    assert figures["as_at"] == "2007-04-30"
    des = figures["funding"]["schemes"][0]
    assert des["patients"] == 150000
    assert Decimal(des["reserve_share"]) == Decimal("25")
    payment = _achievement_payment(april)
    assert Decimal(payment["max_rate"]) == Decimal("0.95")
    assert [Decimal(i["rate"]) for i in payment["instalments"]] == [
        Decimal("0.64"),
        Decimal("0.31"),
    ]
    assert Decimal(payment["agreed_rate"]) == Decimal("0.95")
    # The review's 67% of 95p earns 64p: the first instalment.
    assert Decimal(payment["earned_rate"]) == Decimal("0.64")
    interim = figures["framework"]["interim"]
    assert (interim["level"], interim["ends_on"]) == (3, "2007-06-30")
    # "DacCom can comfortably achieve Level 3".
    assert figures["framework"]["qualified_level"] == 3
    assert [s["name"] for s in figures["projects"]["services"]] == SEED_SERVICES
    assert figures["narrative"]["funding"].startswith(
        "We have agreed an achievement payment under the 2006/7 DES."
    )


def test_the_page_shows_the_report_under_the_seeds_headings(client, april):
    client.force_login(_user("practice"))
    response = client.get(april.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    for heading in (
        "Funding:",
        "The PbC Governance Framework:",
        "The LES:",
        "Projects and Progress:",
    ):
        assert heading in text
    assert "64p" in text and "31p" in text and "Level 3" in text


@pytest.mark.parametrize("username", ["practice", "jphipps"])
def test_drafts_are_hidden_from_all_but_executives(client, pilot, username):
    may = StatusReport.objects.get(month=MAY)
    client.force_login(_user(username))
    assert client.get(may.get_absolute_url()).status_code == 404
    assert client.get(reverse("status:pdf", args=[may.pk])).status_code == 404
    listing = client.get(reverse("status:list")).content.decode()
    assert "April 2007" in listing and "May 2007" not in listing
    client.force_login(_user("mjones"))
    assert client.get(may.get_absolute_url()).status_code == 200


def test_a_published_report_is_unchanged_by_later_edits(client, april):
    client.force_login(_user("mjones"))
    pdf_url = reverse("status:pdf", args=[april.pk])
    before_page = _report_body(client.get(april.get_absolute_url()))
    before_pdf = b"".join(client.get(pdf_url).streaming_content)
    AgreedInstalment.objects.filter(order=1).update(rate_per_patient=Decimal("0.50"))
    Task.objects.filter(status=TaskStatus.DONE).update(status=TaskStatus.NOT_DONE)
    response = client.post(
        reverse("status:edit", args=[april.pk]), {"funding": "Changed", "version": 1}
    )
    assert response.status_code == 403
    assert _report_body(client.get(april.get_absolute_url())) == before_page
    assert b"".join(client.get(pdf_url).streaming_content) == before_pdf
    april.refresh_from_db()
    assert _achievement_payment(april)["earned_rate"] == "0.64"


def test_the_pdf_reads_as_the_report(client, april):
    client.force_login(_user("jphipps"))
    response = client.get(reverse("status:pdf", args=[april.pk]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    pages = len(reader.pages)
    assert 2 <= pages <= 4
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Programme Status Report – April 2007" in text
    assert "DacCom PbC Ltd" in text and "As at 30 April 2007" in text
    assert f"Page 1 of {pages}" in text
    assert "64p" in text and "31p" in text
    assert "funded at Level 3 for an interim period of 3 months" in text
    assert "New Dacorum Hospital" in text


def test_a_draft_is_written_then_published_once(consortium, executive, programme):
    report = start_report(consortium, APRIL, user=executive)
    with pytest.raises(StatusReportError, match="already has a status report"):
        start_report(consortium, APRIL, user=executive)
    changes = {"funding": "Money.", "framework": "", "les": "", "projects": ""}
    report = save_narrative(
        report, changes=changes, expected_version=report.version, user=executive
    )
    with pytest.raises(EditConflict):
        save_narrative(
            report, changes=changes, expected_version=report.version - 1, user=executive
        )
    report = publish(report, user=executive)
    assert report.published.snapshot["narrative"]["funding"] == "Money."
    with pytest.raises(StatusReportError):
        publish(report, user=executive)
    assert report.published.reference.startswith("PSR-")


def test_a_month_to_come_is_refused(client, consortium, executive):
    client.force_login(executive)
    next_year = datetime.date.today().year + 1
    response = client.post(
        reverse("status:start"),
        {"consortium": consortium.pk, "month": f"{next_year}-01"},
    )
    assert response.status_code == 200
    assert "a month to come" in response.content.decode()
    assert not StatusReport.objects.exists()


def test_the_achievement_is_taken_as_at_the_months_end(
    consortium, executive, programme
):
    """Tasks done by 30 April count; a task done in May does not, in April's report."""
    import time_machine
    from django.utils import timezone

    from programmes.models import Task
    from tests import factories
    from tests.funding import helpers

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))

    with time_machine.travel(at(datetime.date(2007, 4, 20)), tick=False):
        objective = factories.objective(programme, number=1)
        factories.tasks(objective, consortium, ["done", "to_do", "to_do", "to_do"])
        scheme = helpers.scheme(programme)
        helpers.kind(scheme, "achievement", "0.95")
    with time_machine.travel(at(datetime.date(2007, 5, 10)), tick=False):
        for task in Task.objects.filter(status="to_do"):
            task.status = "done"
            task.save()
    # April, by hand: 1 of 4 done → 25% of 95p = 23.75p → 24p.
    report = start_report(consortium, APRIL, user=executive)
    payment = _achievement_payment(report)
    assert Decimal(payment["achieved"]) == Decimal("25")
    assert Decimal(payment["earned_rate"]) == Decimal("0.24")
    assert payment["from_history"] is True


def test_gathering_the_figures_takes_as_many_queries_at_any_size(
    consortium, pct, executive, programme
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.status import gather
    from tests import factories
    from tests.funding import helpers

    scheme = helpers.scheme(programme)
    achievement = helpers.kind(scheme, "achievement", "0.95")
    helpers.instalment(achievement, "0.64", "Targets")
    factories.large_framework(10, consortium, pct)
    objective = factories.objective(programme, number=1)
    report = start_report(consortium, APRIL, user=executive)
    counts = []
    for size in (10, 200):
        factories.tasks(objective, consortium, ["done", "to_do"] * (size // 2))
        factories.large_business_plan(size, consortium)
        for _ in range(size // 10):
            helpers.practice(scheme, 1000)
        with CaptureQueriesContext(connection) as queries:
            gather(report)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_pages_carry_no_inline_style_or_script(client, pilot, april):
    from tests.daccom.test_csp import (
        EVENT_HANDLER,
        INLINE_SCRIPT,
        STYLE_ATTRIBUTE,
        STYLE_ELEMENT,
    )

    client.force_login(_user("mjones"))
    may = StatusReport.objects.get(month=MAY)
    for url in (
        reverse("status:list"),
        reverse("status:start"),
        april.get_absolute_url(),
        may.get_absolute_url(),
        reverse("status:edit", args=[may.pk]),
        reverse("status:publish", args=[may.pk]),
        reverse("programmes:achievement", args=[pilot.pk]) + "?as_at=2007-03-31",
    ):
        html = client.get(url).content.decode()
        for pattern in (STYLE_ATTRIBUTE, STYLE_ELEMENT, INLINE_SCRIPT, EVENT_HANDLER):
            assert not pattern.search(html), url


def test_the_narrative_page_shows_its_history(client, status_draft, executive):
    client.force_login(executive)
    url = reverse("status:edit", args=[status_draft.pk])
    response = client.post(
        url,
        {
            "funding": "Agreed 64p and 31p.",
            "framework": "",
            "les": "",
            "projects": "",
            "version": status_draft.version,
        },
    )
    assert response.status_code == 302
    history = client.get(url).content.decode()
    assert "Funding narrative" in history and "Agreed 64p and 31p." in history


def test_a_drafts_pdf_is_made_now_and_says_draft(client, status_draft, executive):
    client.force_login(executive)
    response = client.get(reverse("status:pdf", args=[status_draft.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Programme Status Report – May 2007 (draft)" in text
