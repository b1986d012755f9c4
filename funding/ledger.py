"""The reserve's ledger, its figures, and the resource hours, read from the rows
that move money (see funding.models.reserve): a fixed number of queries whatever
the number of invoices, every amount a Decimal."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from funding.calculations import funding_for, population, split, to_penny
from funding.models import (
    CREDITED_ON_RELEASE,
    AgreedInstalment,
    Invoice,
    InvoiceStatus,
    PaymentKind,
    PaymentRelease,
    ReserveCredit,
)
from programmes.models import ResourceAllocation

ZERO = Decimal("0.00")
HOUR = PENNY = Decimal("0.01")


def to_hours(value):
    return value.quantize(HOUR, rounding=ROUND_HALF_UP)


def to_money(value):
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


@dataclass
class LedgerRow:
    on: datetime.date
    description: str
    money_in: Decimal | None
    money_out: Decimal | None
    balance: Decimal = ZERO
    invoice_id: int | None = None


@dataclass
class ReserveFigures:
    received: Decimal  # money in so far
    paid: Decimal  # invoices paid
    approved: Decimal  # approved, not yet paid: promised
    awaiting: Decimal  # submitted, waiting for a decision

    @property
    def balance(self):
        """What the PCT still holds: money in less invoices paid."""
        return self.received - self.paid

    @property
    def committed(self):
        return self.paid + self.approved

    @property
    def available(self):
        """What is left to approve invoices against."""
        return self.received - self.committed


def _release_credits(scheme):
    """(date, description, amount) for each credit the scheme's own records make:
    each released kind in CREDITED_ON_RELEASE, and each agreed instalment of an
    achievement payment (its reserve share, on the day it was agreed)."""
    releases = list(
        PaymentRelease.objects.filter(
            payment_kind__scheme=scheme,
            payment_kind__kind__in=CREDITED_ON_RELEASE,
        ).select_related("payment_kind")
    )
    instalments = list(
        AgreedInstalment.objects.filter(
            payment_kind__scheme=scheme,
            payment_kind__kind=PaymentKind.Kind.ACHIEVEMENT,
        )
    )
    if not (releases or instalments):
        return []
    patients = population(scheme)
    share = f"{scheme.reserve_share.normalize():f}%"
    rows = []
    for release in releases:
        kind = release.payment_kind
        amount = funding_for(kind, patients)
        rows.append(
            (
                release.released_on,
                f"{kind.get_kind_display()}: {share} of £{amount.total:,} for "
                f"{patients:,} patients, released on {release.because}",
                amount.reserve,
            )
        )
    for instalment in instalments:
        amount = split(to_penny(instalment.rate_per_patient * patients), scheme)
        rows.append(
            (
                instalment.agreed_on,
                f"Achievement payment instalment agreed ({instalment.reason}): "
                f"{share} of £{amount.total:,} for {patients:,} patients",
                amount.reserve,
            )
        )
    return rows


def ledger(scheme):
    """Every movement of the reserve, oldest first, each with the balance after it."""
    entries = [
        (on, 0, 0, description, amount, None, None)
        for on, description, amount in _release_credits(scheme)
    ]
    for credit in ReserveCredit.objects.filter(scheme=scheme):
        entries.append(
            (
                credit.credited_on,
                1,
                credit.pk,
                credit.because,
                credit.amount,
                None,
                None,
            )
        )
    paid = Invoice.objects.filter(scheme=scheme, status=InvoiceStatus.PAID)
    for invoice in paid.for_display().order_by("paid_on", "pk"):
        entries.append(
            (
                invoice.paid_on,
                2,
                invoice.pk,
                f"{invoice} paid: {invoice.invoiced_by}, {invoice.work}, "
                f"{invoice.hours.normalize():f} hours",
                None,
                invoice.amount,
                invoice.pk,
            )
        )
    entries.sort(key=lambda entry: entry[:3])
    rows = []
    balance = ZERO
    for on, _order, _pk, description, money_in, money_out, invoice_id in entries:
        balance += (money_in or ZERO) - (money_out or ZERO)
        rows.append(
            LedgerRow(on, description, money_in, money_out, balance, invoice_id)
        )
    return rows


def figures(scheme, rows=None):
    """The reserve's totals; from the ledger's rows when they were read already."""
    if rows is None:
        rows = ledger(scheme)
    received = sum((row.money_in for row in rows if row.money_in), ZERO)
    paid = sum((row.money_out for row in rows if row.money_out), ZERO)
    pending = Invoice.objects.filter(scheme=scheme).aggregate(
        approved=Coalesce(Sum("amount", filter=Q(status=InvoiceStatus.APPROVED)), ZERO),
        awaiting=Coalesce(
            Sum("amount", filter=Q(status=InvoiceStatus.SUBMITTED)), ZERO
        ),
    )
    # A sum over SQLite can lose the pence: "2992.5", not "2992.50".
    return ReserveFigures(
        to_money(received),
        to_money(paid),
        to_money(pending["approved"]),
        to_money(pending["awaiting"]),
    )


def available(scheme):
    """Money in less invoices approved or paid (the approval guard's figure)."""
    received = (
        sum((amount for _on, _text, amount in _release_credits(scheme)), ZERO)
        + ReserveCredit.objects.filter(scheme=scheme).aggregate(
            total=Coalesce(Sum("amount"), ZERO)
        )["total"]
    )
    committed = (
        Invoice.objects.filter(scheme=scheme)
        .committed()
        .aggregate(total=Coalesce(Sum("amount"), ZERO))["total"]
    )
    received, committed = to_money(received), to_money(committed)
    return received, committed, received - committed


def planned_reserve(scheme, patients=None):
    """The reserve the scheme plans: the reserve share of the kinds that credit it
    on release, at their maximum rates (the pilot plan's £71k)."""
    if patients is None:
        patients = population(scheme)
    kinds = PaymentKind.objects.filter(scheme=scheme, kind__in=CREDITED_ON_RELEASE)
    return sum((funding_for(kind, patients).reserve for kind in kinds), ZERO)


@dataclass
class HoursRow:
    label: str
    allocated: Decimal
    used: Decimal  # approved and paid invoices
    awaiting: Decimal  # submitted invoices

    @property
    def remaining(self):
        return self.allocated - self.used


MEETINGS_LABEL = "Meetings (no project)"


def hours(scheme):
    """Hours allocated, used and remaining: one row per project of the programme's
    allocations (allocations without a project, e.g. the Executive Committee's
    meetings, together take the invoices for meetings), then any project that has
    invoices but no allocation. Returns (rows, total row)."""
    allocations = ResourceAllocation.objects.active().filter(programme=scheme.programme)
    used = {
        row["project"]: row
        for row in Invoice.objects.filter(scheme=scheme)
        .order_by()
        .values("project")
        .annotate(
            used=Coalesce(
                Sum("hours", filter=Q(status__in=("approved", "paid"))), ZERO
            ),
            awaiting=Coalesce(Sum("hours", filter=Q(status="submitted")), ZERO),
        )
    }
    by_project = {}
    labels = {}
    for allocation in allocations.select_related("project"):
        key = allocation.project_id
        by_project[key] = by_project.get(key, ZERO) + allocation.hours
        labels.setdefault(
            key, allocation.label if key is None else str(allocation.project)
        )
    rows = []
    for key, allocated in by_project.items():
        figures_ = used.pop(key, {})
        rows.append(
            HoursRow(
                labels[key],
                allocated,
                to_hours(figures_.get("used", ZERO)),
                to_hours(figures_.get("awaiting", ZERO)),
            )
        )
    if used:
        names = dict(
            scheme.programme.projects.filter(pk__in=[k for k in used if k]).values_list(
                "pk", "name"
            )
        )
        for key, figures_ in used.items():
            rows.append(
                HoursRow(
                    names.get(key, MEETINGS_LABEL),
                    ZERO,
                    to_hours(figures_["used"]),
                    to_hours(figures_["awaiting"]),
                )
            )
    total = HoursRow(
        "Total",
        sum((row.allocated for row in rows), ZERO),
        sum((row.used for row in rows), ZERO),
        sum((row.awaiting for row in rows), ZERO),
    )
    return rows, total


def as_hours(amount, rate):
    """Money as hours at `rate` (None without a rate)."""
    if not rate:
        return None
    return to_hours(amount / rate)


# The chart of the reserve used against remaining (drawn by
# templates/funding/reserve/_reserve_chart.html, on the page and in the PDF).
CHART_WIDTH = 600
CHART_SEGMENTS = (
    ("paid", "Paid", "#005eb8"),
    ("approved", "Approved, not yet paid", "#41b6e6"),
    ("available", "Remaining", "#e8edee"),
)


def chart(received, paid, approved):
    """Bar segments in whole SVG units, summing to the width when anything was
    received (the last segment takes what rounding leaves)."""
    available = received - paid - approved
    amounts = {"paid": paid, "approved": approved, "available": max(available, ZERO)}
    segments = []
    x = 0
    for index, (key, label, colour) in enumerate(CHART_SEGMENTS):
        if received <= 0:
            width = 0
        elif index == len(CHART_SEGMENTS) - 1:
            width = CHART_WIDTH - x
        else:
            share = amounts[key] / received * CHART_WIDTH
            width = min(int(share.to_integral_value(ROUND_HALF_UP)), CHART_WIDTH - x)
        segments.append(
            {
                "key": key,
                "label": label,
                "colour": colour,
                "amount": amounts[key],
                "x": x,
                "width": width,
                "legend_y": 70 + 22 * index,
                "text_y": 82 + 22 * index,
            }
        )
        x += width
    return {"width": CHART_WIDTH, "segments": segments, "received": received}


def summary(scheme, rows=None, with_plan=True):
    """The figures every reserve page heads with: money, hours and the chart;
    and, `with_plan`, the reserve the plan expected."""
    totals = figures(scheme, rows)
    planned = planned_reserve(scheme) if with_plan else None
    return {
        "figures": totals,
        "planned_reserve": planned,
        "planned_hours": as_hours(planned, scheme.hourly_rate) if with_plan else None,
        "received_hours": as_hours(totals.received, scheme.hourly_rate),
        "available_hours": as_hours(totals.available, scheme.hourly_rate),
        "chart": chart(totals.received, totals.paid, totals.approved),
    }
