"""Bad input and bad luck: wrong password, expired session, double click, bad date."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from programmes.models import Task
from tests.browser.conftest import check_accessibility, sign_in

NOTE = "Briefing sent to all GPs"
DATE = "2007-03-15"


@pytest.fixture
def task(demo_data):
    """Objective 3's task 10, owned by Mark Jones: “To do”, no date, no note."""
    task = Task.objects.select_related("objective").get(
        objective__programme__name="PbC pilot programme 2006/7",
        objective__number=3,
        order=10,
    )
    assert (task.status, task.date, task.note) == ("to_do", None, "")
    return task


def edit_form(page, task):
    return page.get_by_role("form", name=f"Edit task {task.order}", exact=True)


def open_inline_form(page, task):
    page.goto(task.objective.get_absolute_url())
    page.locator(f"tr#task-{task.pk}").get_by_role(
        "link", name=re.compile(r"^Edit\b")
    ).click()
    form = edit_form(page, task)
    expect(form).to_be_visible()
    return form


def open_full_page_form(page, task):
    page.goto(task.get_absolute_url())
    page.get_by_role("link", name="Update status").click()
    expect(page).to_have_url(
        re.compile(rf"/tasks/{task.pk}/edit/\?next=/tasks/{task.pk}/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Update task")
    return page.locator("main form")


def fill(form, *, status, date=None, note=None):
    form.get_by_label("Status").select_option(label=status)
    if date is not None:
        form.get_by_label("Date achieved or planned").fill(date)
    if note is not None:
        form.get_by_label("Date achieved or reason").fill(note)


def history_rows(page):
    table = page.locator("table").filter(
        has=page.get_by_role("columnheader", name="What changed")
    )
    return table.locator("tbody tr")


def count_posts(page, url_part):
    posts = []
    page.on(
        "request",
        lambda request: (
            posts.append(request.url)
            if request.method == "POST" and url_part in request.url
            else None
        ),
    )
    return posts


# (a) ------------------------------------------------------------------------


def test_wrong_password_is_refused(page):
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill("mjones")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
    expect(page.get_by_label("Username", exact=True)).to_have_value("mjones")
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    expect(page.get_by_test_id("signed-in-as")).to_have_count(0)
    check_accessibility(page, label="sign-in page with an error")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


# (b) ------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["inline", "full page"])
def test_edit_survives_an_expired_session(page, context, task, where):
    history_before = task.history.count()
    sign_in(page, "mjones")
    form = (
        open_inline_form(page, task)
        if where == "inline"
        else open_full_page_form(page, task)
    )
    fill(form, status="Yes", date=DATE, note=NOTE)

    # The session expires: the browser drops the session cookie (its CSRF cookie, which
    # lives a year, stays, as it would).
    context.clear_cookies(name="sessionid")
    form.get_by_role("button", name="Save", exact=True).click()

    expect(page).to_have_url(
        re.compile(rf"/accounts/login/\?next=/tasks/{task.pk}/edit/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_accessibility(page, label="sign-in page after the session expired")
    assert task.history.count() == history_before

    sign_in(page, "mjones")
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/edit/$"))
    expect(page.get_by_role("alert")).to_contain_text("Your session had expired")
    form = page.locator("main form")
    expect(form.get_by_label("Status")).to_have_value("done")
    expect(form.get_by_label("Date achieved or planned")).to_have_value(DATE)
    expect(form.get_by_label("Date achieved or reason")).to_have_value(NOTE)
    check_accessibility(page, label="edit page offering the unsaved change")

    form.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{task.objective.get_absolute_url()}$"))
    expect(page.get_by_role("status")).to_contain_text("is now Yes")
    expect(page.locator(f"tr#task-{task.pk} .status-badge")).to_have_text("Yes")
    task.refresh_from_db()
    assert (task.status, task.date, task.note) == (
        "done",
        datetime.date(2007, 3, 15),
        NOTE,
    )
    assert task.history.count() == history_before + 1


def test_inline_save_after_all_cookies_are_lost_leads_to_sign_in(page, context, task):
    sign_in(page, "mjones")
    form = open_inline_form(page, task)
    fill(form, status="Yes", note=NOTE)
    context.clear_cookies()
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/edit/" in r.url
    ):
        form.get_by_role("button", name="Save", exact=True).click()

    # The answer is in: any redirect it asks for starts at once.
    expect(page).to_have_url(
        re.compile(rf"/accounts/login/\?next=/tasks/{task.pk}/edit/$"), timeout=2_000
    )
    sign_in(page, "mjones")
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/edit/$"))
    expect(page.get_by_role("alert")).to_contain_text("Your session had expired")
    form = page.locator("main form")
    expect(form.get_by_label("Status")).to_have_value("done")
    expect(form.get_by_label("Date achieved or reason")).to_have_value(NOTE)
    form.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("is now Yes")
    task.refresh_from_db()
    assert (task.status, task.note) == ("done", NOTE)


# (c) ------------------------------------------------------------------------


def test_double_clicked_save_on_the_full_page_form_saves_once(page, task):
    history_before = task.history.count()
    sign_in(page, "mjones")
    page.goto(task.get_absolute_url())
    rows_before = history_rows(page).count()
    assert rows_before == history_before

    form = open_full_page_form(page, task)
    fill(form, status="Yes", note=NOTE)
    posts = count_posts(page, f"/tasks/{task.pk}/edit/")
    form.get_by_role("button", name="Save", exact=True).dblclick()

    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/$"))
    expect(page.get_by_role("status")).to_have_text(
        f"Saved: “{task.description}” is now Yes."
    )
    page.wait_for_load_state("networkidle")
    expect(history_rows(page)).to_have_count(rows_before + 1)
    expect(history_rows(page).first).to_contain_text("Mark Jones")
    assert task.history.count() == history_before + 1
    assert len(posts) == 1, f"the double click sent {len(posts)} POSTs"


def test_double_clicked_save_on_the_inline_form_saves_once(page, task):
    history_before = task.history.count()
    sign_in(page, "mjones")
    form = open_inline_form(page, task)
    fill(form, status="Yes", note=NOTE)
    posts = count_posts(page, f"/tasks/{task.pk}/edit/")
    form.get_by_role("button", name="Save", exact=True).dblclick()

    row = page.locator(f"tr#task-{task.pk}")
    expect(form).to_have_count(0)
    expect(row.locator(".status-badge")).to_have_text("Yes")
    page.wait_for_load_state("networkidle")
    expect(page.locator(f"tr#task-{task.pk}")).to_have_count(1)
    assert task.history.count() == history_before + 1
    assert len(posts) == 1, f"the double click sent {len(posts)} POSTs"

    row.get_by_role("link", name=task.description).click()
    expect(history_rows(page)).to_have_count(history_before + 1)


# (d) ------------------------------------------------------------------------


def test_inline_form_refuses_a_planned_task_without_a_date(page, task):
    history_before = task.history.count()
    sign_in(page, "mjones")
    form = open_inline_form(page, task)
    fill(form, status="Planned", note=NOTE)
    form.get_by_role("button", name="Save", exact=True).click()

    date = form.get_by_label("Date achieved or planned")
    expect(form.get_by_text("Give the planned date.")).to_be_visible()
    expect(date).to_have_attribute("aria-invalid", "true")
    expect(date).to_have_accessible_description(re.compile("Give the planned date."))
    # What was typed is kept for correcting.
    expect(form.get_by_label("Status")).to_have_value("planned")
    expect(form.get_by_label("Date achieved or reason")).to_have_value(NOTE)

    task.refresh_from_db()
    assert (task.status, task.date, task.note) == ("to_do", None, "")
    assert task.history.count() == history_before

    form.get_by_role("button", name="Cancel", exact=True).click()
    row = page.locator(f"tr#task-{task.pk}")
    expect(row.locator(".status-badge")).to_have_text("To do")
    page.reload()
    expect(row.locator(".status-badge")).to_have_text("To do")


@pytest.mark.parametrize(
    ("status", "date", "field", "error"),
    [
        ("No", "", "Date achieved or reason", "Say why it was not achieved."),
        (
            "Yes",
            (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "Date achieved or planned",
            "A date achieved cannot be in the future.",
        ),
    ],
    ids=["no-without-reason", "achieved-in-the-future"],
)
def test_full_page_form_refuses_invalid_input(page, task, status, date, field, error):
    history_before = task.history.count()
    sign_in(page, "mjones")
    form = open_full_page_form(page, task)
    fill(form, status=status, date=date, note="")
    form.get_by_role("button", name="Save", exact=True).click()

    # Still on the edit page (the form posts to /tasks/<id>/edit/), still going back to
    # the task page.
    expect(page).to_have_url(re.compile(rf"/tasks/{task.pk}/edit/$"))
    form = page.locator("main form")
    expect(form.get_by_role("link", name="Back without saving")).to_have_attribute(
        "href", task.get_absolute_url()
    )
    expect(form.get_by_text(error)).to_be_visible()
    expect(form.get_by_label(field)).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label(field)).to_have_accessible_description(
        re.compile(re.escape(error))
    )
    check_accessibility(page, label=f"full-page edit form showing “{error}”")

    task.refresh_from_db()
    assert (task.status, task.date, task.note) == ("to_do", None, "")
    assert task.history.count() == history_before
