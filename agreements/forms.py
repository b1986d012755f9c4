from django import forms

from core.forms import CleanTextFormMixin


class PreparePlanForm(CleanTextFormMixin, forms.Form):
    scheme = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Funding scheme",
        help_text="Its aspiration payment is released when both parties have signed.",
    )
    responsibilities = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text="What each party undertakes (the consortium, the PCT, the "
        "practices), as the plan states it.",
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = programme.funding_schemes.all()
