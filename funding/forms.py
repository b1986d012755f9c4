from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms

from core.forms import CleanTextFormMixin
from funding.models import AgreedInstalment, Participation

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


class InstalmentForm(CleanTextFormMixin, forms.ModelForm):
    """An instalment of the achievement payment as agreed with the PCT."""

    class Meta:
        model = AgreedInstalment
        fields = ["rate_per_patient", "reason", "agreed_on", "notes"]
        widgets = {
            "agreed_on": forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"rate_per_patient": "Rate per patient (£)"}
        help_texts = {"rate_per_patient": "e.g. 0.64 for 64p a patient."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_on"].input_formats = DATE_FORMATS
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("rate_per_patient", css_class="col-sm-6 col-lg-3"),
                Column("agreed_on", css_class="col-sm-6 col-lg-3"),
            ),
            Field("reason"),
            Field("notes"),
        )

    def clean_rate_per_patient(self):
        rate = self.cleaned_data["rate_per_patient"]
        if rate is not None and rate <= 0:
            raise forms.ValidationError(
                "An instalment pays more than nothing.", code="not_positive"
            )
        return rate
