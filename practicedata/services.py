"""What changes practice data: checked whole, atomic, written to the action log."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.dates import first_of_month
from core.imports import ImportRefused, parse_month
from core.log import log_action
from governance.models import Organisation
from practicedata.models import Indicator, MonthlyReturn, ReturnImport

COLUMNS = ("practice code", "indicator", "month", "value")
MAX_VALUE = Decimal("999999999999.99")

__all__ = ["ImportRefused", "read_returns", "import_returns", "record_return"]


@dataclass
class ReturnRow:
    line: int
    practice: Organisation
    indicator: Indicator
    month: datetime.date
    value: Decimal
    budget: Decimal | None
    current: MonthlyReturn | None

    @property
    def outcome(self):
        if self.current is None:
            return "new"
        same = self.current.value == self.value and self.current.budget == self.budget
        return "unchanged" if same else "changed"


def read_returns(text, *, practices, indicators):
    """Every row of the CSV `text` checked against `practices` and `indicators`
    (those the importer may change), or ImportRefused listing every error by line.
    An optional `budget` column carries the budget for a percentage-of-budget
    indicator."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
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
    at = {name: header.index(name) for name in (*COLUMNS, "budget") if name in header}
    by_code = {p.code.upper(): p for p in practices if p.code}
    by_indicator = {i.code.lower(): i for i in indicators}
    parsed, errors, seen = [], [], {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        problems = []
        code = cells[at["practice code"]].strip().upper()
        practice = by_code.get(code)
        if not code:
            problems.append("the practice code is missing")
        elif practice is None:
            problems.append(f"no practice you may update has the code “{code}”")
        name = cells[at["indicator"]].strip().lower()
        indicator = by_indicator.get(name)
        if indicator is None:
            problems.append(f"there is no indicator “{name}”")
        month = parse_month(cells[at["month"]])
        if month is None:
            problems.append(
                f"the month “{cells[at['month']].strip()}” is not a month such as "
                "2007-04"
            )
        value = _amount(cells[at["value"]])
        if value is None:
            problems.append(
                f"the value “{cells[at['value']].strip()}” is not a number of 0 or more"
            )
        budget = None
        if indicator is not None and indicator.normalisation == "budget":
            raw = cells[at["budget"]] if "budget" in at else ""
            budget = _amount(raw)
            if not budget:
                problems.append(f"the budget “{raw.strip()}” is not a number above 0")
        if None not in (practice, indicator, month):
            key = (practice.pk, indicator.pk, month)
            if key in seen:
                problems.append(
                    f"{practice.code} {indicator.code} for {month:%B %Y} is already "
                    f"on line {seen[key]}"
                )
            seen[key] = line
        if problems:
            message = "; ".join(problems)
            errors.append((line, message[0].upper() + message[1:] + "."))
        else:
            parsed.append((line, practice, indicator, month, value, budget))
    if not parsed and not errors:
        errors.append((None, "The file has no rows to import."))
    if errors:
        raise ImportRefused(errors)
    current = {
        (r.practice_id, r.indicator_id, r.month): r
        for r in MonthlyReturn.objects.filter(
            practice__in={row[1] for row in parsed},
            indicator__in={row[2] for row in parsed},
            month__in={row[3] for row in parsed},
        )
    }
    return [
        ReturnRow(*row, current.get((row[1].pk, row[2].pk, row[3]))) for row in parsed
    ]


def _amount(text):
    text = text.strip().replace(",", "").lstrip("£")
    if not re.fullmatch(r"\d{1,12}(\.\d{1,2})?", text):
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount <= MAX_VALUE else None




@transaction.atomic
def import_returns(rows, *, programme, file_name, user=None, on=None):
    """Write checked rows (from read_returns): new returns added, changed ones
    updated, unchanged ones left; the import is recorded and logged."""
    on = on or timezone.localdate()
    who = user if user is not None and user.is_authenticated else None
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    imported = ReturnImport.objects.create(
        programme=programme, file_name=file_name[:200], imported_by=who
    )
    for row in rows:
        counts[row.outcome] += 1
        if row.outcome == "unchanged":
            continue
        record = row.current or MonthlyReturn(
            practice=row.practice, indicator=row.indicator, month=row.month
        )
        record.value, record.budget = row.value, row.budget
        record.submitted_on, record.submitted_by = on, who
        record.imported_in = imported
        record._change_reason = f"Imported from {file_name}"
        record.save()
    imported.created_count = counts["new"]
    imported.changed_count = counts["changed"]
    imported.unchanged_count = counts["unchanged"]
    imported.save(update_fields=["created_count", "changed_count", "unchanged_count"])
    log_action(
        imported,
        "practicedata.returns.imported",
        user=user,
        data={"file_name": file_name, **counts},
    )
    return imported


@transaction.atomic
def record_return(practice, indicator, month, *, value, budget=None, user, on=None):
    """A practice's return for a month entered in the form: added, or replacing
    the figure held (each change kept in its history)."""
    on = on or timezone.localdate()
    record, created = MonthlyReturn.objects.select_for_update().get_or_create(
        practice=practice,
        indicator=indicator,
        month=first_of_month(month),
        defaults={
            "value": value,
            "budget": budget,
            "submitted_on": on,
            "submitted_by": user,
        },
    )
    if not created:
        record.value, record.budget = value, budget
        record.submitted_on, record.submitted_by = on, user
        record.save(update_fields=["value", "budget", "submitted_on", "submitted_by"])
    log_action(
        record,
        "practicedata.return.entered" if created else "practicedata.return.changed",
        user=user,
        data={
            "month": record.month.isoformat(),
            "value": str(value),
            "budget": str(budget) if budget is not None else None,
        },
    )
    return record
