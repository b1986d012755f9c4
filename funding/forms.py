from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms

from core.forms import CleanTextFormMixin
from funding.models import Participation

DATE_INPUT = {"type": "date"}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class ParticipationForm(CleanTextFormMixin, forms.ModelForm):
    """Whether a practice takes part: confirmed in writing on a date, withdrawn
    on a date, or not participating. The model's clean() says which dates each
    status needs."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Participation
        fields = ["status", "confirmed_on", "withdrawn_on", "notes"]
        widgets = {
            "status": forms.RadioSelect,
            "confirmed_on": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
            "withdrawn_on": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "confirmed_on": "Confirmed in writing on",
            "withdrawn_on": "Withdrawn on",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        for name in ("confirmed_on", "withdrawn_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["withdrawn_on"].help_text = "Only for a practice that withdrew."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("version"),
            Field("status"),
            Row(
                Column("confirmed_on", css_class="col-sm-6 col-lg-4"),
                Column("withdrawn_on", css_class="col-sm-6 col-lg-4"),
            ),
            Field("notes"),
        )


class ListSizeImportForm(forms.Form):
    """A CSV file to check; after the preview, the same text sent back to import."""

    file = forms.FileField(
        required=False,
        label="CSV file",
        help_text="Columns: practice code, list size, month (e.g. Z90001, 24600, "
        "2007-04). Every row is checked first: nothing is imported if any is wrong.",
    )
    content = forms.CharField(required=False, widget=forms.HiddenInput)
    file_name = forms.CharField(required=False, widget=forms.HiddenInput)

    MAX_BYTES = 2 * 1024 * 1024

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError(
                    "The file is larger than 2 MB.", code="too_large"
                )
            raw = upload.read()
            try:
                cleaned["content"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    cleaned["content"] = raw.decode("cp1252")
                except UnicodeDecodeError:
                    raise forms.ValidationError(
                        "The file is not a text (CSV) file.", code="not_text"
                    ) from None
            if "\x00" in cleaned["content"]:
                raise forms.ValidationError(
                    "The file is not a text (CSV) file.", code="not_text"
                )
            cleaned["file_name"] = upload.name
        elif not cleaned.get("content"):
            raise forms.ValidationError("Choose a CSV file.", code="required")
        return cleaned
