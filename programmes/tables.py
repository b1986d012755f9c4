from decimal import Decimal

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.exports import MONEY
from core.formatting import PENNY, achievement, gbp, to_decimal_percent
from programmes.models import FRPTarget, Objective, Task


class DaccomTable(tables.Table):
    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}


RIGHT = "text-end"


def _cells(css_class):
    """The same class on a column's header, body and footer cells."""
    return {part: {"class": css_class} for part in ("th", "td", "tf")}


def _shown_from(breakpoint, extra=""):
    """Cell attributes hiding a column below a Bootstrap breakpoint (phones first)."""
    return _cells(f"d-none d-{breakpoint}-table-cell {extra}".strip())


def _figure(value):
    """A database ratio as a number for exports: two decimal places."""
    percent = to_decimal_percent(value)
    return None if percent is None else percent.quantize(Decimal("0.01"))


class AchievementColumn(tables.Column):
    """The assessed figure where there is one, else the one computed from the tasks."""

    def __init__(self, computed, breakpoint=None, **kwargs):
        self.computed = computed
        attrs = _shown_from(breakpoint, extra=RIGHT) if breakpoint else _cells(RIGHT)
        super().__init__(attrs=attrs, **kwargs)

    def render(self, value, record):
        if record.is_assessed:
            return format_html(
                '{}<br><small class="text-body-secondary">tasks: {}</small>',
                achievement(value),
                achievement(getattr(record, self.computed)),
            )
        return achievement(value)

    def value(self, value):
        return _figure(value)


class ObjectiveTable(DaccomTable):
    number = tables.Column("No.")
    title = tables.Column("Objective", linkify=True, footer="Total % achievement")
    effective_achieved = AchievementColumn(
        "achieved_pct",
        verbose_name="% achieved",
        footer=lambda table: achievement(table.totals.achieved),
    )
    effective_short_consortium = AchievementColumn(
        "short_consortium_pct",
        breakpoint="md",
        verbose_name="% not achieved due to consortium",
        footer=lambda table: achievement(table.totals.short_consortium),
    )
    effective_short_other = AchievementColumn(
        "short_other_pct",
        breakpoint="md",
        verbose_name="% not achieved due to PCT or other",
        footer=lambda table: achievement(table.totals.short_other),
    )
    comment = tables.Column("Comment", orderable=False, attrs=_shown_from("sm"))
    achieved_pct = tables.Column("% achieved (tasks)", visible=False)
    assessment_reason = tables.Column("Assessment reason", visible=False)

    class Meta(DaccomTable.Meta):
        empty_text = "This programme has no objectives yet."
        model = Objective
        fields = ()
        sequence = (
            "number",
            "title",
            "effective_achieved",
            "effective_short_consortium",
            "effective_short_other",
            "comment",
        )

    def __init__(self, *args, totals, consortium_name, **kwargs):
        self.totals = totals
        super().__init__(*args, **kwargs)
        self.columns[
            "effective_short_consortium"
        ].column.verbose_name = f"% not achieved due to {consortium_name}"

    def export_footer(self):
        """The totals row of exports, as numbers."""
        return {
            "effective_achieved": _figure(self.totals.achieved),
            "effective_short_consortium": _figure(self.totals.short_consortium),
            "effective_short_other": _figure(self.totals.short_other),
        }

    def render_number(self, value):
        return f"{value}."

    def value_number(self, value):
        return value

    def value_achieved_pct(self, value):
        return _figure(value)


class TaskTable(DaccomTable):
    objective = tables.Column(
        "Objective",
        linkify=lambda record: record.objective.get_absolute_url(),
        order_by=("objective__number", "order"),
        attrs=_shown_from("md"),
    )
    order = tables.Column("#", attrs={"td": {"class": "text-body-secondary"}})
    description = tables.Column("Task", linkify=True, attrs={"td": {"class": "w-50"}})
    responsibility = tables.Column(
        "Responsibility",
        accessor="responsibility",
        attrs=_shown_from("md"),
        order_by=("lead_organisation__short_name",),
    )
    status = tables.TemplateColumn(
        template_name="programmes/_status_badge.html", verbose_name="Status"
    )
    date = tables.DateColumn("j M Y", verbose_name="Date", attrs=_shown_from("lg"))
    note = tables.Column(
        "Date achieved or reason", orderable=False, attrs=_shown_from("sm")
    )
    owner = tables.Column(
        "Owner",
        accessor="owner__full_name",
        order_by=("owner__last_name",),
        attrs=_shown_from("lg"),
    )
    edit = tables.TemplateColumn(
        template_name="programmes/_task_edit_button.html",
        verbose_name="Actions",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(DaccomTable.Meta):
        empty_text = "No tasks match."
        model = Task
        fields = ()
        sequence = (
            "objective",
            "order",
            "description",
            "responsibility",
            "status",
            "date",
            "note",
            "owner",
            "edit",
        )
        template_name = "programmes/_task_table.html"
        row_attrs = {"id": lambda record: f"task-{record.pk}"}

    def __init__(self, *args, editable, inline=True, show_objective=False, **kwargs):
        """`inline`: edit in the row with htmx, else on the edit page."""
        self.inline = inline
        hidden = [] if editable else ["edit"]
        if not show_objective:
            hidden.append("objective")
        super().__init__(*args, exclude=hidden, **kwargs)

    def render_objective(self, value):
        return value.number

    def value_objective(self, value):
        return str(value)

    def value_status(self, value):
        return value  # the status's label: django-tables2 shows a choice's label


class TargetTable(DaccomTable):
    code = tables.Column("Target")
    title = tables.Column("Title", footer="Total")
    project = tables.Column("Project", accessor="project__name")
    planned_saving = tables.Column(
        "Planned saving",
        attrs=_cells(RIGHT),
        footer=lambda table: gbp(table.total),
    )

    class Meta(DaccomTable.Meta):
        model = FRPTarget
        fields = ()
        sequence = ("code", "title", "project", "planned_saving")

    export_number_formats = {"planned_saving": MONEY}

    def __init__(self, *args, total, **kwargs):
        self.total = total
        super().__init__(*args, **kwargs)

    def export_footer(self):
        # A sum over SQLite can lose the pence: "2660000", not "2660000.00".
        return {"planned_saving": self.total.quantize(PENNY)}

    def render_planned_saving(self, value):
        return gbp(value)

    def value_planned_saving(self, value):
        return value


SELECT_ALL = mark_safe(
    '<input class="form-check-input js-only" type="checkbox" data-select-all="task" '
    'aria-label="Select all tasks on this page"><span class="visually-hidden">'
    "Select</span>"
)


class TaskListTable(TaskTable):
    """The programme's task list: a tick box for each task the user may update (for
    a change to many at once), the objective on every screen, empty dates last."""

    select = tables.TemplateColumn(
        template_name="programmes/_task_select.html",
        verbose_name=SELECT_ALL,
        orderable=False,
        exclude_from_export=True,
    )
    objective = tables.Column(
        "Objective",
        linkify=lambda record: record.objective.get_absolute_url(),
        order_by=("objective__number", "order"),
    )

    class Meta(TaskTable.Meta):
        sequence = ("select", "objective", "...")

    def __init__(self, *args, selectable, **kwargs):
        super().__init__(*args, **kwargs)
        if not selectable:
            self.columns.hide("select")

    def order_date(self, queryset, is_descending):
        date = F("date").desc if is_descending else F("date").asc
        return queryset.order_by(
            date(nulls_last=True), "objective__number", "order"
        ), True
