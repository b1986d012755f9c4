"""Tables of the reserve's pages: the ledger, invoices, hours and contracts."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from core.exports import DECIMAL, MONEY
from core.formatting import gbp
from funding.models import Invoice, KeyPersonContract
from programmes.tables import DaccomTable, _cells

RIGHT = _cells("text-end text-nowrap")


def short_date(value):
    return f"{value.day} {value:%b %Y}"


class MoneyColumn(tables.Column):
    """Pounds and pence on the page, a Decimal in exports; empty stays empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", RIGHT)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return gbp(value)

    def value(self, value):
        return value


class HoursColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", RIGHT)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return f"{value:,.2f}"

    def value(self, value):
        return value


class DateColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", _cells("text-nowrap"))
        super().__init__(*args, **kwargs)

    def render(self, value):
        return short_date(value)

    def value(self, value):
        return value


class LedgerTable(DaccomTable):
    on = DateColumn("Date", orderable=False)
    description = tables.Column("Movement", orderable=False)
    money_in = MoneyColumn("Money in", orderable=False)
    money_out = MoneyColumn("Money out", orderable=False)
    balance = MoneyColumn("Balance", orderable=False)

    export_number_formats = {"money_in": MONEY, "money_out": MONEY, "balance": MONEY}

    class Meta(DaccomTable.Meta):
        empty_text = "Nothing has come into the reserve yet."

    def render_description(self, value, record):
        if record.invoice_id and record.invoice_id in self.linkable:
            url = reverse("reserve:invoice", args=[record.invoice_id])
            return format_html('<a href="{}">{}</a>', url, value)
        return value

    def __init__(self, *args, linkable=(), **kwargs):
        self.linkable = set(linkable)
        super().__init__(*args, **kwargs)


def _status_badge(invoice):
    return format_html(
        '<span class="badge invoice-status invoice-{}">{}</span>',
        invoice.status,
        invoice.get_status_display(),
    )


class InvoiceTable(DaccomTable):
    reference = tables.Column(
        "Invoice",
        accessor="pk",
        order_by=("pk",),
    )
    invoice_date = DateColumn("Dated")
    invoiced_by = tables.Column(
        "From",
        accessor="invoiced_by",
        order_by=("person__last_name", "practice__name"),
    )
    work = tables.Column(
        "For", accessor="work", order_by=("project__name", "meeting_on")
    )
    hours = HoursColumn("Hours")
    rate = MoneyColumn("Rate")
    amount = MoneyColumn("Amount")
    status = tables.Column("Status")

    export_number_formats = {"hours": DECIMAL, "rate": MONEY, "amount": MONEY}

    class Meta(DaccomTable.Meta):
        model = Invoice
        fields = ()
        sequence = (
            "reference",
            "invoice_date",
            "invoiced_by",
            "work",
            "hours",
            "rate",
            "amount",
            "status",
        )
        empty_text = "No invoices match."

    def render_reference(self, record):
        link = format_html(
            '<a class="text-nowrap" href="{}">{}</a>', record.get_absolute_url(), record
        )
        if record.number:
            return format_html(
                '{}<br><small class="text-body-secondary">{}</small>',
                link,
                record.number,
            )
        return link

    def value_reference(self, record):
        return str(record)

    def render_invoiced_by(self, value):
        return str(value)

    def value_invoiced_by(self, value):
        return str(value)

    def render_status(self, record):
        return _status_badge(record)


class HoursTable(DaccomTable):
    label = tables.Column("Project", orderable=False, footer="Total")
    allocated = HoursColumn(
        "Hours allocated",
        orderable=False,
        footer=lambda table: f"{table.total.allocated:,.2f}",
    )
    used = HoursColumn(
        "Hours used (approved or paid)",
        orderable=False,
        footer=lambda table: f"{table.total.used:,.2f}",
    )
    awaiting = HoursColumn(
        "Awaiting approval",
        orderable=False,
        footer=lambda table: f"{table.total.awaiting:,.2f}",
    )
    remaining = HoursColumn(
        "Hours remaining",
        orderable=False,
        footer=lambda table: f"{table.total.remaining:,.2f}",
    )

    export_number_formats = {
        "allocated": DECIMAL,
        "used": DECIMAL,
        "awaiting": DECIMAL,
        "remaining": DECIMAL,
    }

    class Meta(DaccomTable.Meta):
        empty_text = "The programme allocates no hours."

    def __init__(self, *args, total, **kwargs):
        self.total = total
        super().__init__(*args, **kwargs)

    def export_footer(self):
        return {
            name: getattr(self.total, name)
            for name in ("allocated", "used", "awaiting", "remaining")
        }


class ContractTable(DaccomTable):
    person = tables.Column("Key person", order_by=("person__last_name",))
    role = tables.Column("Input required")
    hours_per_year = HoursColumn("Hours a year")
    rate = MoneyColumn("Rate")
    term = tables.Column("Term", accessor="starts_on", order_by=("starts_on",))
    hours_invoiced = HoursColumn("Hours invoiced (approved or paid)")
    hours_awaiting = HoursColumn("Awaiting approval")
    change = tables.Column("", accessor="pk", orderable=False, exclude_from_export=True)

    export_number_formats = {
        "hours_per_year": DECIMAL,
        "rate": MONEY,
        "hours_invoiced": DECIMAL,
        "hours_awaiting": DECIMAL,
    }

    class Meta(DaccomTable.Meta):
        model = KeyPersonContract
        fields = ()
        sequence = (
            "person",
            "role",
            "hours_per_year",
            "rate",
            "term",
            "hours_invoiced",
            "hours_awaiting",
            "change",
        )
        empty_text = "No contracts with key personnel yet."

    def __init__(self, *args, can_write=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_write:
            self.columns.hide("change")

    def render_person(self, value):
        return str(value)

    def value_person(self, value):
        return str(value)

    def render_term(self, record):
        return f"{short_date(record.starts_on)} – {short_date(record.ends_on)}"

    def value_term(self, record):
        return f"{record.starts_on.isoformat()} – {record.ends_on.isoformat()}"

    def render_change(self, value):
        url = reverse("reserve:change-contract", args=[value])
        return format_html(
            '<a class="btn btn-sm btn-outline-secondary" href="{}">Change</a>', url
        )
