import django_tables2 as tables

from reports.models import StatusReport


class StatusReportTable(tables.Table):
    month = tables.DateColumn("F Y", verbose_name="Month", linkify=True)
    consortium = tables.Column("Consortium", accessor="consortium__short_name")
    state = tables.Column(
        "State", empty_values=(), order_by=("published_id",), orderable=True
    )
    reference = tables.Column("Reference", accessor="published__reference", default="—")
    issued_at = tables.DateTimeColumn(
        "j M Y", verbose_name="Published", accessor="published__issued_at", default="—"
    )

    class Meta:
        model = StatusReport
        fields = ()
        sequence = ("month", "consortium", "state", "reference", "issued_at")
        attrs = {"class": "table table-sm table-hover align-top"}
        order_by = ("-month",)

    def render_state(self, record):
        return "Published" if record.published_id else "Draft"

    def value_state(self, record):
        return self.render_state(record)
