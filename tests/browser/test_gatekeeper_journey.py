"""Journey: the executive checks the framework level and moves the Tring request
through the gatekeeper; the PCT lead records the Governance Committee's decision
on a business case; a practice manager reads the business plan."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import (
    PHONE,
    assert_no_horizontal_page_scroll,
    check_accessibility,
    screenshot,
    sign_in,
)


def test_executive_sees_the_level_and_delegates_the_tring_request(page):
    sign_in(page, "mjones")
    expect(page.get_by_test_id("interim-funding-panel")).to_contain_text(
        "funded at Level 3 from 1 April 2007 to 30 June 2007"
    )
    page.get_by_role("link", name="Framework", exact=True).click()
    page.get_by_role("link", name="PbC Governance Framework (2007/8)").click()
    expect(page.get_by_test_id("qualified-level")).to_contain_text("Level 3")
    check_accessibility(page, label="framework")
    screenshot(page, "framework-laptop")
    page.set_viewport_size(PHONE)
    assert_no_horizontal_page_scroll(page)
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("link", name="Business plan", exact=True).click()
    page.get_by_role("link", name="Proposals for new work").click()
    check_accessibility(page, label="proposals")
    page.get_by_role(
        "link", name=re.compile("request for action from the Tring")
    ).click()
    expect(page.get_by_test_id("decision")).to_contain_text("minute 5")
    check_accessibility(page, label="proposal")
    page.get_by_role("link", name="Delegate for study").click()
    page.get_by_label("Date").fill("2007-03-13")
    page.get_by_label("Executive member who studies it").select_option(
        label="Mark Jones"
    )
    check_accessibility(page, label="delegate form")
    page.get_by_role("button", name="Delegate for study").click()
    expect(page.get_by_test_id("stage")).to_have_text("Being studied")
    expect(page.get_by_test_id("steps")).to_contain_text("Being studied · 13 Mar 2007")
    screenshot(page, "proposal-laptop")


def test_pct_lead_records_the_governance_committees_decision(page):
    sign_in(page, "jphipps")
    page.get_by_role("link", name="Business plan", exact=True).click()
    page.get_by_role("link", name="Proposals for new work").click()
    page.get_by_role("link", name="Diabetes: a community diabetes service").click()
    expect(page.get_by_role("link", name="Delegate for study")).to_have_count(0)
    page.get_by_role("link", name="Record the Governance Committee's decision").click()
    page.get_by_label("Approved", exact=True).check()
    page.get_by_label("Date of the Governance Committee's decision").fill("2007-06-01")
    page.get_by_role(
        "button", name="Record the Governance Committee's decision"
    ).click()
    expect(page.get_by_test_id("stage")).to_have_text("Business case approved")


def test_practice_manager_reads_the_business_plan(page):
    sign_in(page, "practice")
    page.get_by_role("link", name="Business plan", exact=True).click()
    expect(page.get_by_role("link", name="Prescribing")).to_be_visible()
    expect(page.get_by_role("link", name="Add a service area")).to_have_count(0)
    page.get_by_role("link", name="Prescribing").click()
    expect(page.get_by_test_id("roles")).to_contain_text(
        "Administrative help to support medication switches"
    )
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    check_accessibility(page, label="service area")
