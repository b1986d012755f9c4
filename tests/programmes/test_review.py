import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from programmes.models import Task, TaskStatus
from tests import factories


@pytest.fixture
def reviewed(programme, consortium, pct):
    """Two objectives: 2 of 4 tasks achieved (a done and a tbc), and 1 of 1."""
    first = factories.objective(programme, number=1, title="COPD service redesign")
    factories.task(first, consortium, TaskStatus.DONE, description="Agree a pathway")
    factories.task(first, pct, TaskStatus.TBC, description="Train the nurses")
    factories.task(first, consortium, TaskStatus.TO_DO, description="Audit the clinic")
    factories.task(
        first,
        pct,
        TaskStatus.STOPPED,
        description="Open a community clinic",
        note="Stopped by new PCT",
    )
    second = factories.objective(programme, number=2, title="Prescribing")
    factories.task(second, consortium, TaskStatus.DONE, description="Switch statins")
    return programme


def test_the_review_page_has_the_summary_and_every_task(
    client, reviewed, practice_manager
):
    client.force_login(practice_manager)
    page = client.get(reverse("programmes:review", args=[reviewed.pk])).text
    # Achieved (2/4 + 1/1) / 2 = 75%; due to DacCom (1/4 + 0) / 2 = 12.5%, to the PCT
    # the same; payment 95p × 75% = 71.25p → 71p, shortfall 95p − 71p = 24p.
    assert "75% achievement" in page
    assert "Represents 25% non-achievement" in page
    assert "71p per patient" in page and "24p per patient" in page
    for description in (
        "Agree a pathway",
        "Train the nurses",
        "Audit the clinic",
        "Open a community clinic",
        "Switch statins",
    ):
        assert description in page
    assert "Stopped by new PCT" in page


def _pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def test_the_review_pdf_holds_the_review_over_several_pages(
    client, consortium, pct, executive, reviewer
):
    programme, _, _ = factories.large_programme(100, consortium, pct, executive.person)
    client.force_login(reviewer)
    response = client.get(reverse("programmes:review-pdf", args=[programme.pk]))
    pages = _pdf(response)
    slug = programme.name.lower().replace(" ", "-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="review-{slug}.pdf"'
    )
    count = len(pages)
    assert count >= 3
    assert f"Page 1 of {count}" in pages[0]
    assert f"Page {count} of {count}" in pages[-1]
    # Table cells wrap their lines, some after a hyphen.
    text = " ".join(" ".join(pages).replace("-\n", "-").split())
    assert f"Review of progress against objectives: {programme.name}" in pages[0]
    # 4 objectives of 25 tasks. In each, task i has status i % 7 (done, tbc, ...)
    # and lead i % 3 (DacCom, PCT, provider): achieved i = 0, 1, 7, 8, 14, 15, 21,
    # 22 → 8/25 = 32%; DacCom-led and not achieved i = 3, 6, 9, 12, 18, 24 → 6/25 =
    # 24%; the other 11/25 = 44%. Payment 95p × 32% = 30.4p → 30p, shortfall 65p.
    assert "32% achievement" in text
    assert "Represents 68% non-achievement" in text
    assert "30p per patient" in text and "65p per patient" in text
    tasks = Task.objects.filter(objective__programme=programme).order_by(
        "objective__number", "order"
    )
    first, last = tasks.first().description, tasks.last().description
    assert _shows(pages[0], first) and not _shows(pages[-1], first)
    assert _shows(pages[-1], last) and not _shows(pages[0], last)


def _shows(page, description):
    """`description` on the page as a whole: "Task 11" is not in "Task 110"."""
    return re.search(rf"{re.escape(description)}\b", page) is not None
