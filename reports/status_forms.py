from django import forms

from core.forms import CleanTextFormMixin
from governance.models import Organisation
from reports.models import StatusReport


class StartReportForm(forms.Form):
    consortium = forms.ModelChoiceField(queryset=Organisation.objects.none())
    month = forms.DateField(
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text="The month reported on, e.g. 2007-04.",
    )

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortium"].queryset = consortia
        self.fields["consortium"].initial = consortia.first()


class NarrativeForm(CleanTextFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = StatusReport
        fields = ["funding", "framework", "les", "projects"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
        help_texts = {
            name: "Shown under the heading, above the figures. Blank lines start "
            "new paragraphs."
            for name in fields
        }


class ArchiveFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
