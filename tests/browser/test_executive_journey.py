"""Journey 1: an executive member finds an open task of his and updates it in place."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core.formatting import achievement
from programmes.models import Objective, Task
from tests.browser.conftest import (
    PHONE,
    assert_no_horizontal_page_scroll,
    check_accessibility,
    screenshot,
    sign_in,
)

MARKER = "set-before-the-edit"
NOTE = "Done: GPs briefed at the March locality meeting"


def my_open_tasks(username="mjones"):
    """What the dashboard's “My open tasks” should list, in its order."""
    return list(
        Task.objects.open()
        .filter(owner__user__username=username)
        .select_related("objective")
        .order_by("date", "pk")
    )


def first_todo_task():
    """The first of Mark Jones's open tasks that is still “To do”, with no date."""
    task = next(t for t in my_open_tasks() if t.status == "to_do" and t.date is None)
    return task


def expected_achieved_after_one_more(objective_pk):
    """The objective's “Achieved” figure, before and after one more task is achieved."""
    objective = Objective.objects.with_achievement().get(pk=objective_pk)
    before = achievement(Decimal(objective.achieved_count) * 100 / objective.task_count)
    after = achievement(
        Decimal(objective.achieved_count + 1) * 100 / objective.task_count
    )
    assert before != after, "the chosen task must move the objective's figure"
    return objective, before, after


def task_row(page, task):
    return page.locator(f"tr#task-{task.pk}")


def edit_form(page, task):
    return page.get_by_role("form", name=f"Edit task {task.order}", exact=True)


def focused(page):
    """A short description of the focused element, for keyboard navigation."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el) return "";
            return [el.tagName, el.id, el.getAttribute("aria-label") || "",
                    (el.textContent || "").trim().slice(0, 60)].join("|");
        }"""
    )


def tab_to(page, locator, *, limit=160):
    """Press Tab until `locator` has the focus; return how many presses it took."""
    handle = locator.element_handle()
    for presses in range(limit + 1):
        if handle.evaluate("el => el === document.activeElement"):
            return presses
        page.keyboard.press("Tab")
    pytest.fail(
        f"{limit} presses of Tab never reached {locator}; focus is on {focused(page)}"
    )


def assert_history_shows_edit(page, task, *, old_status, new_status, note):
    """The task page's History table: newest first, by Mark Jones, with the change."""
    history = page.locator("table").filter(
        has=page.get_by_role("columnheader", name="What changed")
    )
    newest = history.locator("tbody tr").first
    expect(newest.locator("td").nth(1)).to_have_text("Mark Jones")
    changes = newest.locator("td").nth(2)
    expect(changes.get_by_role("listitem").filter(has_text="Status")).to_have_text(
        f"Status: {old_status} → {new_status}"
    )
    expect(changes).to_contain_text(note)


