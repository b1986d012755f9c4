from django import template

from core import formatting

register = template.Library()

register.filter("gbp", formatting.gbp)
register.filter("gbp_thousands", formatting.gbp_thousands)
register.filter("pence", formatting.pence)
register.filter("achievement", formatting.achievement)
register.filter("percent", formatting.percent)


@register.filter
def duration_in_words(delta):
    """A timedelta as people say it: "1 hour", "30 minutes", "1 hour 30 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)
