from django import forms
from django.utils import timezone

from core.dates import first_of_month
from funding.forms import ListSizeImportForm
from practicedata.figures import Period

PERIODS = (("month", "Month"), ("quarter", "Quarter"), ("ytd", "Year to date"))


class PeriodForm(forms.Form):
    """Which period the figures are for: a month, its quarter, or the year to date
    (from 1 April) up to that month."""

    period = forms.ChoiceField(choices=PERIODS, required=False)
    month = forms.DateField(
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def period_or(self, default_month):
        data = self.cleaned_data
        month = first_of_month(data.get("month") or default_month)
        return Period.of(data.get("period") or "ytd", month)


class ReturnImportForm(ListSizeImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "Columns: practice code, indicator, month, value, and budget for an "
            "indicator measured against budget (e.g. Z90001, top8-referrals, "
            "2007-04, 312). Every row is checked first: nothing is imported if any "
            "is wrong."
        )


class ReturnForm(forms.Form):
    """A practice manager's return for their own practice."""

    indicator = forms.ModelChoiceField(queryset=None)
    month = forms.DateField(
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text="The month the figure is for, e.g. 2007-04.",
    )
    value = forms.DecimalField(min_value=0, max_digits=14, decimal_places=2)
    budget = forms.DecimalField(
        required=False,
        min_value=0.01,
        max_digits=14,
        decimal_places=2,
        help_text="Only for an indicator measured against budget.",
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators

    def clean_month(self):
        month = first_of_month(self.cleaned_data["month"])
        if month > first_of_month(timezone.localdate()):
            raise forms.ValidationError("A return is for a month that has begun.")
        return month

    def clean(self):
        cleaned = super().clean()
        indicator = cleaned.get("indicator")
        if (
            indicator
            and indicator.normalisation == "budget"
            and not cleaned.get("budget")
        ):
            self.add_error("budget", "This indicator is measured against budget.")
        return cleaned
