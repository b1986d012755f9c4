"""`{% plan_controls kind item … %}`: a plan item's controls (move, edit, archive,
restore, remove), the same HTML as programmes/plan/_controls.html, written in
Python. The programme page lists up to a hundred objectives, each with five links
and two forms: through the template, that was half the page's time."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.tables import pk_url

register = template.Library()

url_for = pk_url


@register.simple_tag(takes_context=True)
def plan_controls(context, kind, item, movable=False, first=False, last=False):
    token = context.get("csrf_token")
    csrf = (
        format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token
        )
        if token and token != "NOTPROVIDED"
        else ""
    )
    name = str(item)
    hidden = format_html('<span class="visually-hidden"> {}</span>', name)
    parts = ['<div class="d-flex flex-wrap gap-1 justify-content-end plan-controls">']
    if item.is_archived:
        parts.append(
            format_html(
                '<form method="post" action="{}">{}<button class="btn btn-sm '
                'btn-outline-primary" type="submit">Restore{}</button></form>',
                url_for(f"programmes:restore-{kind}", item.pk),
                csrf,
                hidden,
            )
        )
    else:
        if movable:
            move = url_for(f"programmes:move-{kind}", item.pk)
            for direction, label, disabled in (
                ("up", "Move up", first),
                ("down", "Move down", last),
            ):
                parts.append(
                    format_html(
                        '<form method="post" action="{}">{}<input type="hidden" '
                        'name="direction" value="{}"><button class="btn btn-sm '
                        'btn-outline-secondary" type="submit"{}>{}{}</button></form>',
                        move,
                        csrf,
                        direction,
                        mark_safe(" disabled") if disabled else "",
                        label,
                        hidden,
                    )
                )
        parts.append(
            format_html(
                '<a class="btn btn-sm btn-outline-primary" href="{}">Edit{}</a>'
                '<a class="btn btn-sm btn-outline-danger" href="{}">Archive{}</a>',
                url_for(f"programmes:change-{kind}", item.pk),
                hidden,
                url_for(f"programmes:archive-{kind}", item.pk),
                hidden,
            )
        )
    parts.append(
        format_html(
            '<a class="btn btn-sm btn-link text-danger" href="{}">Remove{}</a></div>',
            url_for(f"programmes:remove-{kind}", item.pk),
            hidden,
        )
    )
    return mark_safe("".join(parts))  # every piece above is escaped
