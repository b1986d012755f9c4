"""The reserve as a ledger: money in from releases and credits, money out from
paid invoices, the balance always their sum."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import LogEntry
from funding import ledger
from funding.models import PaymentKind
from funding.services import credit_reserve, move_invoice, release_payment
from tests import factories

pytestmark = pytest.mark.django_db


def _kind(scheme, kind, rate="0.95"):
    return PaymentKind.objects.create(
        scheme=scheme, kind=kind, max_rate_per_patient=Decimal(rate)
    )


def test_a_released_payment_puts_its_reserve_share_in(reserve_scheme, executive):
    # The practice fixture: 9,000 patients. 9,000 × 95p = £8,550.00; 25% = £2,137.50.
    aspiration = _kind(reserve_scheme, "aspiration")
    release_payment(
        aspiration, on=datetime.date(2006, 6, 30), because="the plan", user=executive
    )
    rows = ledger.ledger(reserve_scheme)
    # On the same day as the fixture's credit of £1,000.00: releases come first.
    assert [(row.money_in, row.balance) for row in rows] == [
        (Decimal("2137.50"), Decimal("2137.50")),
        (Decimal("1000.00"), Decimal("3137.50")),
    ]
    assert ledger.figures(reserve_scheme).received == Decimal("3137.50")


def test_the_achievement_payment_comes_in_only_through_its_instalments(
    reserve_scheme, executive
):
    achievement = _kind(reserve_scheme, "achievement")
    release_payment(achievement, on=datetime.date(2007, 4, 30), because="review")
    assert ledger.figures(reserve_scheme).received == Decimal("1000.00")
    # 9,000 × 64p = £5,760.00; 25% = £1,440.00.
    credit_reserve(
        reserve_scheme,
        Decimal("1440.00"),
        on=datetime.date(2007, 4, 30),
        because="25% of the agreed instalment of 64p",
        user=executive,
    )
    assert ledger.figures(reserve_scheme).received == Decimal("2440.00")
    entry = LogEntry.objects.for_object(reserve_scheme).latest("when")
    assert entry.action == "funding.reserve.credited"


def test_paid_invoices_take_money_out_and_the_balance_is_the_sum(
    reserve_scheme, executive, reviewer
):
    paid = factories.invoice(reserve_scheme, executive, hours="4.00", rate="71.25")
    approved = factories.invoice(reserve_scheme, executive, hours="2.00", rate="50.00")
    factories.invoice(reserve_scheme, executive, hours="1.00", rate="10.00")
    move_invoice(paid, "approve", user=executive)
    move_invoice(paid, "pay", user=reviewer, paid_on=datetime.date(2007, 3, 30))
    move_invoice(approved, "approve", user=executive)
    rows = ledger.ledger(reserve_scheme)
    assert rows[-1].money_out == Decimal("285.00")  # 4 × £71.25
    assert rows[-1].balance == Decimal("715.00")
    totals = ledger.figures(reserve_scheme)
    assert totals.balance == Decimal("715.00")
    assert totals.approved == Decimal("100.00")
    assert totals.available == Decimal("615.00")
    assert totals.awaiting == Decimal("10.00")


def test_the_ledger_page_shows_the_running_balance_and_exports(
    client, reserve_scheme, executive
):
    client.force_login(executive)
    url = reverse("reserve:ledger", args=[reserve_scheme.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "£1,000.00" in page.content.decode()
    assert b"<svg" in page.content
    csv = client.get(url + "?_export=csv")
    text = b"".join(csv.streaming_content).decode()
    assert "Money in" in text.splitlines()[0]
    assert "1000.00" in text
    xlsx = client.get(url + "?_export=xlsx")
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


def test_the_chart_segments_fill_the_width_and_follow_the_money():
    chart = ledger.chart(Decimal("1000.00"), Decimal("250.00"), Decimal("125.00"))
    widths = {s["key"]: s["width"] for s in chart["segments"]}
    assert widths == {"paid": 150, "approved": 75, "available": 375}
    empty = ledger.chart(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
    assert all(s["width"] == 0 for s in empty["segments"])
