from decimal import Decimal

from django import forms

from core.forms import CleanTextFormMixin
from funding.models import FundingScheme

PERCENT = {"max_digits": 7, "decimal_places": 4, "min_value": 0, "max_value": 100}


class DraftReviewForm(CleanTextFormMixin, forms.Form):
    as_at = forms.DateField(
        label="As at",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The date the review reports as at, e.g. the programme's last day.",
    )
    scheme = forms.ModelChoiceField(
        FundingScheme.objects.none(),
        required=False,
        help_text="The scheme whose achievement payment the review sets.",
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = FundingScheme.objects.filter(
            programme=programme
        )
        self.fields["as_at"].initial = programme.ends_on


class OverrideForm(CleanTextFormMixin, forms.Form):
    objective_number = forms.TypedChoiceField(label="Objective", coerce=int)
    achieved = forms.DecimalField(label="% achieved", **PERCENT)
    short_consortium = forms.DecimalField(
        label="% not achieved due to the consortium", **PERCENT
    )
    short_other = forms.DecimalField(
        label="% not achieved due to the PCT or other", **PERCENT
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the reviewers set these figures; the review shows it.",
    )

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective_number"].choices = [
            (row["number"], f"{row['number']}. {row['title']}") for row in objectives
        ]

    def clean(self):
        data = super().clean()
        parts = [data.get(p) for p in ("achieved", "short_consortium", "short_other")]
        if None not in parts and sum(parts) != Decimal(100):
            raise forms.ValidationError(
                f"The three figures add up to {sum(parts):g}%, not 100%."
            )
        return data


class InstalmentsForm(CleanTextFormMixin, forms.Form):
    first_rate = forms.DecimalField(
        label="First instalment, £ per patient",
        max_digits=7,
        decimal_places=4,
        min_value=0,
    )
    first_reason = forms.CharField(label="What it is for", max_length=300)
    second_rate = forms.DecimalField(
        label="Second instalment, £ per patient (optional)",
        max_digits=7,
        decimal_places=4,
        min_value=0,
        required=False,
    )
    second_reason = forms.CharField(
        label="What it is for", max_length=300, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("second_rate") and not data.get("second_reason"):
            self.add_error("second_reason", "Say what the second instalment is for.")
        return data

    def instalments(self):
        data = self.cleaned_data
        rows = [
            {"rate_per_patient": data["first_rate"], "reason": data["first_reason"]}
        ]
        if data.get("second_rate"):
            rows.append(
                {
                    "rate_per_patient": data["second_rate"],
                    "reason": data["second_reason"],
                }
            )
        return rows
