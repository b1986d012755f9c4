from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from core import uploads
from core.forms import (
    CleanTextFormMixin,
    FetchedModelChoiceField,
    LeanFieldsMixin,
    LeanSelect,
)
from governance.models import Action, Meeting, MinuteItem, Organisation, Person
from programmes.models import (
    FRPTarget,
    Objective,
    Party,
    Programme,
    Project,
    ResourceAllocation,
    SuccessCriterion,
    Task,
    TaskStatus,
)

# One name for a task's note, on every page, form, table and history.
NOTE_LABEL = "Date achieved or reason"

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
        labels = {"date": "Date achieved or planned", "note": NOTE_LABEL}

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


class TaskFilterForm(LeanFieldsMixin, forms.Form):
    """Query-string filters for a programme's tasks."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Objective, task or note"}
        ),
    )
    objective = FetchedModelChoiceField(
        label="Objective",
        required=False,
        queryset=Objective.objects.none(),
        empty_label="Any objective",
    )
    status = forms.TypedChoiceField(
        label="Status",
        required=False,
        empty_value=None,
        choices=[("", "Any status"), ("open", "Not yet achieved"), *TaskStatus.choices],
        widget=LeanSelect,
    )
    lead = FetchedModelChoiceField(
        label="Lead organisation",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Any lead",
        widget=LeanSelect,
    )
    owner = FetchedModelChoiceField(
        label="Owner",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
        widget=LeanSelect,
    )
    overdue = forms.BooleanField(label="Overdue", required=False)
    mine = forms.BooleanField(label="Assigned to me", required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        in_programme = {"objective__programme": programme}
        self.fields["objective"].queryset = Objective.objects.filter(
            programme=programme
        )
        self.fields["lead"].queryset = Organisation.objects.filter(
            pk__in=Task.objects.filter(**in_programme).values("lead_organisation")
        )
        self.fields["owner"].queryset = Person.objects.filter(
            pk__in=Task.objects.filter(**in_programme).values("owner")
        )

    def filter(self, tasks, user):
        data = self.cleaned_data
        if data["q"]:
            tasks = tasks.filter(
                Q(description__icontains=data["q"])
                | Q(note__icontains=data["q"])
                | Q(objective__title__icontains=data["q"])
            )
        if data["objective"]:
            tasks = tasks.filter(objective=data["objective"])
        if data["overdue"]:
            tasks = tasks.overdue()
        if data["mine"]:
            tasks = tasks.filter(owner__user=user)
        if data["status"] == "open":
            tasks = tasks.open()
        elif data["status"]:
            tasks = tasks.filter(status=data["status"])
        if data["lead"]:
            tasks = tasks.filter(lead_organisation=data["lead"])
        if data["owner"]:
            tasks = tasks.filter(owner=data["owner"])
        return tasks


# Editing the plan (issue #15): one form per kind of plan item. Each carries the
# record's version (optimistic locking, core.models.Versioned) and lays itself out
# with crispy's FormHelper; the page wraps it in its own <form>.


class PlanFormMixin(CleanTextFormMixin):
    """A hidden `version`, and uniqueness checked together with the parent the
    view set on the instance (the parent is not a field of the form)."""

    parent_field = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, min_value=1
        )
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        for field in self.fields.values():
            if isinstance(field.widget, forms.DateInput):
                field.widget = forms.DateInput(
                    attrs={"type": "date"}, format="%Y-%m-%d"
                )
                field.input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field("version"), *self.layout_fields())

    def layout_fields(self):
        return [Field(name) for name in self._meta.fields]

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard(self.parent_field)
        return exclusions

    def clean(self):
        cleaned = super().clean()
        if "version" in self.errors:
            del self.errors["version"]
            self.add_error(None, STALE_FORM_MESSAGE)
        return cleaned

    @property
    def edited_fields(self):
        return [name for name in self._meta.fields if name not in self.m2m_fields]

    @property
    def m2m_fields(self):
        return [
            name
            for name in self._meta.fields
            if isinstance(self.fields[name], forms.ModelMultipleChoiceField)
        ]

    @property
    def m2m(self):
        return {name: list(self.cleaned_data[name]) for name in self.m2m_fields}


class ProgrammeForm(PlanFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "consortium",
            "starts_on",
            "ends_on",
            "description",
            "frp_total_saving",
            "max_payment_per_patient",
            "partners",
        ]
        widgets = {
            "starts_on": forms.DateInput(),
            "ends_on": forms.DateInput(),
            "partners": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"partners": "Their members may read the programme."}

    def __init__(self, *args, consortia, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consortium"].queryset = consortia
        self.fields["consortium"].empty_label = None
        self.fields["partners"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.PRACTICE
        ).order_by("name")

    def layout_fields(self):
        return [
            Field("name", autofocus=True),
            Row(
                Column("consortium", css_class="col-md-6"),
                Column("starts_on", css_class="col-sm-6 col-md-3"),
                Column("ends_on", css_class="col-sm-6 col-md-3"),
            ),
            Field("description"),
            Row(
                Column("frp_total_saving", css_class="col-md-6"),
                Column("max_payment_per_patient", css_class="col-md-6"),
            ),
            Field("partners"),
        ]

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on",
                forms.ValidationError(
                    "The programme must end after it starts.", code="ends_before_start"
                ),
            )
        return cleaned


class ObjectiveForm(PlanFormMixin, forms.ModelForm):
    parent_field = "programme"

    class Meta:
        model = Objective
        fields = ["title", "weight", "comment", "notes"]
        widgets = {
            "title": forms.TextInput(attrs={"autofocus": True}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }


class TaskPlanForm(PlanFormMixin, forms.ModelForm):
    """What a task is and who does it; its status has its own form (TaskUpdateForm)."""

    parent_field = "objective"

    class Meta:
        model = Task
        fields = [
            "description",
            "lead_organisation",
            "lead_capacity",
            "delivered_through",
            "supporting_organisation",
            "owner",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "autofocus": True})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        self.fields["lead_organisation"].queryset = organisations
        self.fields["supporting_organisation"].queryset = organisations
        self.fields["owner"].queryset = Person.objects.select_related(
            "organisation"
        ).order_by("last_name", "first_name")

    def layout_fields(self):
        return [
            Field("description"),
            Row(
                Column("lead_organisation", css_class="col-md-6"),
                Column("lead_capacity", css_class="col-md-6"),
            ),
            Row(
                Column("delivered_through", css_class="col-md-6"),
                Column("supporting_organisation", css_class="col-md-6"),
            ),
            Field("owner"),
        ]


class ProjectForm(PlanFormMixin, forms.ModelForm):
    parent_field = "programme"

    class Meta:
        model = Project
        fields = ["name", "description"]
        widgets = {
            "name": forms.TextInput(attrs={"autofocus": True}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class ProjectOfProgrammeMixin:
    """A `project` field offering only the programme's active projects."""

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.active().filter(
            programme=programme
        )


