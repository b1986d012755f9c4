from django import template

from daccom import formatting

register = template.Library()

register.filter("gbp", formatting.gbp)
register.filter("gbp_thousands", formatting.gbp_thousands)
register.filter("pence", formatting.pence)
register.filter("achievement", formatting.achievement)
register.filter("percent", formatting.percent)
