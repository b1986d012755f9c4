from crispy_forms.helper import FormHelper
from django import forms

from core.forms import CleanTextFormMixin
from governance.models import (
    FrameworkArea,
    FrameworkLevel,
    FrameworkTarget,
    InterimFunding,
    TargetPosition,
)


class PositionForm(CleanTextFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = TargetPosition
        fields = ["status", "evidence", "plan", "plan_due"]
        widgets = {
            "status": forms.RadioSelect,
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "plan": forms.Textarea(attrs={"rows": 3}),
            "plan_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        self.fields["plan_due"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class InterimFundingForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = InterimFunding
        fields = [
            "level",
            "starts_on",
            "ends_on",
            "targets_due_by",
            "warn_days_before",
            "notes",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("starts_on", "ends_on", "targets_due_by")
        } | {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on", "targets_due_by"):
            self.fields[name].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class AreaForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = FrameworkArea
        fields = ["name", "order", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class TargetForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = FrameworkTarget
        fields = ["area", "code", "title", "description", "level"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"level": "Counts from level"}

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = FrameworkArea.objects.filter(framework=framework)
        self.helper = FormHelper()
        self.helper.form_tag = False


class LevelForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = FrameworkLevel
        fields = [
            "name",
            "description",
            "funding_per_patient",
            "funding_note",
            "targets_to_meet_per_area",
            "plans_for_remainder",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"funding_per_patient": "Funding per patient (£)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
