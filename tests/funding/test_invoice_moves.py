"""Each named move of an invoice, allowed and refused, with its log and history."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import LogEntry
from funding.models import TRANSITIONS, Invoice, InvoiceStatus
from funding.services import InvoiceMoved, ReserveOverdrawn, move_invoice
from tests import factories

pytestmark = pytest.mark.django_db

S = InvoiceStatus
# (move, from, to, who)
ALLOWED = [
    ("approve", S.SUBMITTED, S.APPROVED, "executive"),
    ("request-changes", S.SUBMITTED, S.CHANGES_REQUESTED, "executive"),
    ("resubmit", S.CHANGES_REQUESTED, S.SUBMITTED, "executive"),
    ("reject", S.SUBMITTED, S.REJECTED, "executive"),
    ("reject", S.CHANGES_REQUESTED, S.REJECTED, "executive"),
    ("pay", S.APPROVED, S.PAID, "pct"),
]


def _move(invoice, name, user):
    return move_invoice(
        invoice,
        name,
        user=user,
        reason="Because" if TRANSITIONS[name].needs_reason else "",
        paid_on=datetime.date(2007, 3, 30) if name == "pay" else None,
    )


@pytest.mark.parametrize(("name", "source", "target", "who"), ALLOWED)
def test_each_move_is_made_logged_and_kept_in_history(
    reserve_scheme, users, name, source, target, who
):
    invoice = factories.invoice(reserve_scheme, users["executive"], status=source)
    moved = _move(invoice, name, users[who])
    assert moved.status == target
    assert Invoice.objects.get(pk=invoice.pk).status == target
    entry = LogEntry.objects.for_object(invoice).get()
    assert entry.action == TRANSITIONS[name].action
    assert entry.data["from"] == source and entry.data["to"] == target
    assert entry.user == users[who]
    assert invoice.history.first().status == target


REFUSED = [
    (name, status)
    for name, move in TRANSITIONS.items()
    for status in InvoiceStatus
    if status not in move.sources
]


@pytest.mark.parametrize(("name", "status"), REFUSED)
def test_a_move_from_any_other_status_is_refused(reserve_scheme, users, name, status):
    invoice = factories.invoice(
        reserve_scheme,
        users["executive"],
        status=status,
        paid_on=datetime.date(2007, 3, 1) if status == S.PAID else None,
    )
    who = "pct" if name == "pay" else "executive"
    with pytest.raises(InvoiceMoved):
        _move(invoice, name, users[who])
    assert Invoice.objects.get(pk=invoice.pk).status == status
    assert not LogEntry.objects.for_object(invoice).exists()


@pytest.mark.parametrize(
    ("name", "status", "who"),
    [
        ("approve", S.SUBMITTED, "pct"),
        ("approve", S.SUBMITTED, "practice_manager"),
        ("reject", S.SUBMITTED, "pct"),
        ("pay", S.APPROVED, "executive"),
        ("pay", S.APPROVED, "practice_manager"),
    ],
)
def test_only_the_right_role_may_move(reserve_scheme, users, name, status, who):
    invoice = factories.invoice(reserve_scheme, users["executive"], status=status)
    with pytest.raises(PermissionDenied):
        _move(invoice, name, users[who])


def test_a_reason_is_required_to_send_back_or_reject(reserve_scheme, executive):
    invoice = factories.invoice(reserve_scheme, executive)
    for name in ("request-changes", "reject"):
        with pytest.raises(ValidationError):
            move_invoice(invoice, name, user=executive, reason="  ")
    assert Invoice.objects.get(pk=invoice.pk).status == S.SUBMITTED


def test_approving_beyond_the_reserve_is_refused_with_the_figures(
    reserve_scheme, executive
):
    # £1,000.00 in; £600 approved; another £500 would overdraw it by £100.
    first = factories.invoice(reserve_scheme, executive, hours="12.00", rate="50.00")
    second = factories.invoice(reserve_scheme, executive, hours="10.00", rate="50.00")
    move_invoice(first, "approve", user=executive)
    with pytest.raises(ReserveOverdrawn) as refused:
        move_invoice(second, "approve", user=executive)
    message = refused.value.messages[0]
    assert "below zero" in message
    assert "£400.00 is left of £1,000.00 received" in message
    assert Invoice.objects.get(pk=second.pk).status == S.SUBMITTED


def test_approving_exactly_what_is_left_is_allowed(reserve_scheme, executive):
    invoice = factories.invoice(reserve_scheme, executive, hours="20.00", rate="50.00")
    assert move_invoice(invoice, "approve", user=executive).status == S.APPROVED


def test_the_detail_page_offers_only_the_allowed_moves(client, reserve_scheme, users):
    invoice = factories.invoice(reserve_scheme, users["executive"])
    client.force_login(users["executive"])
    page = client.get(invoice.get_absolute_url()).content.decode()
    for name in ("approve", "request-changes", "reject"):
        assert reverse(f"reserve:{name}-invoice", args=[invoice.pk]) in page
    for name in ("resubmit", "pay"):
        assert reverse(f"reserve:{name}-invoice", args=[invoice.pk]) not in page
    client.force_login(users["pct"])
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert 'data-testid="invoice-actions"' not in page


def test_reject_asks_for_confirmation_and_a_reason(client, reserve_scheme, executive):
    invoice = factories.invoice(reserve_scheme, executive)
    url = reverse("reserve:reject-invoice", args=[invoice.pk])
    client.force_login(executive)
    assert "Reason" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 200
    assert Invoice.objects.get(pk=invoice.pk).status == S.SUBMITTED
    response = client.post(url, {"reason": "Duplicate"})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.reason) == (S.REJECTED, "Duplicate")


def test_the_approve_button_says_why_it_was_refused(client, reserve_scheme, executive):
    invoice = factories.invoice(reserve_scheme, executive, hours="30.00", rate="50.00")
    client.force_login(executive)
    url = reverse("reserve:approve-invoice", args=[invoice.pk])
    page = client.post(url, follow=True).content.decode()
    assert "would take the reserve below zero" in page
    assert Invoice.objects.get(pk=invoice.pk).status == S.SUBMITTED


def test_the_pct_marks_an_approved_invoice_paid(client, reserve_scheme, users):
    invoice = factories.invoice(reserve_scheme, users["executive"], status=S.APPROVED)
    client.force_login(users["pct"])
    url = reverse("reserve:pay-invoice", args=[invoice.pk])
    assert client.post(url, {"paid_on": "2007-03-30"}).status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (S.PAID, datetime.date(2007, 3, 30))
    assert invoice.amount == Decimal("100.00")


def test_the_history_names_who_moved_it(reserve_scheme, executive):
    invoice = factories.invoice(reserve_scheme, executive)
    move_invoice(invoice, "approve", user=executive)
    latest = invoice.history.order_by("-history_id").first()
    assert (latest.history_user, latest.history_change_reason) == (executive, "Approve")
