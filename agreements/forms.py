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


class VersionForm(CleanTextFormMixin, forms.Form):
    agreement_text = forms.CharField(
        label="Agreement between practice and consortium",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
    )
    practice_undertakes = forms.CharField(
        label="What the practice will do",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    consortium_undertakes = forms.CharField(
        label="What the consortium will do",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement_text"].help_text = help_text


class DocumentForm(CleanTextFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200, help_text="e.g. LES specification (approved version)."
    )
    file = forms.FileField(
        label="PDF", required=False, help_text="A PDF, or give the text below."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, max_length=50000
    )


class DeclineForm(CleanTextFormMixin, forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )
