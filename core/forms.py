from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.text import normalise_text


class CleanTextFormMixin:
    """Text inputs lose control characters (e.g. Word's soft line break, U+000B)
    before anything else sees them."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                multiline = isinstance(self.fields[name].widget, forms.Textarea)
                cleaned[name] = normalise_text(value, multiline=multiline)
        return cleaned


class LeanSelect(forms.Select):
    """A select that writes its options in one loop.

    Django renders each option through its own widget template: a drop-down of 122
    organisations costs 122 template renders. Same HTML as forms.Select, without
    option groups (not used with it).
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    "" if option["value"] is None else option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )
