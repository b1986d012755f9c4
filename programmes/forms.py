from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.db.models import Q

from core.forms import CleanTextFormMixin, LeanSelect
from governance.models import Organisation, Person
from programmes.models import Party, Task, TaskStatus

STALE_FORM_MESSAGE = (
    "This form was incomplete or out of date, so nothing was saved. "
    "Reload the page and make your change again."
)


class TaskUpdateForm(CleanTextFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Task
        fields = ["status", "date", "note", "shortfall_due_to", "shortfall_reason"]
        widgets = {
            "status": forms.Select(attrs={"autofocus": True}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(),
            "shortfall_reason": forms.TextInput(),
        }
        labels = {
            "date": "Date achieved or planned",
            "note": "Reason / note",
            "shortfall_reason": "Why",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        lead = self.instance.lead_organisation
        self.fields["shortfall_due_to"].choices = [
            ("", f"Follow the lead ({lead.short_name})"),
            *Party.choices,
        ]
        self.fields["shortfall_due_to"].help_text = "If it is not achieved."
        # Fields only: the inline row and the full page each wrap their own form.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("version"),
            Row(
                Column("status", css_class="col-sm-4 col-lg-3"),
                Column("date", css_class="col-sm-4 col-lg-3"),
                Column("note", css_class="col-sm-12 col-lg-6"),
                css_class="g-2",
            ),
            Row(
                Column("shortfall_due_to", css_class="col-sm-4 col-lg-3"),
                Column("shortfall_reason", css_class="col-sm-8 col-lg-9"),
                css_class="g-2",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        if "version" in self.errors:
            # The field is hidden: say so where the user can see it.
            del self.errors["version"]
            self.add_error(None, STALE_FORM_MESSAGE)
        return cleaned

    @property
    def changes(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class TaskFilterForm(forms.Form):
    """Query-string filters for a programme's tasks."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Task or note"}),
    )
    status = forms.TypedChoiceField(
        label="Status",
        required=False,
        empty_value=None,
        choices=[("", "Any status"), ("open", "Not yet achieved"), *TaskStatus.choices],
        widget=LeanSelect,
    )
    lead = forms.ModelChoiceField(
        label="Lead organisation",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Any lead",
        widget=LeanSelect,
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
        widget=LeanSelect,
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        in_programme = {"objective__programme": programme}
        self.fields["lead"].queryset = Organisation.objects.filter(
            pk__in=Task.objects.filter(**in_programme).values("lead_organisation")
        )
        self.fields["owner"].queryset = Person.objects.filter(
            pk__in=Task.objects.filter(**in_programme).values("owner")
        )

    def filter(self, tasks):
        data = self.cleaned_data
        if data["q"]:
            tasks = tasks.filter(
                Q(description__icontains=data["q"]) | Q(note__icontains=data["q"])
            )
        if data["status"] == "open":
            tasks = tasks.open()
        elif data["status"]:
            tasks = tasks.filter(status=data["status"])
        if data["lead"]:
            tasks = tasks.filter(lead_organisation=data["lead"])
        if data["owner"]:
            tasks = tasks.filter(owner=data["owner"])
        return tasks
