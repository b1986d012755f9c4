"""`{% my_task_rows tasks %}`: the dashboard's rows of open tasks, written in one
loop (the template wrote up to 50 rows, each with an include for its badge)."""

from django import template
from django.utils.html import format_html_join
from django.utils.text import Truncator

from core.tables import pk_url
from programmes.tables import short_date, status_badge

register = template.Library()

@register.simple_tag
def my_task_rows(tasks):
    return format_html_join(
        "",
        '<tr><td><a href="{}#task-{}">{}</a></td>'
        '<td class="d-none d-md-table-cell">{}. {}</td>'
        "<td>{}</td>"
        '<td class="text-nowrap">{}</td></tr>',
        (
            (
                pk_url("programmes:objective", task.objective_id),
                task.pk,
                Truncator(task.description).chars(90),
                task.objective.number,
                Truncator(task.objective.title).chars(40),
                status_badge(task),  # with its "Overdue" badge
                short_date(task.date) if task.date else "—",
            )
            for task in tasks
        ),
    )
