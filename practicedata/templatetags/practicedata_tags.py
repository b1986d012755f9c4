from django import template

from practicedata.evidence import task_evidence

register = template.Library()


@register.inclusion_tag("practicedata/_task_evidence.html")
def task_indicator(task, can_write=False):
    """The measured figure for a task tied to an indicator's target."""
    return {
        "indicator_evidence": task_evidence(task),
        "task": task,
        "can_write": can_write,
    }
