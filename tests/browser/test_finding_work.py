"""Escape, “Saved”, My work and a change to many tasks, in a real browser."""

import re

from playwright.sync_api import expect

from programmes.models import Task
from tests.browser.conftest import check_accessibility, screenshot, sign_in


def _row(page, task):
    return page.locator(f"tr#task-{task.pk}")


def _form(page, task):
    return page.get_by_role("form", name=f"Edit task {task.order}", exact=True)


def test_escape_cancels_an_inline_edit_and_saved_confirms_one(page):
    task = (
        Task.objects.open()
        .filter(owner__user__username="mjones", status="to_do")
        .order_by("pk")
        .first()
    )
    sign_in(page, "mjones")
    page.goto(task.objective.get_absolute_url())
    row = _row(page, task)
    row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
    form = _form(page, task)
    # The form is settled (it has taken the focus) before anything is typed.
    expect(form.get_by_label("Status")).to_be_focused()
    form.get_by_label("Date achieved or reason").fill("typed, then abandoned")
    page.keyboard.press("Escape")
    expect(form).to_have_count(0)
    expect(row).not_to_contain_text("typed, then abandoned")
    task.refresh_from_db()
    assert task.note != "typed, then abandoned"

    row.get_by_role("link", name=re.compile(r"^Edit\b")).click()
    _form(page, task).get_by_label("Status").select_option(label="In progress")
    _form(page, task).get_by_role("button", name="Save", exact=True).click()
    expect(row.get_by_role("status")).to_have_text("Saved")
    expect(row.locator(".status-badge")).to_have_text("In progress")


def test_a_pct_lead_finds_their_work_and_changes_several_tasks(page):
    sign_in(page, "jphipps")
    my_work = page.get_by_role("region", name="My work")
    expect(my_work).to_be_visible()
    check_accessibility(page, label="dashboard with My work (PCT)")
    screenshot(page, "pct-my-work-laptop")

    my_work.get_by_role("link", name=re.compile("All my open tasks")).click()
    expect(page).to_have_url(re.compile(r"mine=on"))
    mine = list(
        Task.objects.open()
        .filter(owner__user__username="jphipps")
        .order_by("objective__number", "order")[:3]
    )
    for task in mine:
        _row(page, task).get_by_role("checkbox").check()
    page.get_by_label("New status").select_option(label="In progress")
    page.get_by_role("button", name="Review the change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change 3 tasks?")
    check_accessibility(page, label="bulk change confirmation")
    page.get_by_role("button", name="Change 3 tasks").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("of 3 tasks changed")
    screenshot(page, "pct-bulk-change-done-laptop")
    for task in mine:
        task.refresh_from_db()
        assert task.status == "in_progress"


def test_select_all_ticks_every_box(page):
    sign_in(page, "mjones")
    page.goto("/programmes/")
    page.get_by_role("link", name=re.compile("Find a task")).first.click()
    boxes = page.locator("[data-select=task]")
    page.get_by_role("checkbox", name="Select all tasks on this page").check()
    for index in range(boxes.count()):
        expect(boxes.nth(index)).to_be_checked()