def test_executive_updates_a_task_inline_from_the_dashboard(page):
    task = first_todo_task()
    objective, before, after = expected_achieved_after_one_more(task.objective_id)

    sign_in(page, "mjones")

    # The dashboard lists his open tasks, each linking to its row on the objective page.
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Mark")
    my_tasks = page.get_by_role("region", name="My open tasks")
    links = my_tasks.get_by_role("link")
    expected = my_open_tasks()
    expect(links).to_have_count(len(expected))
    for link, open_task in zip(links.all(), expected, strict=True):
        assert link.get_attribute("href") == (
            f"{open_task.objective.get_absolute_url()}#task-{open_task.pk}"
        )
        expect(link).to_have_text(
            open_task.description
            if len(open_task.description) <= 90
            else re.compile(re.escape(open_task.description[:80]) + ".*…")
        )
    check_accessibility(page, label="dashboard (executive)")
    screenshot(page, "executive-dashboard-laptop")

    links.filter(has_text=task.description).click()

    # The objective page, scrolled to the task's row.
    expect(page).to_have_url(
        re.compile(rf"/objectives/{objective.pk}/#task-{task.pk}$")
    )
    row = task_row(page, task)
    expect(row).to_be_in_viewport()
    expect(row).to_contain_text(task.description)
    expect(row).to_contain_text("To do")
    achieved = page.get_by_test_id("objective-achieved")
    expect(achieved).to_have_text(before)
    check_accessibility(page, label="objective page")
    page.evaluate(f"window.__daccomMarker = {MARKER!r}")

    # Edit: htmx swaps the row for a labelled form.
    row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
    form = edit_form(page, task)
    expect(form).to_be_visible()
    status = form.get_by_label("Status")
    date = form.get_by_label("Date achieved or planned")
    note = form.get_by_label("Date achieved or reason")
    expect(status).to_have_value("to_do")
    expect(date).to_have_value("")
    expect(note).to_have_value(task.note)
    expect(form.get_by_role("button", name="Save", exact=True)).to_be_visible()
    expect(form.get_by_role("button", name="Cancel", exact=True)).to_be_visible()
    screenshot(page, "objective-inline-edit-laptop")

    status.select_option(label="Yes")
    note.fill(NOTE)
    form.get_by_role("button", name="Save", exact=True).click()

    # The row and the objective's figure change in place, without a reload.
    expect(form).to_have_count(0)
    expect(row.locator(".status-badge")).to_have_text("Yes")
    expect(row).to_contain_text(NOTE)
    expect(row.get_by_role("link", name=re.compile(r"^Edit\b"))).to_be_visible()
    expect(achieved).to_have_text(after)
    assert page.evaluate("window.__daccomMarker") == MARKER, "the page was reloaded"
    check_accessibility(page, label="objective page after the inline save")
    screenshot(page, "objective-after-save-laptop")

    task.refresh_from_db()
    assert (task.status, task.note) == ("done", NOTE)

    # The task's own page shows who changed what.
    row.get_by_role("link", name=task.description).click()
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(task.description)
    assert_history_shows_edit(
        page, task, old_status="To do", new_status="Yes", note=NOTE
    )
    check_accessibility(page, label="task page")
    screenshot(page, "task-history-laptop")

    # Done, so it has left his open tasks.
    page.get_by_role("link", name="Dashboard").click()
    expect(
        page.get_by_role("region", name="My open tasks").get_by_role("link")
    ).to_have_count(len(expected) - 1)
    expect(page.get_by_role("link", name=task.description)).to_have_count(0)


def test_executive_updates_a_task_with_the_keyboard_only(page):
    task = first_todo_task()
    objective, before, after = expected_achieved_after_one_more(task.objective_id)

    page.goto("/accounts/login/")
    # The username field has autofocus; the rest is typing, Tab and Enter.
    expect(page.get_by_label("Username", exact=True)).to_be_focused()
    page.keyboard.type("mjones")
    page.keyboard.press("Tab")
    page.keyboard.type("daccom-demo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Mark")

    link = page.get_by_role("region", name="My open tasks").get_by_role(
        "link", name=task.description
    )
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(rf"/objectives/{objective.pk}/#task-{task.pk}$")
    )
    achieved = page.get_by_test_id("objective-achieved")
    expect(achieved).to_have_text(before)
    page.evaluate(f"window.__daccomMarker = {MARKER!r}")

    row = task_row(page, task)
    tab_to(page, row.get_by_role("link", name=re.compile(r"^Edit\b")))
    page.keyboard.press("Enter")
    form = edit_form(page, task)
    expect(form).to_be_visible()

    # The form takes the focus (its Status field) once htmx has settled it; keys
    # pressed before then would go to the page behind it.
    expect(form.get_by_label("Status")).to_be_focused()
    tab_to(page, form.get_by_label("Status"), limit=0)
    page.keyboard.type("Yes")  # type-ahead on the closed select
    expect(form.get_by_label("Status")).to_have_value("done")
    tab_to(
        page, form.get_by_label("Date achieved or reason"), limit=6
    )  # past the date's segments
    page.keyboard.type(NOTE)
    # Past "shortfall due to" and its reason.
    tab_to(page, form.get_by_role("button", name="Save", exact=True), limit=4)
    page.keyboard.press("Enter")

    expect(form).to_have_count(0)
    expect(row.locator(".status-badge")).to_have_text("Yes")
    expect(row).to_contain_text(NOTE)
    expect(achieved).to_have_text(after)
    assert page.evaluate("window.__daccomMarker") == MARKER, "the page was reloaded"

    # Round the whole page from the top: the navigation has a Meetings link too.
    tab_to(page, row.get_by_role("link", name=task.description), limit=140)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    assert_history_shows_edit(
        page, task, old_status="To do", new_status="Yes", note=NOTE
    )


