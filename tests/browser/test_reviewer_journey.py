"""Journey 2: a PCT reviewer reads and downloads the review, and edits nothing."""

import csv
import io
import re

from django.contrib.auth.models import User
from openpyxl import load_workbook
from playwright.sync_api import expect

from programmes.models import Objective, Programme, Task
from tests.browser.conftest import (
    PHONE,
    assert_no_horizontal_page_scroll,
    check_accessibility,
    screenshot,
    sign_in,
)

PILOT = "PbC pilot programme 2006/7"
ACHIEVEMENT_HEADER = [
    "No.",
    "Objective",
    "% achieved",
    "% not achieved due to DacCom",
    "% not achieved due to PCT or other",
    "Comment",
    "% achieved (as assessed)",
    "Assessment reason",
]


def assert_no_edit_controls(page):
    """Nothing on the page offers to change anything (signing out aside)."""
    for role in ("link", "button"):
        expect(page.get_by_role(role, name=re.compile(r"^Edit\b"))).to_have_count(0)
        expect(page.get_by_role(role, name=re.compile(r"Update status"))).to_have_count(
            0
        )
    expect(page.get_by_text("Edit", exact=True)).to_have_count(0)
    expect(page.get_by_text("Update status")).to_have_count(0)
    expect(
        page.locator("a[href*='/edit/'], [hx-get*='/edit/'], [hx-post]")
    ).to_have_count(0)
    # No form that changes anything: reading forms (method get: the "as at" date)
    # are for everyone.
    expect(
        page.locator("form:not([action$='/accounts/logout/']):not([method='get'])")
    ).to_have_count(0)


def first_figures(column_cells):
    """The figure each cell shows first (“30%” → 30, “—” → None)."""
    figures = []
    for text in column_cells.all_inner_texts():
        match = re.match(r"\s*(\d+)%", text)
        figures.append(int(match.group(1)) if match else None)
    return figures


def column_cells(page, table, header):
    """The body cells under the header named `header`."""
    headers = table.locator("thead th").all_inner_texts()
    index = [h.strip() for h in headers].index(header)
    return table.locator(f"tbody tr td:nth-child({index + 1})")


def download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=True).click()
    result = info.value
    assert result.failure() is None, result.failure()
    with open(result.path(), "rb") as file:
        return result.suggested_filename, file.read()


