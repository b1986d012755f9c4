import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from core.formatting import achievement


class ReviewTable(tables.Table):
    as_at = tables.DateColumn(format="j F Y", verbose_name="As at")
    state = tables.Column("State", accessor="state", orderable=False)
    achieved = tables.Column("Total achieved", orderable=False, empty_values=())
    agreed_on = tables.Column("Agreed", orderable=False, empty_values=())
    reference = tables.Column(
        "Reference", accessor="sealed__reference", default="—", orderable=False
    )

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        sequence = ("as_at", "state", "achieved", "agreed_on", "reference")

    def render_as_at(self, value, record):
        url = reverse("review:review", args=[record.pk])
        return format_html('<a href="{}">{}</a>', url, f"{value:%-d %B %Y}")

    def value_as_at(self, value):
        return value.isoformat()

    def render_achieved(self, record):
        return achievement(record.content.get("totals", {}).get("achieved"))

    def value_achieved(self, record):
        return record.content.get("totals", {}).get("achieved")

    def render_agreed_on(self, record):
        return f"{record.agreed_on:%-d %B %Y}" if record.agreed_on else "—"

    def value_agreed_on(self, record):
        return record.agreed_on.isoformat() if record.agreed_on else ""