def test_executive_pages_at_phone_width(page):
    task = first_todo_task()
    page.set_viewport_size(PHONE)
    sign_in(page, "mjones")

    # The navigation collapses behind a toggle that works.
    toggle = page.get_by_role("button", name="Toggle navigation")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("link", name="Programmes", exact=True)).to_be_hidden()
    menu = page.locator("#main-nav")
    toggle.click()
    expect(page.get_by_role("link", name="Programmes", exact=True)).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_have_class(
        re.compile(r"\bshow\b")
    )  # Bootstrap's slide has finished
    toggle.click()
    expect(page.get_by_role("link", name="Programmes", exact=True)).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    check_accessibility(page, label="dashboard at phone width")
    screenshot(page, "executive-dashboard-phone")
    assert_no_horizontal_page_scroll(page)

    page.get_by_role("region", name="My open tasks").get_by_role(
        "link", name=task.description
    ).click()
    row = task_row(page, task)
    row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
    form = edit_form(page, task)
    expect(form.get_by_label("Status")).to_be_visible()
    form.get_by_label("Date achieved or reason").scroll_into_view_if_needed()
    expect(form.get_by_label("Date achieved or reason")).to_be_in_viewport()
    screenshot(page, "objective-inline-edit-phone")
    assert_no_horizontal_page_scroll(page)

    form.get_by_label("Status").select_option(label="Yes")
    form.get_by_role("button", name="Save", exact=True).click()
    expect(row.locator(".status-badge")).to_have_text("Yes")
    check_accessibility(page, label="objective page at phone width")
    screenshot(page, "objective-after-save-phone")


def test_inline_edit_form_is_accessible_with_and_without_an_error(page):
    task = first_todo_task()
    sign_in(page, "mjones")
    page.goto(task.objective.get_absolute_url())
    task_row(page, task).get_by_role("link", name=re.compile(r"^Edit\b")).click()
    form = edit_form(page, task)
    expect(form).to_be_visible()
    check_accessibility(page, label="objective page with the inline edit form open")

    form.get_by_label("Status").select_option(label="Planned")
    form.get_by_role("button", name="Save", exact=True).click()
    expect(form.get_by_text("Give the planned date.")).to_be_visible()
    check_accessibility(page, label="inline edit form showing an error")


def test_inline_edit_keeps_keyboard_focus(page):
    task = first_todo_task()
    sign_in(page, "mjones")
    page.goto(task.objective.get_absolute_url())
    row = task_row(page, task)
    row.get_by_role("link", name=re.compile(r"^Edit\b")).focus()
    page.keyboard.press("Enter")
    form = edit_form(page, task)
    expect(form).to_be_visible()
    # Opening the form by keyboard puts the focus in it: on its first field.
    expect(form.get_by_label("Status")).to_be_focused(timeout=2_000)

    form.get_by_label("Status").select_option(label="Yes")
    form.get_by_role("button", name="Save", exact=True).focus()
    page.keyboard.press("Enter")
    expect(form).to_have_count(0)
    # Saving returns the focus to the row's Edit button, not to the top of the page.
    expect(row.get_by_role("link", name=re.compile(r"^Edit\b"))).to_be_focused(
        timeout=2_000
    )
