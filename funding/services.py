"""What changes funding records: atomic, and written to the action log."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from core.editing import refuse_if_stale
from core.imports import ImportRefused, parse_month
from core.log import log_action
from funding import ledger
from funding.models import (
    TRANSITIONS,
    AgreedInstalment,
    FundingScheme,
    FundingStatement,
    Invoice,
    InvoiceStatus,
    ListSizeImport,
    Participation,
    PaymentKind,
    PaymentRelease,
    ReserveCredit,
)
from funding.statements import statement_snapshot
from governance.models import Organisation, PracticeListSize


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
def record_participation(scheme, practice, *, changes, user, expected_version=None):
    """Record whether `practice` takes part in `scheme` (status, confirmed_on,
    withdrawn_on, notes in `changes`), creating the record the first time.

    An edit loaded before someone else's save is refused (EditConflict); an
    invalid combination (confirmed without a date) raises ValidationError."""
    participation = (
        Participation.objects.select_for_update()
        .filter(scheme=scheme, practice=practice)
        .first()
    )
    adding = participation is None
    if adding:
        participation = Participation(scheme=scheme, practice=practice)
    elif expected_version is not None:
        refuse_if_stale(participation, expected_version)
    for name, value in changes.items():
        setattr(participation, name, value)
    if participation.status != Participation.Status.WITHDRAWN:
        participation.withdrawn_on = None
    participation.full_clean()
    participation.save()
    log_action(
        participation,
        "funding.participation.recorded" if adding else "funding.participation.changed",
        user=user,
        data={
            "status": participation.status,
            "confirmed_on": _iso(participation.confirmed_on),
            "withdrawn_on": _iso(participation.withdrawn_on),
        },
    )
    return participation


class FundingError(Exception):
    """A funding change refused, with the message for the user."""


@transaction.atomic
def agree_instalment(payment_kind, *, rate_per_patient, reason, agreed_on, notes, user):
    """Record an instalment of an achievement payment agreed with the PCT.

    The instalments together may not exceed the payment kind's maximum rate."""
    kind = PaymentKind.objects.select_for_update().get(pk=payment_kind.pk)
    if kind.kind != PaymentKind.Kind.ACHIEVEMENT:
        raise FundingError("Only an achievement payment is agreed in instalments.")
    agreed = kind.instalments.aggregate(total=Sum("rate_per_patient"))["total"]
    agreed = agreed or Decimal("0")
    if agreed + rate_per_patient > kind.max_rate_per_patient:
        raise FundingError(
            f"The instalments would come to {agreed + rate_per_patient:.2f} a "
            f"patient, over the maximum of {kind.max_rate_per_patient:.2f}."
        )
    last = kind.instalments.aggregate(last=Max("order"))["last"] or 0
    instalment = AgreedInstalment(
        payment_kind=kind,
        order=last + 1,
        rate_per_patient=rate_per_patient,
        reason=reason,
        agreed_on=agreed_on,
        notes=notes,
    )
    instalment.full_clean()
    instalment.save()
    log_action(
        kind.scheme,
        "funding.instalment.agreed",
        user=user,
        data={
            "rate_per_patient": str(rate_per_patient),
            "reason": reason,
            "agreed_on": agreed_on.isoformat(),
        },
    )
    return instalment


def _iso(day):
    return day.isoformat() if day else None


# List sizes from CSV -------------------------------------------------------

COLUMNS = ("practice code", "list size", "month")
MAX_LIST_SIZE = 200_000



@dataclass
class ListSizeRow:
    line: int
    practice: Organisation
    month: datetime.date
    size: int
    current: int | None  # the size recorded for that month now, if any

    @property
    def outcome(self):
        if self.current is None:
            return "new"
        return "unchanged" if self.current == self.size else "changed"


def read_list_sizes(text, practices):
    """Every row of the CSV `text`, checked against `practices` (those the
    importer may change), or ImportRefused listing every error by line."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportRefused(
            [
                (
                    1,
                    f"The first line must name the columns: {', '.join(COLUMNS)}; "
                    f"missing: {', '.join(missing)}.",
                )
            ]
        )
    at = {name: header.index(name) for name in COLUMNS}
    by_code = {p.code.upper(): p for p in practices if p.code}
    parsed, errors, seen = [], [], {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        code = cells[at["practice code"]].strip().upper()
        practice = by_code.get(code)
        row_errors = []
        if not code:
            row_errors.append("the practice code is missing")
        elif practice is None:
            row_errors.append(f"no practice you may update has the code “{code}”")
        size = _whole_number(cells[at["list size"]])
        if size is None:
            row_errors.append(
                f"the list size “{cells[at['list size']].strip()}” is not a whole "
                f"number from 0 to {MAX_LIST_SIZE:,}"
            )
        month = parse_month(cells[at["month"]])
        if month is None:
            row_errors.append(
                f"the month “{cells[at['month']].strip()}” is not a month such as "
                "2007-04"
            )
        if practice is not None and month is not None:
            earlier = seen.get((practice.pk, month))
            if earlier:
                row_errors.append(
                    f"{practice.code} for {month:%B %Y} is already on line {earlier}"
                )
            seen[(practice.pk, month)] = line
        if row_errors:
            message = "; ".join(row_errors)
            errors.append((line, message[0].upper() + message[1:] + "."))
        else:
            parsed.append((line, practice, month, size))
    if not parsed and not errors:
        errors.append((None, "The file has no rows to import."))
    if errors:
        raise ImportRefused(errors)
    current = {
        (row.practice_id, row.month): row.size
        for row in PracticeListSize.objects.filter(
            practice__in={practice for _, practice, _, _ in parsed},
            month__in={month for _, _, month, _ in parsed},
        )
    }
    return [
        ListSizeRow(line, practice, month, size, current.get((practice.pk, month)))
        for line, practice, month, size in parsed
    ]


def _whole_number(text):
    text = text.strip().replace(",", "")
    if not re.fullmatch(r"\d{1,7}", text):
        return None
    number = int(text)
    return number if number <= MAX_LIST_SIZE else None




@transaction.atomic
def import_list_sizes(rows, *, file_name, user=None):
    """Write checked rows (from read_list_sizes): new sizes added, changed ones
    updated (each with its field history), unchanged ones left; the import is
    recorded and written to the action log. Returns the ListSizeImport."""
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row in rows:
        counts[row.outcome] += 1
        if row.outcome == "unchanged":
            continue
        record, _ = PracticeListSize.objects.get_or_create(
            practice=row.practice, month=row.month, defaults={"size": row.size}
        )
        if record.size != row.size:
            record.size = row.size
            record._change_reason = f"Imported from {file_name}"
            record.save(update_fields=["size"])
    imported = ListSizeImport.objects.create(
        file_name=file_name[:200],
        imported_by=user if user is not None and user.is_authenticated else None,
        created_count=counts["new"],
        changed_count=counts["changed"],
        unchanged_count=counts["unchanged"],
    )
    log_action(
        imported,
        "funding.list_sizes.imported",
        user=user,
        data={"file_name": file_name, **counts},
    )
    return imported


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
