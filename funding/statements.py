"""The funding statement's snapshot (taken when it is issued) and the PDF's
context (built from the snapshot alone, so it renders the same bytes forever)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from funding import ledger
from funding.models import Invoice

MONEY_FIELDS = ("money_in", "money_out", "balance", "rate", "amount")
HOUR_FIELDS = ("hours", "allocated", "used", "awaiting", "remaining")
FIGURES = ("received", "paid", "approved", "awaiting", "balance", "available")


def statement_snapshot(scheme):
    """The facts the statement shows, as they stand now."""
    rows = ledger.ledger(scheme)
    totals = ledger.figures(scheme, rows)
    hour_rows, hour_total = ledger.hours(scheme)
    invoices = (
        Invoice.objects.filter(scheme=scheme)
        .for_display()
        .order_by("invoice_date", "pk")
    )
    planned = ledger.planned_reserve(scheme)
    return {
        "consortium": scheme.programme.consortium.name,
        "scheme": scheme.name,
        "programme": scheme.programme.name,
        "as_on": timezone.localdate(),
        "hourly_rate": scheme.hourly_rate,
        "planned_reserve": planned,
        "planned_hours": ledger.as_hours(planned, scheme.hourly_rate),
        "figures": {name: getattr(totals, name) for name in FIGURES},
        "ledger": [
            {
                "on": row.on,
                "description": row.description,
                "money_in": row.money_in,
                "money_out": row.money_out,
                "balance": row.balance,
            }
            for row in rows
        ],
        "invoices": [
            {
                "reference": str(invoice),
                "number": invoice.number,
                "date": invoice.invoice_date,
                "from": str(invoice.invoiced_by),
                "work": invoice.work,
                "hours": invoice.hours,
                "rate": invoice.rate,
                "amount": invoice.amount,
                "status": invoice.get_status_display(),
            }
            for invoice in invoices
        ],
        "hours": [_hours(row) for row in hour_rows],
        "hours_total": _hours(hour_total),
    }


def _hours(row):
    return {
        "label": row.label,
        "allocated": row.allocated,
        "used": row.used,
        "awaiting": row.awaiting,
        "remaining": row.remaining,
    }


def _typed(row):
    """A snapshot row with its money and hours as Decimals and dates as dates."""
    typed = dict(row)
    for name, value in row.items():
        if value is None:
            continue
        if name in MONEY_FIELDS or name in HOUR_FIELDS:
            typed[name] = Decimal(value)
        elif name in ("on", "date"):
            typed[name] = datetime.date.fromisoformat(value)
    return typed


def _decimal(value):
    return None if value is None else Decimal(value)


def statement_context(snapshot, reference):
    """The PDF's context from a stored snapshot (JSON: Decimals and dates as text)."""
    figures = {name: Decimal(value) for name, value in snapshot["figures"].items()}
    return {
        "organisation": snapshot["consortium"],
        "document_date": datetime.date.fromisoformat(snapshot["as_on"]),
        "document_date_label": "As on",
        "reference": reference,
        "scheme_name": snapshot["scheme"],
        "programme_name": snapshot["programme"],
        "hourly_rate": _decimal(snapshot["hourly_rate"]),
        "planned_reserve": _decimal(snapshot["planned_reserve"]),
        "planned_hours": _decimal(snapshot["planned_hours"]),
        "figures": figures,
        "ledger_rows": [_typed(row) for row in snapshot["ledger"]],
        "invoices": [_typed(row) for row in snapshot["invoices"]],
        "hour_rows": [_typed(row) for row in snapshot["hours"]],
        "hours_total": _typed(snapshot["hours_total"]),
        "chart": ledger.chart(
            figures["received"], figures["paid"], figures["approved"]
        ),
    }
