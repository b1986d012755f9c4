"""The executive committee's meetings: who sits on it, who came, what was minuted,
what was agreed to be done by whom and when, and whether it got done (issue #18).

A meeting is drafted, then finalised: finalising issues a MeetingRecord (an issued
document holding a snapshot and its PDF). A correction reopens the meeting and
issues the next version, which says what changed from the one before.
"""

import calendar
import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.documents import IssuedDocument
from core.models import CleanTextModel, Versioned
from core.pdf import render_pdf
from core.text import is_blank
from governance.models.organisations import Organisation, Person

__all__ = [
    "Action",
    "Attendance",
    "CalendarFeed",
    "Committee",
    "CommitteeMembership",
    "Meeting",
    "MeetingRecord",
    "MinuteItem",
    "columns",
    "plain_name",
]


def access_of(user):
    # governance.roles imports this package: read it when first needed.
    from governance.roles import access_of

    return access_of(user)


def _pct_role():
    from governance.roles import Role

    return Role.PCT


def _executive_role():
    from governance.roles import Role

    return Role.EXECUTIVE


# People from other organisations are marked in the record, one mark per
# organisation, in the order they first appear (the seed marks the PCT's with #).
OUTSIDE_MARKS = ("#", "*", "†", "‡", "§")


def columns(lines):
    """An attendance list in two columns, filled down the first (as the seed)."""
    half = (len(lines) + 1) // 2
    return [lines[:half], lines[half:]] if lines else []


def plain_name(person):
    """A name as the minutes write it: “Richard Walker”, without “Dr”."""
    return f"{person.first_name} {person.last_name}"


class CommitteeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives see their consortium's committees; the PCT reads everything;
        a practice manager sees the committee of their practice's consortium."""
        access = access_of(user)
        if access.is_superuser or access.organisations_with(_pct_role()):
            return self
        return self.filter(
            organisation_id__in=access.organisations_with(_executive_role())
            | access.consortia_of_practices
        )


class Committee(CleanTextModel):
    """A body that meets and keeps minutes, e.g. DacCom PbC Ltd Executive Committee."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"kind": Organisation.Kind.CONSORTIUM},
    )
    name = models.CharField(max_length=200, unique=True)

    objects = CommitteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def is_writable_by(self, user):
        return access_of(user).is_executive_of(self.organisation_id)


class CommitteeMembership(CleanTextModel):
    """Who sat on a committee, for whom, in what role, from when to when."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="committee_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation they sit for (e.g. the PCT, attending).",
    )
    role = models.CharField(
        "role or lead responsibility",
        max_length=200,
        blank=True,
        help_text="e.g. “Chair”, “Lead for prescribing”, “PCT representative”.",
    )
    starts_on = models.DateField("from")
    ends_on = models.DateField("to", null=True, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "person__last_name", "-starts_on"]

    def __str__(self):
        return f"{self.person} on {self.committee} from {self.starts_on:%-d %b %Y}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "The end comes before the start."}, code="ends_before"
            )

    def is_current_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """As the committee; a practice manager sees finalised records only (a
        meeting issued at least once, even while a correction is drafted)."""
        access = access_of(user)
        visible = self.filter(committee__in=Committee.objects.visible_to(user))
        if access.is_superuser or access.organisations_with(_pct_role()):
            return visible
        executive_of = access.organisations_with(_executive_role())
        return visible.filter(
            Q(committee__organisation_id__in=executive_of)
            | Q(status=Meeting.Status.FINALISED)
            | Q(records__isnull=False)
        ).distinct()


class Meeting(Versioned, CleanTextModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        FINALISED = "finalised", "Finalised"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField("date")
    starts_at = models.TimeField("from", null=True, blank=True)
    ends_at = models.TimeField("to", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    place_note = models.CharField(
        max_length=200, blank=True, help_text="e.g. “lunch from 12.30pm”."
    )
    recorded_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_recorded",
        help_text="Who wrote the record.",
    )
    recorded_on = models.DateField("written on", null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    next_held_on = models.DateField("next meeting's date", null=True, blank=True)
    next_starts_at = models.TimeField("next meeting from", null=True, blank=True)
    next_ends_at = models.TimeField("next meeting to", null=True, blank=True)
    next_place = models.CharField("next meeting's place", max_length=200, blank=True)
    next_place_note = models.CharField(
        "next meeting's note", max_length=200, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "held_on"], name="one_meeting_a_day"
            )
        ]

    def __str__(self):
        return f"{self.committee.name}, {self.held_on:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.pk])

    def is_writable_by(self, user):
        return access_of(user).is_executive_of(self.committee.organisation_id)

    def shows_drafts_to(self, user):
        """Executives of its committee and PCT staff read drafts; practice
        managers read finalised records only."""
        access = access_of(user)
        return bool(self.is_writable_by(user) or access.organisations_with(_pct_role()))

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": "The meeting ends before it starts."}, code="ends_before"
            )
        if self.next_held_on and self.held_on and self.next_held_on <= self.held_on:
            raise ValidationError(
                {"next_held_on": "The next meeting comes after this one."},
                code="next_before",
            )

    def starts(self):
        """When it starts, as an aware datetime (9am when no time is set)."""
        return timezone.make_aware(
            datetime.datetime.combine(
                self.held_on, self.starts_at or datetime.time(9, 0)
            )
        )

    def ends(self):
        if self.ends_at:
            return timezone.make_aware(
                datetime.datetime.combine(self.held_on, self.ends_at)
            )
        return self.starts() + datetime.timedelta(hours=1)

    def next_item_number(self):
        """Item 1 is always the summary of actions agreed; minutes number from 2."""
        last = self.items.aggregate(models.Max("number"))["number__max"]
        return max(last or 1, 1) + 1


