from django import forms
from django.forms.models import ModelChoiceIterator
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


class LeanFieldsMixin:
    """`{{ form.lean.<name> }}`: a field as crispy-forms' `as_crispy_field` writes it
    with the bootstrap5 pack (label, widget, help text), without its dozen nested
    templates per field. A field with errors, or that is required, or with a
    widget not handled here, goes through crispy-forms itself.
    """

    @property
    def lean(self):
        return _LeanFields(self)


class _LeanFields:
    def __init__(self, form):
        self.form = form

    def __getitem__(self, name):
        return lean_field(self.form[name])


# crispy-forms' bootstrap5 classes for each widget it draws (its own class name,
# lower-cased, and Bootstrap's).
_INPUT_CLASSES = {
    forms.Select: "form-select",
    forms.TextInput: "form-control",
    forms.DateInput: "form-control",
    forms.NumberInput: "form-control",
    forms.EmailInput: "form-control",
    forms.CheckboxInput: "form-check-input",
}


def lean_field(bound_field):
    widget = bound_field.field.widget
    bootstrap_class = next(
        (css for kind, css in _INPUT_CLASSES.items() if isinstance(widget, kind)), None
    )
    if bound_field.errors or bound_field.field.required or bootstrap_class is None:
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(bound_field)
    css = f"{type(widget).__name__.lower()} {bootstrap_class}"
    if widget.attrs.get("class"):
        css = f"{widget.attrs['class']} {css}"
    if type(widget) is forms.Select:  # the same HTML, written in one loop
        lean = LeanSelect(attrs=widget.attrs, choices=widget.choices)
        lean.is_required = widget.is_required
        rendered = bound_field.as_widget(widget=lean, attrs={"class": css})
    else:
        rendered = bound_field.as_widget(attrs={"class": css})
    field_id = bound_field.auto_id
    help_text = (
        format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            field_id,
            bound_field.help_text,
        )
        if bound_field.help_text
        else ""
    )
    if isinstance(widget, forms.CheckboxInput):
        return format_html(
            '<div class="mb-3"><div id="div_{}" class="form-check">{}'
            '<label for="{}" class="form-check-label">{}</label>{}</div></div>',
            field_id,
            rendered,
            field_id,
            bound_field.label,
            help_text,
        )
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>'
        "{}{}</div>",
        field_id,
        field_id,
        bound_field.label,
        rendered,
        help_text,
    )


class FetchedModelChoiceIterator(ModelChoiceIterator):
    """Choices from one plain fetch of the queryset: Django's own iterator asks
    PostgreSQL for a server-side cursor (three round trips) for a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class FetchedModelChoiceField(forms.ModelChoiceField):
    iterator = FetchedModelChoiceIterator
