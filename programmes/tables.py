from decimal import Decimal
from urllib.parse import quote

import django_tables2 as tables
from django.db.models import F
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core.exports import MONEY
from core.formatting import PENNY, achievement, gbp, to_decimal_percent
from core.tables import LeanRowsMixin, pk_url
from programmes.models import FRPTarget, Objective, Task


class DaccomTable(LeanRowsMixin, tables.Table):
    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "programmes/_lean_table.html"


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


class FigureColumn(tables.Column):
    """A figure computed from the tasks; beside it, where the review assessed the
    objective, the review's own figure (never mixed into the live figures)."""

    def __init__(self, assessed, breakpoint=None, **kwargs):
        self.assessed = assessed
        attrs = _shown_from(breakpoint, extra=RIGHT) if breakpoint else _cells(RIGHT)
        super().__init__(attrs=attrs, **kwargs)

    def render(self, value, record):
        if record.is_assessed:
            return format_html(
                '{}<br><small class="text-body-secondary">as assessed in the {} '
                "review: {}</small>",
                achievement(value),
                record.programme.year_label,
                achievement(getattr(record, self.assessed)),
            )
        return achievement(value)

    def value(self, value):
        return _figure(value)


class ObjectiveTable(DaccomTable):
    number = tables.Column("No.")
    title = tables.Column("Objective", linkify=True, footer="Total % achievement")
    achieved_pct = FigureColumn(
        "assessed_achieved",
        verbose_name="% achieved",
        footer=lambda table: achievement(table.totals.achieved),
    )
    short_consortium_pct = FigureColumn(
        "assessed_short_consortium",
        breakpoint="md",
        verbose_name="% not achieved due to consortium",
        footer=lambda table: achievement(table.totals.short_consortium),
    )
    short_other_pct = FigureColumn(
        "assessed_short_other",
        breakpoint="md",
        verbose_name="% not achieved due to PCT or other",
        footer=lambda table: achievement(table.totals.short_other),
    )
    comment = tables.Column("Comment", orderable=False, attrs=_shown_from("sm"))
    assessed_achieved = tables.Column("% achieved (as assessed)", visible=False)
    assessment_reason = tables.Column("Assessment reason", visible=False)

    class Meta(DaccomTable.Meta):
        empty_text = "This programme has no objectives yet."
        model = Objective
        fields = ()
        sequence = (
            "number",
            "title",
            "achieved_pct",
            "short_consortium_pct",
            "short_other_pct",
            "comment",
        )

    def __init__(self, *args, totals, consortium_name, **kwargs):
        self.totals = totals
        super().__init__(*args, **kwargs)
        self.columns[
            "short_consortium_pct"
        ].column.verbose_name = f"% not achieved due to {consortium_name}"

    def export_footer(self):
        """The totals row of exports, as numbers."""
        return {
            "achieved_pct": _figure(self.totals.achieved),
            "short_consortium_pct": _figure(self.totals.short_consortium),
            "short_other_pct": _figure(self.totals.short_other),
        }

    def render_number(self, value):
        return f"{value}."

    def value_number(self, value):
        return value

    def value_assessed_achieved(self, value):
        return _figure(value)


def status_badge(task):
    """The status badge, and an "Overdue" badge beside it where the date has passed."""
    badge = format_html(
        '<span class="badge status-badge status-{}">{}</span>',
        task.status,
        task.get_status_display(),
    )
    if task.is_overdue:
        badge += mark_safe(' <span class="badge overdue-badge">Overdue</span>')
    return badge


def short_date(value):
    """“3 Apr 2007”, as the date filter "j M Y" writes it, without a template."""
    return f"{value.day} {value:%b %Y}"


class TaskTable(DaccomTable):
    """The hot table (25 rows a page): every cell is a render method, no template
    per cell."""

    objective = tables.Column(
        "Objective",
        linkify=lambda record: pk_url("programmes:objective", record.objective_id),
        order_by=("objective__number", "order"),
        attrs=_shown_from("md"),
    )
    order = tables.Column("#", attrs={"td": {"class": "text-body-secondary"}})
    description = tables.Column(
        "Task",
        linkify=lambda record: pk_url("programmes:task", record.pk),
        attrs={"td": {"class": "w-50"}},
    )
    responsibility = tables.Column(
        "Responsibility",
        accessor="responsibility",
        attrs=_shown_from("md"),
        order_by=("lead_organisation__short_name",),
    )
    status = tables.Column("Status")
    date = tables.Column("Date", attrs=_shown_from("lg"))
    note = tables.Column(
        "Date achieved or reason",
        orderable=False,
        attrs=_shown_from("sm"),
        empty_values=(None,),
    )
    owner = tables.Column(
        "Owner",
        accessor="owner__full_name",
        order_by=("owner__last_name",),
        attrs=_shown_from("lg"),
    )
    edit = tables.Column(
        "Actions",
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        empty_values=(),
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
        row_attrs = {"id": lambda record: f"task-{record.pk}"}

    def __init__(self, *args, editable, inline=True, show_objective=False, **kwargs):
        """`inline`: edit in the row with htmx, else on the edit page."""
        self.inline = inline
        self.focus_edit = False
        self.return_url = None
        hidden = [] if editable else ["edit"]
        if not show_objective:
            hidden.append("objective")
        super().__init__(*args, exclude=hidden, **kwargs)

    def render_objective(self, value):
        return value.number

    def value_objective(self, value):
        return str(value)

    def render_status(self, record):
        return status_badge(record)

    def value_status(self, value):
        return value  # the status's label: django-tables2 shows a choice's label

    def render_note(self, value, record):
        if not record.shortfall_due_to:
            return value or "—"
        return format_html(
            '{}<br><small class="text-body-secondary">Shortfall due to {}</small>',
            value,
            record.get_shortfall_due_to_display(),
        )

    def value_note(self, value):
        return value

    def render_date(self, value):
        return short_date(value)

    def value_date(self, value):
        return value

    def render_edit(self, record):
        url = pk_url("programmes:edit-task", record.pk)
        back = self.return_url or self.request.get_full_path()
        htmx = (
            format_html(' hx-get="{}" hx-target="closest tr" hx-swap="outerHTML"', url)
            if self.inline
            else ""
        )
        # `can_update` is annotated where some tasks may not be updated (a PCT
        # member's list); the "Saved" badge confirms an inline save.
        button = (
            format_html(
                '<a class="btn btn-sm btn-outline-primary" href="{}?next={}"{}{} '
                'aria-label="Edit task {}: {}">Edit</a>',
                url,
                quote(back, safe="/"),
                htmx,
                mark_safe(" autofocus") if self.focus_edit else "",
                record.order,
                Truncator(record.description).chars(40),
            )
            if getattr(record, "can_update", None) is not False
            else ""
        )
        if getattr(self, "saved", False):
            button += mark_safe(
                ' <span class="badge text-bg-success saved-badge" role="status">'
                "Saved</span>"
            )
        return button


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

    select = tables.Column(
        SELECT_ALL,
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        empty_values=(),
    )
    objective = tables.Column(
        "Objective",
        linkify=lambda record: pk_url("programmes:objective", record.objective_id),
        order_by=("objective__number", "order"),
    )

    class Meta(TaskTable.Meta):
        sequence = ("select", "objective", "...")

    def __init__(self, *args, selectable, **kwargs):
        super().__init__(*args, **kwargs)
        if not selectable:
            self.columns.hide("select")

    def render_select(self, record):
        """A tick box for each task the user may update (`can_update`)."""
        if not getattr(record, "can_update", False):
            return ""
        return format_html(
            '<input class="form-check-input" type="checkbox" name="task" '
            'value="{}:{}" form="bulk-change" data-select="task" '
            'aria-label="Select task {}.{}: {}">',
            record.pk,
            record.version,
            record.objective.number,
            record.order,
            Truncator(record.description).chars(40),
        )

    def order_date(self, queryset, is_descending):
        date = F("date").desc if is_descending else F("date").asc
        return queryset.order_by(
            date(nulls_last=True), "objective__number", "order"
        ), True
