from django import forms

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
