"""Journey: an executive member plans the empty business plan 2007/8 in the browser:
adds an objective and two tasks, edits a task, reorders, and archives one."""

import re

from playwright.sync_api import expect

from core.models import LogEntry
from programmes.models import Objective, Programme, Task
from tests.browser.conftest import check_accessibility, screenshot, sign_in


def test_executive_plans_the_empty_business_plan(page):
    plan = Programme.objects.get(name="Business plan 2007/8")
    sign_in(page, "mjones")
    page.goto(plan.get_absolute_url())

    # The empty programme says what to do next, and offers the add buttons.
    empty = page.get_by_test_id("empty-plan")
    expect(empty).to_contain_text("This programme has no objectives yet")
    check_accessibility(page, label="empty programme")
    screenshot(page, "plan-empty-programme")
    empty.get_by_role("link", name="Add objective").click()

    # Bad input first: nothing saved, the error beside the field.
    form = page.get_by_role("form", name="Add objective")
    form.get_by_role("button", name="Add objective").click()
    expect(page.get_by_text("This field is required.")).to_be_visible()
    assert not Objective.objects.filter(programme=plan).exists()
    check_accessibility(page, label="objective form with errors")

    form = page.get_by_role("form", name="Add objective")
    form.get_by_label("Title").fill("Reduce emergency admissions")
    form.get_by_role("button", name="Add objective").click()
    expect(page).to_have_url(re.compile(rf"/programmes/{plan.pk}/$"))
    expect(
        page.get_by_role("status").filter(has_text="Added objective")
    ).to_be_visible()
    page.get_by_role("link", name="1. Reduce emergency admissions", exact=True).click()

    for description, lead in (
        ("Agree the admissions audit", "DacCom PbC Ltd"),
        ("Share the monthly admissions report", "West Hertfordshire PCT"),
    ):
        page.get_by_role("link", name="Add task").click()
        form = page.get_by_role("form", name="Add task")
        form.get_by_label("Description").fill(description)
        form.get_by_label("Lead organisation").select_option(label=lead)
        form.get_by_role("button", name="Add task").click()
        expect(page.locator("#arrange-heading")).to_be_visible()
    check_accessibility(page, label="objective with plan controls")
    screenshot(page, "plan-objective-tasks")
    audit = Task.objects.get(description="Agree the admissions audit")
    report = Task.objects.get(description="Share the monthly admissions report")

    # Edit the first task: reassign its owner.
    arrange = page.locator(f"#task-plan-{audit.pk}")
    arrange.get_by_role("link", name=re.compile("^Edit")).click()
    form = page.get_by_role("form", name="Edit task")
    form.get_by_label("Owner").select_option(label="Dr Mary McMinn")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved task")).to_be_visible()
    audit.refresh_from_db()
    assert audit.owner.last_name == "McMinn"

    # Move the second task up: it is now first.
    page.locator(f"#task-plan-{report.pk}").get_by_role(
        "button", name=re.compile("^Move up")
    ).click()
    items = page.locator('section[aria-labelledby="arrange-heading"] > ol > li')
    expect(items.first).to_contain_text("Share the monthly admissions report")

    # Archive the audit task, confirming on its own page.
    page.locator(f"#task-plan-{audit.pk}").get_by_role(
        "link", name=re.compile("^Archive")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Archive task")
    check_accessibility(page, label="archive confirmation")
    page.get_by_role("button", name="Archive task").click()
    expect(page.get_by_role("status").filter(has_text="Archived task")).to_be_visible()
    expect(items).to_have_count(1)
    expect(page.get_by_text("Archived tasks (1)")).to_be_visible()
    screenshot(page, "plan-after-archive")

    actions = set(
        LogEntry.objects.filter(user__username="mjones").values_list(
            "action", flat=True
        )
    )
    assert {
        "programmes.objective.created",
        "programmes.task.created",
        "programmes.task.reassigned",
        "programmes.task.reordered",
        "programmes.task.archived",
    } <= actions
