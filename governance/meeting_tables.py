import django_tables2 as tables
from django.utils.html import format_html

from governance.models import Action


class ActionTable(tables.Table):
    """The action log: every action agreed, with its state; overdue ones flagged."""

    meeting = tables.Column(
        "Agreed at",
        accessor="meeting__held_on",
        order_by=("meeting__held_on",),
        attrs={"td": {"class": "text-nowrap"}},
    )
    owner = tables.Column("Owner", order_by=("owner__last_name", "owner__first_name"))
    description = tables.Column("Action")
    due_on = tables.Column("Due", attrs={"td": {"class": "text-nowrap"}})
    status = tables.Column("Status")
    closed_on = tables.DateColumn(
        format="j M Y", verbose_name="Closed on", attrs={"td": {"class": "text-nowrap"}}
    )
    outcome = tables.Column("Done / reason", orderable=False)

    class Meta:
        model = Action
        fields = ()
        sequence = (
            "meeting",
            "owner",
            "description",
            "due_on",
            "status",
            "closed_on",
            "outcome",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("due_on",)

    def render_meeting(self, value, record):
        return format_html(
            '<a href="{}">{}</a>', record.get_absolute_url(), f"{value:%-d %b %Y}"
        )

    def value_meeting(self, value):
        return value

    def render_due_on(self, value, record):
        return record.due_display

    def value_due_on(self, value):
        return value

    def render_status(self, value, record):
        if record.is_overdue:
            return format_html(
                '{} <span class="badge text-bg-warning">overdue</span>', value
            )
        return value

    def value_status(self, value, record):
        return record.get_status_display()
