from crispy_forms.helper import FormHelper
from django import forms

from core.forms import CleanTextFormMixin
from governance.models import Action, Attendance, Meeting, MinuteItem, Person

STALE_FORM_MESSAGE = (
    "This form was incomplete or out of date, so nothing was saved. "
    "Reload the page and make your change again."
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _people():
    return Person.objects.select_related("organisation").order_by(
        "last_name", "first_name"
    )


class _Form(CleanTextFormMixin):
    """Fields only (the page wraps the form tag); a hidden version where the model
    has one, so an edit loaded before someone else's save is refused."""

    def _setup(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        if "version" in self.fields and not self.is_bound:
            self.initial.setdefault("version", getattr(self.instance, "version", 1))

    def clean(self):
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, STALE_FORM_MESSAGE)
        return cleaned

    @property
    def edited_fields(self):
        return [name for name in self._meta.fields if name != "committee"]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.organisation.short_name})"


class MeetingForm(_Form, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Meeting
        fields = [
            "committee",
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "place_note",
            "recorded_by",
            "recorded_on",
            "next_held_on",
            "next_starts_at",
            "next_ends_at",
            "next_place",
            "next_place_note",
        ]
        widgets = {
            "held_on": DATE,
            "recorded_on": DATE,
            "next_held_on": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "next_starts_at": TIME,
            "next_ends_at": TIME,
        }
        field_classes = {"recorded_by": PersonChoiceField}

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["recorded_by"].queryset = _people()
        if self.instance.pk:
            del self.fields["committee"]
        else:
            self.fields["committee"].queryset = committees
            self.fields["committee"].empty_label = None
            del self.fields["version"]


class AttendanceForm(_Form, forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["kind", "person", "group"]
        field_classes = {"person": PersonChoiceField}
        labels = {"kind": "Listed as"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["person"].queryset = _people()
        self.fields["person"].help_text = "People from other organisations are marked."

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("person")) == bool(cleaned.get("group")):
            raise forms.ValidationError(
                "Choose a person or name a group (not both).", code="person_or_group"
            )
        return cleaned


class MinuteItemForm(_Form, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = MinuteItem
        fields = ["heading", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()


class ActionForm(_Form, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    class Meta:
        model = Action
        fields = ["owner", "description", "due_on", "due_in_month", "notes"]
        widgets = {
            "due_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        field_classes = {"owner": PersonChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["owner"].queryset = _people()


class CompleteActionForm(_Form, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    done_on = forms.DateField(label="Done on", widget=DATE)
    what_was_done = forms.CharField(
        label="What was done", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = action
        self._setup()


class DropActionForm(_Form, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(
        label="Why it is dropped",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance = action
        self._setup()


class ActionFilterForm(forms.Form):
    """Query-string filters for the action log."""

    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status"), *Action.Status.choices],
    )
    owner = PersonChoiceField(
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            _people().filter(actions__isnull=False).distinct()
        )
