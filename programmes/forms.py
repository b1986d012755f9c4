from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat

from core import uploads
from core.forms import CleanTextFormMixin
from governance.models import Organisation, Person
from programmes.models import Objective, Task, TaskStatus

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
        fields = ["status", "date", "note"]
        widgets = {
            "status": forms.Select(attrs={"autofocus": True}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(),
        }
        labels = {"date": "Date achieved or planned", "note": NOTE_LABEL}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
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
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "Objective, task or note"}
        ),
    )
    objective = forms.ModelChoiceField(
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
    )
    lead = forms.ModelChoiceField(
        label="Lead organisation",
        required=False,
        queryset=Organisation.objects.none(),
        empty_label="Any lead",
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        required=False,
        queryset=Person.objects.none(),
        empty_label="Anyone",
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


class BulkChangeForm(CleanTextFormMixin, forms.Form):
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
