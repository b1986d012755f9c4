import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html


class ProgressTable(tables.Table):
    practice = tables.Column("Practice")
    code = tables.Column("Code")
    list_size = tables.Column("List size", attrs={"td": {"class": "text-end"}})
    version = tables.Column("Version", default="—")
    state = tables.Column("Where it stands")
    signed_on = tables.DateColumn(
        format="j M Y", verbose_name="Practice signed", default="—"
    )
    reason = tables.Column("Reason given", default="", orderable=False)

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        sequence = (
            "practice",
            "code",
            "list_size",
            "version",
            "state",
            "signed_on",
            "reason",
        )

    def render_practice(self, value, record):
        agreement = record["agreement"]
        if agreement is None:
            return value
        url = reverse("agreements:agreement", args=[agreement.pk])
        return format_html('<a href="{}">{}</a>', url, value)

    def value_practice(self, value):
        return value

    def render_list_size(self, value):
        return f"{value:,}"

    def value_list_size(self, value):
        return value
