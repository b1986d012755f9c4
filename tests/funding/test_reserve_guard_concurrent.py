"""Twenty executives approving at the same moment cannot overdraw the reserve:
the approval locks the scheme's row, so each waits for the one before it."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from funding import ledger
from funding.models import Invoice, InvoiceStatus
from funding.services import ReserveOverdrawn, move_invoice
from governance.roles import Role
from tests import factories

APPROVERS = 20


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database for a write: only PostgreSQL runs "
    "these approvals at the same time, row locks and all.",
)
# serialized_rollback: the tables are emptied afterwards without recreating the
# content types, so a later test that restores the serialized data finds none.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_approvals_at_once_never_overdraw_the_reserve(programme, practice):
    # £1,000.00 in; twenty invoices of £100.00 (2 hours × £50.00) would need £2,000.
    scheme = factories.scheme(programme, practices=[practice])
    factories.credit(scheme, "1000.00")
    consortium = programme.consortium
    executives = [
        factories.user(Role.EXECUTIVE, factories.person(consortium))
        for _ in range(APPROVERS)
    ]
    invoices = [factories.invoice(scheme, executives[0]) for _ in range(APPROVERS)]
    start = threading.Barrier(APPROVERS)
    outcomes = []

    def approve(invoice, executive):
        try:
            start.wait()
            move_invoice(invoice, "approve", user=executive)
            outcomes.append("approved")
        except ReserveOverdrawn:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=approve, args=pair)
        for pair in zip(invoices, executives, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["approved"] * 10 + ["refused"] * 10
    assert Invoice.objects.filter(status=InvoiceStatus.APPROVED).count() == 10
    received, committed, available = ledger.available(scheme)
    assert (received, committed, available) == (
        Decimal("1000.00"),
        Decimal("1000.00"),
        Decimal("0.00"),
    )