class Attendance(CleanTextModel):
    """One line of a meeting's attendance tables: a person (or, for copies, a named
    group such as “Dacorum Practice Managers”) who attended, sent apologies, or
    gets a copy."""

    class Kind(models.TextChoices):
        ATTENDED = "attended", "Attended"
        APOLOGIES = "apologies", "Apologies"
        COPY = "copy", "Copies to"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text="A group instead of a person, e.g. “Dacorum Practice Managers”.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "order", "pk"]
        verbose_name = "attendance line"
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(group=""))
                | (Q(person__isnull=True) & ~Q(group="")),
                name="attendance_is_a_person_or_a_group",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="a_person_once_a_meeting",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return plain_name(self.person) if self.person_id else self.group

    def clean(self):
        if (self.person_id is None) == is_blank(self.group):
            raise ValidationError(
                "Give either a person or a group, not both.",
                code="person_or_group",
            )


class MinuteItem(Versioned, CleanTextModel):
    """A numbered item of the minutes: heading and text."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="one_item_per_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=2), name="item_1_is_the_action_summary"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#item-{self.pk}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(meeting__in=Meeting.objects.visible_to(user))

    def open(self):
        return self.filter(status=Action.Status.OPEN)

    def overdue(self, today=None):
        """Open, and due before `today`: the one definition of an overdue action."""
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def carried_to(self, meeting):
        """Actions of the committee's earlier meetings still open when `meeting`
        is held: open now, or closed on or after its date. An action is carried
        from meeting to meeting until it is closed."""
        return self.filter(
            meeting__committee_id=meeting.committee_id,
            meeting__held_on__lt=meeting.held_on,
        ).filter(Q(status=Action.Status.OPEN) | Q(closed_on__gte=meeting.held_on))

    def for_display(self):
        return self.select_related("owner", "meeting__committee")


class Action(Versioned, CleanTextModel):
    """An action agreed at a meeting: who, what, by when; then done (with the date
    and what was done) or dropped (with the reason)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    # (from, to) pairs a service may make; anything else is refused.
    TRANSITIONS = {
        (Status.OPEN, Status.DONE),
        (Status.OPEN, Status.DROPPED),
        (Status.DONE, Status.OPEN),
        (Status.DROPPED, Status.OPEN),
    }

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="actions"
    )
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField("action")
    due_on = models.DateField(
        "due", help_text="For a month (“Mar 07”), give any day of it and tick below."
    )
    due_in_month = models.BooleanField(
        "due some time that month",
        default=False,
        help_text="The record then shows the month (“Mar 07”), and it is overdue "
        "only once the month is over.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, editable=False
    )
    closed_on = models.DateField(null=True, blank=True, editable=False)
    outcome = models.TextField(
        blank=True,
        editable=False,
        help_text="What was done, or why it was dropped.",
    )
    notes = models.TextField(blank=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | (~Q(status="open") & Q(closed_on__isnull=False)),
                name="closed_actions_have_a_date",
            )
        ]

    def __str__(self):
        return f"{self.owner}: {self.description[:60]}"

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#action-{self.pk}"

    def save(self, *args, **kwargs):
        if self.due_in_month and self.due_on:
            # Due "Mar 07" means by the end of March.
            last = calendar.monthrange(self.due_on.year, self.due_on.month)[1]
            self.due_on = self.due_on.replace(day=last)
        super().save(*args, **kwargs)

    def is_writable_by(self, user):
        return self.meeting.is_writable_by(user)

    @property
    def due_display(self):
        """As the minutes write it: “Mar 07” for a month, “13 Mar 07” for a day."""
        if self.due_in_month:
            return self.due_on.strftime("%b %y")
        return f"{self.due_on.day} {self.due_on:%b %y}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self):
        return self.is_open and self.due_on < timezone.localdate()


def calendar_token():
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address: their meetings and their actions' due
    dates, for the calendar they already use. Replacing the token revokes the
    old address."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar of {self.person}"

    def get_absolute_url(self):
        return reverse("meetings:calendar-feed", args=[self.token])


class MeetingRecord(IssuedDocument):
    """A meeting's record as finalised: version 1, then one per correction, each
    saying what changed from the version before."""

    reference_prefix = "MIN"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="records"
    )
    version_number = models.PositiveSmallIntegerField("version")

    class Meta(IssuedDocument.Meta):
        ordering = ["meeting", "-version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version_number"], name="one_record_per_version"
            )
        ]

    def filename(self):
        held_on = self.snapshot["held_on"]
        return f"record-{held_on}-v{self.version_number}.pdf"

    def render(self):
        snapshot = self.snapshot
        context = {
            "organisation": snapshot["committee"],
            "document_date": datetime.date.fromisoformat(snapshot["held_on"]),
            "document_date_label": "Meeting held on",
            "record": snapshot,
            "attended_columns": columns(snapshot["attended"]),
            "apology_columns": columns(snapshot["apologies"]),
            "reference": self.reference,
            "version_number": self.version_number,
        }
        return render_pdf("governance/meetings/pdf/record.html", context)
