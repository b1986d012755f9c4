"""What changes funding records: atomic, and written to the action log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.log import log_action
from funding import ledger
from funding.models import (
    TRANSITIONS,
    FundingScheme,
    FundingStatement,
    Invoice,
    InvoiceStatus,
    PaymentRelease,
    ReserveCredit,
)
from funding.statements import statement_snapshot


@transaction.atomic
def release_payment(payment_kind, *, on, because, user=None):
    """Record that `payment_kind` is released; releasing it again changes nothing.

    Returns the release (the existing one when it was released before)."""
    release, created = PaymentRelease.objects.get_or_create(
        payment_kind=payment_kind, defaults={"released_on": on, "because": because}
    )
    if created:
        log_action(
            payment_kind.scheme,
            "released payment",
            user=user,
            data={
                "payment_kind": payment_kind.kind,
                "released_on": on.isoformat(),
                "because": because,
            },
        )
    return release


@transaction.atomic
def credit_reserve(scheme, amount, *, on, because, user=None):
    """Pay `amount` into the scheme's reserve (e.g. the reserve's share of an agreed
    achievement instalment). Returns the ledger's new row."""
    credit = ReserveCredit(
        scheme=scheme,
        amount=amount,
        credited_on=on,
        because=because,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )
    credit._history_user = credit.recorded_by
    credit.full_clean()
    credit.save()
    log_action(
        scheme,
        "funding.reserve.credited",
        user=user,
        data={"amount": amount, "on": on, "because": because, "credit": credit.pk},
    )
    return credit


class ReserveOverdrawn(ValidationError):
    """Approving the invoice would take the reserve below zero."""


class InvoiceMoved(ValidationError):
    """The invoice is no longer in a status that allows the move (someone else
    moved it in the meantime)."""


def _save_invoice(invoice, upload):
    if upload is not None:
        # As shown and downloaded; a very long name keeps its end (the type).
        invoice.file_name = upload.name[-200:]
        invoice.file.save(upload.name, upload, save=False)
    invoice.full_clean(exclude=["file", "submitted_by"])
    invoice.save()


def submit_invoice(scheme, *, fields, user, upload=None):
    """A new invoice, submitted for the executive's approval. The file is stored
    first; if the record then cannot be saved, it goes again."""
    invoice = Invoice(
        scheme=scheme,
        status=InvoiceStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
        **fields,
    )
    invoice._history_user = user
    try:
        with transaction.atomic():
            _save_invoice(invoice, upload)
            log_action(
                invoice,
                "funding.invoice.submitted",
                user=user,
                data={"amount": invoice.amount, "hours": invoice.hours},
            )
    except Exception:
        if upload is not None and invoice.file:
            invoice.file.storage.delete(invoice.file.name)
        raise
    return invoice


def change_invoice(invoice, *, fields, user, upload=None):
    """Correct an invoice still waiting for a decision (or sent back)."""
    if not invoice.is_editable:
        raise InvoiceMoved(
            "%(invoice)s is %(status)s: it can no longer be changed.",
            code="not_editable",
            params={"invoice": invoice, "status": invoice.get_status_display()},
        )
    old_file = invoice.file.name if upload is not None else None
    for name, value in fields.items():
        setattr(invoice, name, value)
    invoice._history_user = user
    try:
        with transaction.atomic():
            _save_invoice(invoice, upload)
            log_action(
                invoice,
                "funding.invoice.changed",
                user=user,
                data={"fields": sorted(fields), "file_replaced": upload is not None},
            )
    except Exception:
        if upload is not None and invoice.file:
            invoice.file.storage.delete(invoice.file.name)
        raise
    if old_file:
        invoice.file.storage.delete(old_file)
    return invoice


@transaction.atomic
def move_invoice(invoice, name, *, user, reason="", paid_on=None):
    """Make the named transition (funding.models.invoices.TRANSITIONS).

    1. Lock the scheme's row: every approval of the scheme's invoices waits here
       for the one before it, so two executives approving at the same moment
       cannot both spend the same money.
    2. Read the invoice again, locked: a move made meanwhile by someone else
       makes this one refused rather than repeated.
    3. Check the move is allowed now, for this user; an approval, that the
       reserve's money in covers every invoice approved or paid with this one.
    4. Save, with field history, and write the action log.
    """
    transition = TRANSITIONS[name]
    FundingScheme.objects.select_for_update().filter(
        pk=invoice.scheme_id
    ).order_by().values_list("pk").get()
    current = Invoice.objects.select_for_update().get(pk=invoice.pk)
    current.scheme = invoice.scheme
    if current.status not in transition.sources:
        raise InvoiceMoved(
            "%(invoice)s is now %(status)s: it cannot be %(move)s.",
            code="moved",
            params={
                "invoice": current,
                "status": current.get_status_display().lower(),
                "move": transition.past,
            },
        )
    if not current.may(transition, user):
        raise PermissionDenied
    if transition.needs_reason and not reason.strip():
        raise ValidationError("Give a reason.", code="reason_required")
    if transition.needs_paid_on and paid_on is None:
        raise ValidationError("Give the date it was paid.", code="paid_on_required")
    if transition.target == InvoiceStatus.APPROVED:
        received, committed, available = ledger.available(current.scheme)
        if current.amount > available:
            raise ReserveOverdrawn(
                "Approving %(invoice)s (%(amount)s) would take the reserve below "
                "zero: %(available)s is left of %(received)s received, after "
                "%(committed)s approved or paid.",
                code="reserve_overdrawn",
                params={
                    "invoice": current,
                    "amount": f"£{current.amount:,}",
                    "available": f"£{available:,}",
                    "received": f"£{received:,}",
                    "committed": f"£{committed:,}",
                },
            )
    previous = current.status
    current.status = transition.target
    if transition.needs_reason:
        current.reason = reason.strip()
    if transition.needs_paid_on:
        current.paid_on = paid_on
    if transition.actor == "executive" and name != "resubmit":
        current.decided_at = timezone.now()
        current.decided_by = user
    current._change_reason = transition.label
    current._history_user = user
    current.save()
    log_action(
        current,
        transition.action,
        user=user,
        data={
            "from": previous,
            "to": current.status,
            "amount": current.amount,
            **({"reason": current.reason} if transition.needs_reason else {}),
            **({"paid_on": paid_on} if transition.needs_paid_on else {}),
        },
    )
    return current


@transaction.atomic
def save_contract(contract, *, user):
    """Add or change a contract with a key person."""
    created = contract._state.adding
    contract._history_user = user
    contract.full_clean()
    contract.save()
    log_action(
        contract,
        "funding.contract.created" if created else "funding.contract.changed",
        user=user,
        data={
            "person": str(contract.person),
            "hours_per_year": contract.hours_per_year,
            "rate": contract.rate,
        },
    )
    return contract


def issue_statement(scheme, *, user):
    """Issue the scheme's funding statement as it stands now."""
    with transaction.atomic():
        statement = FundingStatement.issue(
            statement_snapshot(scheme), issued_by=user, scheme=scheme
        )
        log_action(
            scheme,
            "funding.statement.issued",
            user=user,
            data={"reference": statement.reference},
        )
    return statement


@transaction.atomic
def set_hourly_rate(scheme, rate, *, user):
    """The hourly rate the reserve's hours are counted at."""
    previous = scheme.hourly_rate
    scheme.hourly_rate = rate
    scheme._history_user = user
    scheme._change_reason = "Hourly rate set"
    scheme.save(update_fields=["hourly_rate"])
    log_action(
        scheme,
        "funding.scheme.hourly_rate_set",
        user=user,
        data={"from": previous, "to": rate},
    )
    return scheme
