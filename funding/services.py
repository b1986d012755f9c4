"""What changes funding records: atomic, and written to the action log."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Sum

from core.dates import first_of_month
from core.editing import refuse_if_stale
from core.log import log_action
from funding.models import (
    AgreedInstalment,
    ListSizeImport,
    Participation,
    PaymentKind,
    PaymentRelease,
)
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


class ImportRefused(Exception):
    """The file has errors: nothing was imported. `errors` is a list of
    (line number or None, message)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s): nothing was imported.")


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
        month = _month(cells[at["month"]])
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


def _month(text):
    text = text.strip()
    for pattern in ("%Y-%m", "%Y-%m-%d", "%d/%m/%Y", "%m/%Y"):
        try:
            day = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if pattern in ("%Y-%m-%d", "%d/%m/%Y") and day.day != 1:
            return None  # a size is recorded for a month: its first day
        return first_of_month(day)
    return None


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
