from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone

from commissioning.models import (
    DECISION_LABELS,
    DECISIONS,
    GatekeeperCriterion,
    Proposal,
    ServiceArea,
    ServiceRole,
    Stage,
)
from core.forms import CleanTextFormMixin, LeanSelect
from governance.models import Organisation, Person

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _people():
    return Person.objects.select_related("organisation").order_by(
        "last_name", "first_name"
    )


class ConsortiumFormMixin:
    """A new record's consortium: one of those the user is an executive member of."""

    def limit_consortium(self, consortia):
        field = self.fields["consortium"]
        field.queryset = Organisation.objects.filter(pk__in=consortia)
        if len(consortia) == 1:
            field.initial = next(iter(consortia))
            field.widget = forms.HiddenInput()


class ServiceAreaForm(ConsortiumFormMixin, CleanTextFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = ServiceArea
        fields = [
            "consortium",
            "name",
            "order",
            "level_of_input",
            "clinical_lead",
            "management_lead",
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "clinical_lead": LeanSelect,
            "management_lead": LeanSelect,
        }
        labels = {"level_of_input": "The consortium's level of input"}

    def __init__(self, *args, consortia=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consortia is None:
            del self.fields["consortium"]
        else:
            self.limit_consortium(consortia)
        if not self.is_bound and self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        self.fields["level_of_input"].choices = [
            ("", "Not yet defined"),
            *self.fields["level_of_input"].choices[1:],
        ]
        for name in ("clinical_lead", "management_lead"):
            self.fields[name].queryset = _people()
        self.helper = _helper()


class ServiceRoleForm(CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = ServiceRole
        fields = ["party", "description", "order"]
        labels = {"description": "Role"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CriterionForm(ConsortiumFormMixin, CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = GatekeeperCriterion
        fields = ["consortium", "text", "order"]
        labels = {"text": "Criterion"}

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_consortium(consortia)
        self.helper = _helper()


class ProposalForm(ConsortiumFormMixin, CleanTextFormMixin, forms.ModelForm):
    class Meta:
        model = Proposal
        fields = [
            "consortium",
            "title",
            "raised_by",
            "raised_by_organisation",
            "received_by",
            "received_on",
            "service_area",
            "request",
        ]
        widgets = {
            "received_on": DATE_WIDGET,
            "request": forms.Textarea(attrs={"rows": 4}),
            "raised_by_organisation": LeanSelect,
            "received_by": LeanSelect,
        }

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_consortium(consortia)
        self.fields["received_on"].input_formats = DATE_FORMATS
        self.fields["received_by"].queryset = _people()
        self.fields["service_area"].queryset = ServiceArea.objects.filter(
            consortium__in=consortia
        )
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        area, consortium = cleaned.get("service_area"), cleaned.get("consortium")
        if area and consortium and area.consortium_id != consortium.pk:
            self.add_error(
                "service_area", "Choose a service area of the consortium's plan."
            )
        return cleaned


# The moves (commissioning.models.MOVES): one small form each, giving the date
# of the step and the facts `advance` records.


class MoveForm(CleanTextFormMixin, forms.Form):
    on = forms.DateField(label="Date", widget=DATE_WIDGET, input_formats=DATE_FORMATS)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["on"].initial = timezone.localdate()
        self.helper = _helper()

    def to(self):
        return None

    def details(self):
        return {}


class ScreenForm(MoveForm):
    """One yes/no and a note per active criterion of the consortium."""

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, proposal=proposal, **kwargs)
        self.criteria = list(
            GatekeeperCriterion.objects.filter(
                consortium_id=proposal.consortium_id, active=True
            )
        )
        for criterion in self.criteria:
            self.fields[f"met_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.text,
                choices=[("yes", "Met"), ("no", "Not met")],
                coerce=lambda value: value == "yes",
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label="Note", required=False, max_length=300
            )

    def details(self):
        return {
            "checks": {
                criterion: (
                    self.cleaned_data[f"met_{criterion.pk}"],
                    self.cleaned_data[f"note_{criterion.pk}"],
                )
                for criterion in self.criteria
            }
        }


class DelegateForm(MoveForm):
    delegate = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Executive member who studies it",
        widget=LeanSelect,
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, proposal=proposal, **kwargs)
        self.fields["delegate"].queryset = Person.objects.filter(
            organisation_id=proposal.consortium_id
        )

    def details(self):
        return {"delegate": self.cleaned_data["delegate"]}


DECISION_CHOICES = [(d.value, DECISION_LABELS[d]) for d in DECISIONS]


class RecommendForm(MoveForm):
    recommendation = forms.ChoiceField(choices=DECISION_CHOICES)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def details(self):
        return {
            "recommendation": self.cleaned_data["recommendation"],
            "reason": self.cleaned_data["reason"],
        }


class DecideForm(MoveForm):
    decision = forms.ChoiceField(choices=DECISION_CHOICES, widget=forms.RadioSelect)
    minute_number = forms.CharField(
        label="Minute", max_length=20, help_text="The item of the meeting's record."
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Meeting date"
        self.order_fields(["decision", "on", "minute_number", "reason"])

    def to(self):
        return self.cleaned_data["decision"]

    def details(self):
        return {
            "minute_number": self.cleaned_data["minute_number"],
            "reason": self.cleaned_data["reason"],
        }


class LeadsForm(MoveForm):
    clinical_lead = forms.ModelChoiceField(queryset=_people(), widget=LeanSelect)
    management_lead = forms.ModelChoiceField(queryset=_people(), widget=LeanSelect)

    def details(self):
        return {
            "clinical_lead": self.cleaned_data["clinical_lead"],
            "management_lead": self.cleaned_data["management_lead"],
        }


class ChecklistForm(MoveForm):
    funding_decision = forms.CharField(
        label="Funding of the work",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The checklist is agreed: say whether and how work on it is funded.",
    )
    funding_amount = forms.DecimalField(
        label="Amount (£)", max_digits=10, decimal_places=2, required=False, min_value=0
    )

    def details(self):
        return {
            "funding_decision": self.cleaned_data["funding_decision"],
            "funding_amount": self.cleaned_data["funding_amount"],
        }


class NoteForm(MoveForm):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CommitteeDecisionForm(NoteForm):
    decision = forms.ChoiceField(
        choices=[
            (Stage.CASE_APPROVED.value, "Approved"),
            (Stage.CASE_NOT_APPROVED.value, "Not approved"),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = "Date of the Governance Committee's decision"
        self.order_fields(["decision", "on", "note"])

    def to(self):
        return self.cleaned_data["decision"]


class StartProjectForm(MoveForm):
    programme = forms.ModelChoiceField(queryset=None)
    name = forms.CharField(label="Project name", max_length=200)

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, proposal=proposal, **kwargs)
        self.fields["programme"].queryset = proposal.programmes()
        self.fields["name"].initial = proposal.title

    def details(self):
        return {
            "programme": self.cleaned_data["programme"],
            "name": self.cleaned_data["name"],
        }


MOVE_FORMS = {
    "screen": ScreenForm,
    "delegate": DelegateForm,
    "recommend": RecommendForm,
    "decide": DecideForm,
    "identify-leads": LeadsForm,
    "agree-checklist": ChecklistForm,
    "draft-case": NoteForm,
    "submit-case": NoteForm,
    "record-committee-decision": CommitteeDecisionForm,
    "start-project": StartProjectForm,
}


class ProposalFilterForm(forms.Form):
    stage = forms.ChoiceField(
        choices=[("", "Any stage"), *Stage.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
