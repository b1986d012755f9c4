import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from core.exports import MONEY
from core.formatting import gbp, pence
from programmes.tables import DaccomTable

RIGHT = {part: {"class": "text-end"} for part in ("th", "td", "tf")}


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, attrs=RIGHT, **kwargs)

    def render(self, value):
        return gbp(value)

    def value(self, value):
        return value


def _participation_url(record):
    return reverse("funding:participation", args=[record.practice.participation_id])


class PracticePaymentTable(DaccomTable):
    """Each participating practice's part of each payment, and in total, with a
    totals row: one money column per payment line (funding.calculations)."""

    code = tables.Column("Practice code", accessor="practice__code")
    practice = tables.Column(
        "Practice",
        accessor="practice__name",
        linkify=_participation_url,
        footer="Total",
    )
    list_size = tables.Column(
        "List size",
        attrs=RIGHT,
        footer=lambda table: f"{table.payments.population:,}",
    )
    share = tables.Column(
        "Share of patients (%)",
        attrs=RIGHT,
        footer=lambda table: "100.00" if table.payments.population else "—",
    )
    total = MoneyColumn(
        "Total to the practice",
        footer=lambda table: gbp(table.payments.payable.practices),
    )

    class Meta(DaccomTable.Meta):
        empty_text = "No practice takes part in this scheme yet."
        orderable = True

    def __init__(self, payments, **kwargs):
        self.payments = payments
        self.export_number_formats = {"total": MONEY}
        extra = []
        for line in payments.lines:
            extra.append(
                (
                    line.key,
                    MoneyColumn(
                        f"{line.label} ({pence(line.rate)})",
                        accessor=f"amounts__{line.key}",
                        footer=gbp(line.split.practices),
                    ),
                )
            )
            self.export_number_formats[line.key] = MONEY
        super().__init__(
            payments.practices,
            extra_columns=extra,
            sequence=("code", "practice", "list_size", "share", "...", "total"),
            **kwargs,
        )

    def render_list_size(self, value):
        return f"{value:,}"

    def value_list_size(self, value):
        return value

    def export_footer(self):
        return {
            "list_size": self.payments.population,
            "share": None,
            "total": self.payments.payable.practices,
            **{line.key: line.split.practices for line in self.payments.lines},
        }


class ParticipationTable(DaccomTable):
    """Every practice of the consortium and whether it takes part in the scheme:
    records are practices with `list_size` and their `participation` (or None)."""

    name = tables.Column("Practice", order_by=("name",))
    code = tables.Column("Practice code")
    list_size = tables.Column("List size", attrs=RIGHT)
    status = tables.Column(
        "Status",
        accessor="participation__get_status_display",
        order_by=("participation__status",),
        empty_values=(),
    )
    confirmed_on = tables.DateColumn(
        "j M Y", verbose_name="Confirmed on", accessor="participation__confirmed_on"
    )
    withdrawn_on = tables.DateColumn(
        "j M Y", verbose_name="Withdrawn on", accessor="participation__withdrawn_on"
    )
    actions = tables.Column(
        "Actions",
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        empty_values=(),
        attrs=RIGHT,
    )

    class Meta(DaccomTable.Meta):
        empty_text = "The consortium has no practices."
        row_attrs = {"id": lambda record: f"practice-{record.pk}"}

    def __init__(self, *args, scheme, can_write, **kwargs):
        self.scheme = scheme
        self.can_write = can_write
        super().__init__(*args, **kwargs)
        if not can_write:
            self.columns.hide("actions")

    def render_name(self, value, record):
        if record.participation is None:
            return value
        return format_html(
            '<a href="{}">{}</a>', record.participation.get_absolute_url(), value
        )

    def value_name(self, value):
        return value

    def render_status(self, value):
        return value or "Not recorded"

    def value_status(self, value):
        return value or "Not recorded"

    def render_list_size(self, value):
        return f"{value:,}"

    def value_list_size(self, value):
        return value

    def render_actions(self, record):
        hidden = format_html('<span class="visually-hidden"> {}</span>', record.name)
        if record.participation is not None:
            return format_html(
                '<a class="btn btn-sm btn-outline-primary" href="{}">Change{}</a>',
                reverse("funding:change-participation", args=[record.participation.pk]),
                hidden,
            )
        return format_html(
            '<a class="btn btn-sm btn-primary" href="{}?practice={}">Record{}</a>',
            reverse("funding:add-participation", args=[self.scheme.pk]),
            record.pk,
            hidden,
        )