class FRPTargetForm(ProjectOfProgrammeMixin, PlanFormMixin, forms.ModelForm):
    class Meta:
        model = FRPTarget
        fields = ["project", "code", "title", "planned_saving", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"planned_saving": "Planned saving (£)"}

    def layout_fields(self):
        return [
            Field("project", autofocus=True),
            Row(
                Column("code", css_class="col-sm-3"),
                Column("title", css_class="col-sm-9"),
            ),
            Field("planned_saving"),
            Field("notes"),
        ]


class SuccessCriterionForm(PlanFormMixin, forms.ModelForm):
    parent_field = "programme"

    class Meta:
        model = SuccessCriterion
        fields = ["letter", "description", "met", "evidence"]
        widgets = {
            "letter": forms.TextInput(attrs={"autofocus": True}),
            "description": forms.Textarea(attrs={"rows": 2}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"letter": "e.g. a, b, c", "evidence": "What shows it was met."}


class ResourceAllocationForm(ProjectOfProgrammeMixin, PlanFormMixin, forms.ModelForm):
    parent_field = "programme"

    class Meta:
        model = ResourceAllocation
        fields = [
            "label",
            "project",
            "hours",
            "meetings",
            "hours_per_meeting",
            "attendees",
        ]
        help_texts = {
            "meetings": "Optional: give meetings, hours per meeting and attendees "
            "together, and the hours must equal their product."
        }

    def layout_fields(self):
        return [
            Field("label", autofocus=True),
            Row(
                Column("project", css_class="col-md-8"),
                Column("hours", css_class="col-md-4"),
            ),
            Row(
                Column("meetings", css_class="col-sm-4"),
                Column("hours_per_meeting", css_class="col-sm-4"),
                Column("attendees", css_class="col-sm-4"),
            ),
        ]


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class BulkChangeForm(LeanFieldsMixin, CleanTextFormMixin, forms.Form):
    """One change for the tasks ticked on the task list. `task` carries each task
    as "pk:version", the version it had when the list was loaded."""

    task = forms.MultipleChoiceField(
        label="Tasks", required=False, widget=forms.MultipleHiddenInput
    )
    status = forms.TypedChoiceField(
        label="New status",
        required=False,
        empty_value=None,
        choices=[("", "Leave as it is"), *TaskStatus.choices],
    )
    date = forms.DateField(
        label="New date",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Empty: each task keeps its own.",
    )
    note = forms.CharField(
        label=NOTE_LABEL,
        required=False,
        max_length=500,
        help_text="Empty: each task keeps its own.",
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the filter form on the same page has a status too.
        kwargs.setdefault("auto_id", "id_bulk_%s")
        super().__init__(*args, **kwargs)
        # Any "pk:version" is a choice; which tasks exist is for the view to say.
        self.fields["task"].valid_value = lambda value: _pk_version(value) is not None

    def clean_task(self):
        pairs = [_pk_version(value) for value in self.cleaned_data["task"]]
        if not pairs:
            raise forms.ValidationError(
                "Tick the tasks to change first.", code="no_tasks"
            )
        return dict(pairs)  # pk -> version

    def clean(self):
        cleaned = super().clean()
        if not self.errors and all(
            cleaned.get(name) in (None, "") for name in ("status", "date", "note")
        ):
            raise forms.ValidationError(
                "Choose a status, a date or a note to set.", code="no_change"
            )
        if cleaned.get("note") == "":
            cleaned["note"] = None
        return cleaned


def _pk_version(value):
    try:
        pk, version = (int(part) for part in value.split(":"))
    except ValueError:
        return None
    return (pk, version) if pk > 0 and version > 0 else None


class CommentForm(CleanTextFormMixin, forms.Form):
    text = forms.CharField(
        label="Comment", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvidenceForm(CleanTextFormMixin, forms.Form):
    """A file (its type judged by its content) or a link, with what it shows."""

    description = forms.CharField(
        label="What it shows", max_length=200, help_text="e.g. “Minutes, May 2006”."
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text="PDF, image (PNG, JPEG, GIF) or office document.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(uploads.ACCEPTED_EXTENSIONS)}
        ),
    )
    url = forms.URLField(
        label="or a link",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="An http or https address.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        limit = settings.EVIDENCE_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                "The file is %(size)s; the most allowed is %(limit)s.",
                code="too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                },
            )
        kind = uploads.sniff(upload)
        if kind is None:
            raise forms.ValidationError(
                "This file is not a PDF, an image or an office document, whatever "
                "its name says.",
                code="type_not_accepted",
            )
        if not upload.name.lower().endswith(kind.extensions):
            raise forms.ValidationError(
                "This file is a %(kind)s, but its name ends otherwise: rename it to "
                "end in %(extension)s.",
                code="name_does_not_match_content",
                params={"kind": kind.name, "extension": kind.extensions[0]},
            )
        self.kind = kind
        return upload

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(
                "Give an http or https address.", code="scheme_not_allowed"
            )
        return url

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(
                "Attach a file or give a link (one of the two).",
                code="file_or_link",
            )
        return cleaned


# Links to the executive's meetings (issue #18).


class _MinuteChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.meeting.held_on:%-d %b %Y}, item {obj.number}: {obj.heading}"


class _ActionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        owner = f"{obj.owner.first_name} {obj.owner.last_name}"
        return f"{obj.meeting.held_on:%-d %b %Y}, {owner}: {obj.description[:70]}"


class CiteMinuteForm(CleanTextFormMixin, forms.Form):
    minute_item = _MinuteChoice(
        label="Minute", queryset=MinuteItem.objects.none(), widget=LeanSelect
    )
    description = forms.CharField(
        label="What it shows",
        max_length=200,
        help_text="e.g. “The sub-team reported progress on the business plan”.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Finalised records only: evidence must not point at a draft.
        self.fields["minute_item"].queryset = (
            MinuteItem.objects.filter(meeting__in=_finalised_meetings(user))
            .select_related("meeting")
            .order_by("-meeting__held_on", "number")
        )


class LinkActionForm(forms.Form):
    action = _ActionChoice(
        label="Action agreed at a meeting",
        queryset=Action.objects.none(),
        widget=LeanSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = (
            Action.objects.visible_to(user)
            .select_related("meeting", "owner")
            .order_by("-meeting__held_on", "order")
        )


def _finalised_meetings(user):
    return Meeting.objects.visible_to(user).filter(status=Meeting.Status.FINALISED)


class AsAtForm(forms.Form):
    """The "as at" day of a figures page: blank for today, never in the future."""

    as_at = forms.DateField(
        label="As at",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The end of this day, from the recorded history; blank for now.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_at"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_as_at(self):
        day = self.cleaned_data["as_at"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                "Figures cannot be given as at a future date.", code="future"
            )
        return day