def test_reviewer_reads_sorts_and_downloads_the_achievement_review(page):
    pilot = Programme.objects.get(name=PILOT)
    objectives = Objective.objects.filter(programme=pilot).count()

    sign_in(page, "jphipps")
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("PCT reviewer")
    # He owns most open PCT-led tasks: My work lists them (links, nothing to edit).
    expect(page.get_by_role("region", name="My work")).to_be_visible()
    assert_no_edit_controls(page)
    check_accessibility(page, label="dashboard (reviewer)")

    card = page.locator(".card").filter(has=page.get_by_role("heading", name=PILOT))
    card.get_by_role("link", name="Achievement review").click()
    expect(page).to_have_url(re.compile(rf"/programmes/{pilot.pk}/achievement/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Achievement against objectives"
    )
    table = page.locator("table").filter(
        has=page.get_by_role("columnheader", name="No.")
    )
    expect(table.locator("tbody tr")).to_have_count(objectives)
    assert_no_edit_controls(page)
    check_accessibility(page, label="achievement table")
    screenshot(page, "reviewer-achievement-laptop")

    # Sorting by a header: ascending, then descending on a second click.
    default_order = first_figures(column_cells(page, table, "% achieved"))
    table.get_by_role("link", name="% achieved", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?sort=achieved_pct$"))
    ascending = first_figures(column_cells(page, table, "% achieved"))
    assert None not in ascending, ascending
    assert ascending == sorted(ascending), ascending
    assert ascending != default_order, "the sort changed nothing: pick another column"
    expect(table.locator("thead th").filter(has_text="% achieved").first).to_have_class(
        re.compile(r"\basc\b")
    )
    table.get_by_role("link", name="% achieved", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?sort=-achieved_pct$"))
    descending = first_figures(column_cells(page, table, "% achieved"))
    assert descending == sorted(ascending, reverse=True), descending
    check_accessibility(page, label="achievement table, sorted")

    # Downloads.
    name, content = download(page, "Download CSV")
    assert name == "achievement-pbc-pilot-2006-07.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ACHIEVEMENT_HEADER
    *objective_rows, totals = rows[1:]
    assert totals[1] == "Total % achievement", totals
    assert sorted(int(row[0]) for row in objective_rows) == list(
        range(1, objectives + 1)
    ), rows
    # The file follows the sort on screen (descending % achieved).
    figures = [float(row[2]) for row in objective_rows]
    assert figures == sorted(figures, reverse=True), figures

    name, content = download(page, "Download XLSX")
    assert name == "achievement-pbc-pilot-2006-07.xlsx"
    assert content[:2] == b"PK", content[:4]
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    assert [
        cell for cell in next(sheet.iter_rows(values_only=True))
    ] == ACHIEVEMENT_HEADER

    name, content = download(page, "Download review PDF")
    assert name.endswith(".pdf"), name
    assert content.startswith(b"%PDF"), content[:8]

    # The printable review.
    page.get_by_role("link", name="Printable review").click()
    expect(page).to_have_url(re.compile(rf"/programmes/{pilot.pk}/review/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(PILOT)
    assert_no_edit_controls(page)
    check_accessibility(page, label="review page")
    screenshot(page, "reviewer-review-laptop")
    page.get_by_role("link", name="Back to achievement").click()

    # Down to an objective and one of its tasks: still nothing to edit.
    first = Objective.objects.filter(programme=pilot).order_by("number").first()
    table.get_by_role("link", name=first.title).click()
    expect(page).to_have_url(re.compile(rf"/objectives/{first.pk}/$"))
    expect(page.get_by_role("columnheader", name="Status")).to_be_visible()
    # Only the tasks his PCT leads (or he owns) offer an edit; nothing else does.
    phipps = User.objects.get(username="jphipps")
    his = [t for t in first.tasks.all() if t.is_writable_by(phipps)]
    assert his, "objective 1 has a PCT-led task"
    expect(page.locator("a[href*='/edit/']")).to_have_count(len(his))
    for mine in his:
        expect(page.locator(f"tr#task-{mine.pk} a[href*='/edit/']")).to_have_count(1)
    check_accessibility(page, label="objective page (reviewer)")
    screenshot(page, "reviewer-objective-laptop")

    task = first.tasks.order_by("order").first()
    assert not task.is_writable_by(phipps)
    page.get_by_role("link", name=task.description).click()
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert_no_edit_controls(page)
    check_accessibility(page, label="task page (reviewer)")

    page.get_by_role("link", name=PILOT).first.click()
    expect(page).to_have_url(re.compile(rf"/programmes/{pilot.pk}/$"))
    assert_no_edit_controls(page)
    check_accessibility(page, label="programme page (reviewer)")
    screenshot(page, "reviewer-programme-laptop")


def test_reviewer_pages_at_phone_width(page):
    pilot = Programme.objects.get(name=PILOT)
    page.set_viewport_size(PHONE)
    sign_in(page, "jphipps")
    page.goto(f"/programmes/{pilot.pk}/achievement/")
    table = page.locator("table").filter(
        has=page.get_by_role("columnheader", name="No.")
    )
    expect(table).to_be_attached()
    assert_no_edit_controls(page)
    check_accessibility(page, label="achievement table at phone width")
    screenshot(page, "reviewer-achievement-phone")
    assert_no_horizontal_page_scroll(page)

    page.get_by_role("link", name="Printable review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PILOT)
    check_accessibility(page, label="review page at phone width")
    screenshot(page, "reviewer-review-phone")


def test_review_page_fits_a_phone_screen(page):
    """Its wide tables scroll in their own boxes; the page itself does not."""
    pilot = Programme.objects.get(name=PILOT)
    page.set_viewport_size(PHONE)
    sign_in(page, "jphipps")
    page.goto(f"/programmes/{pilot.pk}/review/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(PILOT)
    assert_no_horizontal_page_scroll(page)


def test_reviewer_cannot_edit_a_task_even_by_posting_directly(page, context):
    task = Task.objects.get(
        objective__programme__name=PILOT,
        status="to_do",
        owner__user__username="mjones",
        order=10,
        objective__number=3,
    )
    history_before = task.history.count()
    sign_in(page, "jphipps")
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")

    edit_url = f"/tasks/{task.pk}/edit/"
    response = page.request.get(edit_url)
    assert response.status == 403, response.status

    response = page.request.post(
        edit_url,
        form={
            "status": "done",
            "date": "",
            "note": "posted by a reviewer",
            "version": str(task.version),
        },
        headers={"X-CSRFToken": token},
        max_redirects=0,
    )
    assert response.status == 403, response.status
    # The role check's page, not the CSRF check's ("That form had expired").
    assert "You cannot do that here" in response.text()

    # The same refusal for an htmx request (what the inline form would send).
    response = page.request.post(
        edit_url,
        form={
            "status": "done",
            "note": "posted by a reviewer",
            "version": str(task.version),
        },
        headers={"X-CSRFToken": token, "HX-Request": "true"},
        max_redirects=0,
    )
    assert response.status == 403, response.status

    task.refresh_from_db()
    assert (task.status, task.note) == ("to_do", "")
    assert task.history.count() == history_before
