"""The reserve in a browser: an executive approves an invoice and issues the
funding statement, the PCT marks it paid, a practice manager sees their own."""

import re

from playwright.sync_api import expect

from funding.models import FundingScheme, Invoice
from tests.browser.conftest import (
    PHONE,
    assert_no_horizontal_page_scroll,
    check_accessibility,
    screenshot,
    sign_in,
)

DES = "DES 2006/7: Towards Practice Based Commissioning"


def test_executive_approves_and_the_pct_pays(page, context):
    scheme = FundingScheme.objects.get(name=DES)
    invoice = Invoice.objects.get(number="DC-2007-007")
    sign_in(page, "mjones")
    panel = page.get_by_test_id("invoices-waiting")
    expect(panel).to_contain_text("Invoices waiting for your approval")
    panel.get_by_role("link", name=str(invoice)).click()
    check_accessibility(page, label="invoice detail")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("approved")
    expect(page.get_by_test_id("action-log")).to_contain_text(
        "funding.invoice.approved"
    )

    page.goto(f"/funding/schemes/{scheme.pk}/reserve/")
    expect(page.get_by_test_id("reserve-balance")).to_have_text("£68,221.88")
    # Available: £65,229.38 less this invoice's £570.00.
    expect(page.get_by_test_id("reserve-available")).to_have_text("£64,659.38")
    check_accessibility(page, label="reserve")
    screenshot(page, "reserve-laptop")
    for path, name in (
        ("invoices/", "invoices"),
        ("hours/", "hours"),
        ("contracts/", "contracts"),
    ):
        page.goto(f"/funding/schemes/{scheme.pk}/{path}")
        check_accessibility(page, label=name)
        screenshot(page, f"reserve-{name}-laptop")
    page.goto(f"/funding/schemes/{scheme.pk}/statements/")
    page.get_by_role("button", name="Issue a statement as of now").click()
    expect(page.get_by_role("status")).to_contain_text("issued")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").first.click()
    assert re.match(r"FST-\d{4}-00001\.pdf", download.value.suggested_filename)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "jphipps")
    page.get_by_test_id("invoices-waiting").get_by_role(
        "link", name=str(invoice)
    ).click()
    page.get_by_role("link", name="Mark paid…").click()
    page.get_by_label("Paid on").fill("2007-04-13")
    page.get_by_role("button", name="Mark paid").click()
    expect(page.get_by_role("status")).to_contain_text("marked paid")
    invoice.refresh_from_db()
    assert invoice.status == "paid"


def test_practice_manager_sees_only_their_practices_invoices(page, context):
    scheme = FundingScheme.objects.get(name=DES)
    sign_in(page, "practice")
    page.set_viewport_size(PHONE)
    page.goto(f"/funding/schemes/{scheme.pk}/invoices/")
    expect(page.get_by_text("1 invoice", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Fernville Surgery")).to_be_visible()
    assert_no_horizontal_page_scroll(page)
    check_accessibility(page, label="practice's invoices")
    other = Invoice.objects.get(number="DC-2007-002")
    response = page.goto(other.get_absolute_url())
    assert response.status == 404
