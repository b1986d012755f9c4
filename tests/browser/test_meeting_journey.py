"""Journey: an executive member runs the meeting of 13 March 2007 from the system:
records who came, adds an action, finalises the record and downloads its PDF; a
practice manager then reads it. The pages pass axe and fit a phone."""

import io
import re

import pypdf
from playwright.sync_api import expect

from governance.models import Meeting
from tests.browser.conftest import (
    PHONE,
    assert_no_horizontal_page_scroll,
    check_accessibility,
    screenshot,
    sign_in,
)


def _download(page, name):
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    result = info.value
    assert result.failure() is None, result.failure()
    with open(result.path(), "rb") as file:
        return result.suggested_filename, file.read()


def test_executive_records_the_march_meeting_and_finalises_it(page):
    march = Meeting.objects.get(held_on="2007-03-13")
    sign_in(page, "mjones")
    page.get_by_role("link", name="Meetings", exact=True).click()
    check_accessibility(page, label="meeting list")
    page.get_by_role("link", name="13 March 2007").click()

    # The draft agenda carries the actions still open from 22 February.
    carried = page.locator("#carried")
    expect(carried).to_contain_text("Find out who in the PCT is responsible")
    expect(carried).to_contain_text("Herts-wide CATS")
    check_accessibility(page, label="draft meeting")
    screenshot(page, "meeting-draft-agenda")

    # Record attendance: two who came, one from the PCT.
    for name in ("Dr Mary McMinn (DacCom)", "Lynn Dalton (PCT)"):
        page.get_by_role("link", name="Record attendance").click()
        form = page.get_by_role("form", name="Add attendance line")
        form.get_by_label("Listed as").select_option(label="Attended")
        form.get_by_label("Person").select_option(label=name)
        form.get_by_role("button", name="Add attendance line").click()
        expect(page.get_by_role("status").filter(has_text="Added")).to_be_visible()
    expect(page.locator(".minutes-record")).to_contain_text("Lynn Dalton #")
    expect(page.locator(".minutes-record")).to_contain_text("West Hertfordshire PCT")

    # Add an action, bad input first.
    page.get_by_role("link", name="Add an action").click()
    form = page.get_by_role("form", name="Add action")
    form.get_by_role("button", name="Add action", exact=True).click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    check_accessibility(page, label="action form with errors")
    form = page.get_by_role("form", name="Add action")
    form.get_by_label("Owner").select_option(label="Mark Jones (DacCom)")
    form.get_by_label("Action").fill("Circulate the draft business plan")
    form.locator("#id_due_on").fill("2007-04-01")
    form.get_by_label("Due some time that month").check()
    form.get_by_role("button", name="Add action", exact=True).click()
    actions = page.locator("#actions")
    expect(actions).to_contain_text("Circulate the draft business plan")
    expect(page.locator(".minutes-actions")).to_contain_text("Apr 07")

    # Finalising needs the author: refused, then set and finalised.
    page.get_by_role("link", name="Finalise").click()
    page.get_by_role("button", name="Finalise and issue").click()
    expect(page.get_by_role("alert")).to_contain_text("who wrote the record")
    page.get_by_role("link", name=re.compile("^Edit date, place")).click()
    form = page.get_by_role("form", name="Meeting")
    form.get_by_label("Recorded by").select_option(label="Mark Jones (DacCom)")
    form.get_by_label("Written on").fill("2007-03-14")
    form.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Finalise").click()
    check_accessibility(page, label="finalise confirmation")
    page.get_by_role("button", name="Finalise and issue").click()
    expect(page.get_by_test_id("meeting-status")).to_have_text("Finalised")

    record = march.records.get()
    filename, content = _download(page, re.compile(f"^Download {record.reference}"))
    assert filename == "record-2007-03-13-v1.pdf"
    assert content == record.read()  # byte for byte as issued
    text = " ".join(
        "\n".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages
        ).split()
    )
    assert "Record from a Meeting held on 13 March 2007" in text
    assert "Lynn Dalton #" in text
    assert "Circulate the draft business plan" in text
    screenshot(page, "meeting-finalised")


def test_practice_manager_reads_the_finalised_record_on_a_phone(page):
    february = Meeting.objects.get(held_on="2007-02-22")
    page.set_viewport_size(PHONE)
    sign_in(page, "practice")
    page.goto(february.get_absolute_url())
    expect(page.locator(".minutes-record")).to_contain_text(
        "Record from a Meeting held on 22 February 2007"
    )
    expect(page.get_by_role("link", name="Correct the record")).to_have_count(0)
    assert_no_horizontal_page_scroll(page)
    check_accessibility(page, label="finalised record on a phone")
    screenshot(page, "meeting-record-phone")
    # The draft of 13 March is not for practice managers.
    march = Meeting.objects.get(held_on="2007-03-13")
    response = page.goto(march.get_absolute_url())
    assert response.status == 404
