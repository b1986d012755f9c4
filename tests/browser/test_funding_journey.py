"""Funding: the executive reads what the DES pays and records a practice's
participation; a practice manager finds their own practice's payments."""

import re

from playwright.sync_api import expect

from funding.models import Participation
from tests.browser.conftest import check_accessibility, sign_in


def test_an_executive_reads_the_des_and_records_a_withdrawal(page):
    sign_in(page, "mjones")
    page.get_by_role("link", name="Funding", exact=True).click()
    page.get_by_role("link", name=re.compile(r"^DES 2006.7")).click()
    expect(page.get_by_test_id("to-practices")).to_have_text("£214k")
    expect(page.get_by_test_id("reserved")).to_have_text("£71k")
    check_accessibility(page, label="scheme overview")

    page.get_by_role("link", name="Payments to practices").click()
    expect(page.get_by_role("cell", name="£213,750.00")).to_be_visible()
    check_accessibility(page, label="payments to practices")

    page.get_by_role("link", name="Achievement payment").click()
    expect(page.get_by_test_id("computed-rate")).to_have_text("64p")
    expect(page.get_by_test_id("difference")).to_have_text("31p")
    check_accessibility(page, label="achievement payment")

    page.get_by_role("link", name="Participation", exact=True).click()
    page.get_by_role("link", name="Change Markyate Lane Surgery").click()
    page.get_by_label("Withdrawn", exact=True).check()
    page.get_by_label("Withdrawn on").fill("2007-01-15")
    check_accessibility(page, label="participation form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: Markyate Lane Surgery")).to_be_visible()
    assert (
        Participation.objects.get(
            practice__name="Markyate Lane Surgery", scheme__kind="des"
        ).status
        == "withdrawn"
    )


def test_a_practice_manager_sees_their_own_payments(page):
    sign_in(page, "practice")
    page.goto("/funding/")
    page.get_by_role("link", name=re.compile(r"Fernville Surgery in DES")).click()
    expect(page.get_by_test_id("practice-total")).to_have_text("£35,055.00")
    check_accessibility(page, label="a practice's payments")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("payment statement")).click()
    assert download.value.suggested_filename.startswith("payment-statement-Z90001")
