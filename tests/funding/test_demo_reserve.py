"""The demo's reserve against the seeds, worked by hand.

The pilot plan: 150,000 patients; aspiration and reward at 95p each; 25% of each
held for invoices: 2 × 150,000 × £0.95 × 25% = £71,250 (“£71k”), which “covers
approximately 1000 hours”: £71,250 / £71.25 = 1,000.00 hours. Allocations:
200 + 400 + 250 + 100 + 50 = 1,000 hours. Released so far (invented date): the
aspiration payment, 150,000 × £0.95 × 25% = £35,625.00; and the achievement
payment's agreed instalments (status report), 25% of each: 150,000 × £0.64 ×
25% = £24,000.00 and 150,000 × £0.31 × 25% = £11,625.00.
"""

from decimal import Decimal

import pytest
from django.core.management import call_command

from funding import ledger
from funding.models import FundingScheme, Invoice, InvoiceStatus, KeyPersonContract

pytestmark = pytest.mark.django_db

DES = "DES 2006/7: Towards Practice Based Commissioning"


@pytest.fixture
def scheme(pilot):
    return FundingScheme.objects.get(name=DES)


def test_the_plans_reserve_is_1000_hours(scheme):
    planned = ledger.planned_reserve(scheme)
    assert planned == Decimal("71250.00")
    assert scheme.hourly_rate == Decimal("71.25")
    assert ledger.as_hours(planned, scheme.hourly_rate) == Decimal("1000.00")
    _rows, total = ledger.hours(scheme)
    assert total.allocated == Decimal("1000.00")


def test_the_reserve_holds_the_released_shares_less_the_paid_invoices(scheme):
    totals = ledger.figures(scheme)
    # £35,625.00 + £24,000.00 + £11,625.00
    assert totals.received == Decimal("71250.00")
    # Paid: £2,850.00 + £89.06 + £89.06 (1.25 hours × £71.25 = £89.0625).
    assert totals.paid == Decimal("3028.12")
    assert totals.balance == Decimal("68221.88")
    # Approved, not yet paid: £855.00 + £2,137.50.
    assert totals.approved == Decimal("2992.50")
    assert totals.available == Decimal("65229.38")
    # Submitted: £1,140.00 + £570.00.
    assert totals.awaiting == Decimal("1710.00")


def test_hours_used_per_project(scheme):
    rows, total = ledger.hours(scheme)
    used = {row.label: (row.allocated, row.used, row.remaining) for row in rows}
    assert used == {
        "Programme management / Executive Committee meetings": (
            Decimal("200.00"),
            Decimal("2.50"),
            Decimal("197.50"),
        ),
        "Improving Outpatient Efficiency": (
            Decimal("400.00"),
            Decimal("40.00"),
            Decimal("360.00"),
        ),
        "Reducing A&E Attendances": (
            Decimal("250.00"),
            Decimal("30.00"),
            Decimal("220.00"),
        ),
        "Frequent Fliers Management": (
            Decimal("100.00"),
            Decimal("0.00"),
            Decimal("100.00"),
        ),
        "Create Business Plan for 2007/8 and beyond": (
            Decimal("50.00"),
            Decimal("12.00"),
            Decimal("38.00"),
        ),
    }
    assert total.used == Decimal("84.50")


def test_invoices_in_every_state_and_a_contract(scheme):
    assert set(Invoice.objects.values_list("status", flat=True)) == set(InvoiceStatus)
    contract = KeyPersonContract.objects.with_hours_invoiced().get(scheme=scheme)
    assert contract.hours_invoiced == Decimal("12.00")
    assert "Invented for the demo" in contract.notes
    assert all("Invented for the demo" in i.description for i in Invoice.objects.all())


def test_loading_again_adds_nothing(scheme):
    before = (Invoice.objects.count(), KeyPersonContract.objects.count())
    call_command("loaddemo", "--with-demo-users", verbosity=0)
    assert (Invoice.objects.count(), KeyPersonContract.objects.count()) == before
    assert ledger.figures(scheme).received == Decimal("71250.00")
