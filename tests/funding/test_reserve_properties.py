"""Properties of the reserve, over random amounts (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from funding import ledger
from funding.services import ReserveOverdrawn, move_invoice
from tests import factories

pennies = st.integers(min_value=1, max_value=5_000_00).map(lambda p: Decimal(p) / 100)


@given(received=pennies, paid=pennies, approved=pennies)
def test_the_chart_fills_its_width_and_never_goes_negative(received, paid, approved):
    chart = ledger.chart(received, min(paid, received), min(approved, received))
    widths = [segment["width"] for segment in chart["segments"]]
    assert all(width >= 0 for width in widths)
    assert sum(widths) == ledger.CHART_WIDTH


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(credit=pennies, hours=st.lists(st.integers(1, 40), min_size=1, max_size=8))
def test_approvals_in_any_order_never_take_the_reserve_below_zero(
    programme, executive, credit, hours
):
    scheme = factories.scheme(programme)
    factories.credit(scheme, credit)
    approved = Decimal("0.00")
    for count in hours:
        invoice = factories.invoice(scheme, executive, hours=str(count), rate="71.25")
        try:
            move_invoice(invoice, "approve", user=executive)
            approved += invoice.amount
        except ReserveOverdrawn:
            assert invoice.amount > credit - approved
    received, committed, available = ledger.available(scheme)
    assert (received, committed) == (credit, approved)
    assert available >= 0
