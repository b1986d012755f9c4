import django_tables2 as tables

from governance.models import FrameworkTarget


class FrameworkTargetTable(tables.Table):
    area = tables.Column("Area", accessor="area__name", order_by=("area__order",))
    code = tables.Column("Target", linkify=True)
    title = tables.Column("Title")
    level = tables.Column("From level")
    status = tables.Column("Position", empty_values=(), order_by=("position__status",))
    evidence = tables.Column("Evidence", accessor="position__evidence", default="")
    plan = tables.Column("Plan", accessor="position__plan", default="")
    plan_due = tables.DateColumn(
        "j M Y", verbose_name="Plan due by", accessor="position__plan_due", default=""
    )

    class Meta:
        model = FrameworkTarget
        fields = ()
        sequence = (
            "area",
            "code",
            "title",
            "level",
            "status",
            "evidence",
            "plan",
            "plan_due",
        )
        attrs = {"class": "table table-sm table-hover align-top"}

    def render_status(self, record):
        return record.current_position.get_status_display()

    def value_status(self, record):
        return record.current_position.get_status_display()
