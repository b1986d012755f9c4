"""Formatting for snapshot values, which are stored as JSON text: "0.64" for a
Decimal, "2007-04-02" for a date. Each filter reads the text back exactly and
formats it as the live pages do (core.formatting)."""

import datetime
from decimal import Decimal

from django import template
from django.utils.dateformat import format as date_format

from core import formatting

register = template.Library()


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value))


@register.filter
def snap_gbp(value):
    amount = _decimal(value)
    return "—" if amount is None else formatting.gbp(amount)


@register.filter
def snap_gbp_thousands(value):
    amount = _decimal(value)
    return "—" if amount is None else formatting.gbp_thousands(amount)


@register.filter
def snap_pence(value):
    amount = _decimal(value)
    return "—" if amount is None else formatting.pence(amount)


@register.filter
def snap_achievement(value):
    return formatting.achievement(_decimal(value))


@register.filter
def snap_percent(value):
    return formatting.percent(_decimal(value))


@register.filter
def snap_date(value, fmt="j F Y"):
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    return date_format(value, fmt)


@register.filter
def snap_count(value):
    return f"{int(value):,}"
