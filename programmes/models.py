import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import add_years
from core.formatting import PENNY, to_decimal_percent
from core.models import CleanTextModel, Versioned
from core.text import file_slug, is_blank
from governance.models import Organisation, Person
from governance.roles import Role, access_of

ZERO = Decimal("0.00")
DATE_MARGIN_YEARS = 2
PERCENT_FIELD = {"max_digits": 5, "decimal_places": 2}
PERCENT_VALIDATORS = [
    MinValueValidator(Decimal("0")),
    MaxValueValidator(Decimal("100")),
]


class TaskStatus(models.TextChoices):
    """The review's “Date achieved or reasons why not achieved”, as a status.

    “tbc” counts as achieved: the review reports such tasks as done pending
    confirmation (objective 2 is assessed 100% with one tbc task), and only with
    it counted do the review's 67% and the 64p payment follow from the tasks.
    """

    DONE = "done", "Yes"
    TBC = "tbc", "tbc"
    IN_PROGRESS = "in_progress", "In progress"
    PLANNED = "planned", "Planned"
    TO_DO = "to_do", "To do"
    NOT_DONE = "not_done", "No"
    STOPPED = "stopped", "Stopped"


ACHIEVED_STATUSES = (TaskStatus.DONE, TaskStatus.TBC)
STATUSES_NEEDING_REASON = (TaskStatus.NOT_DONE, TaskStatus.STOPPED)

# The one definition of "not archived": every listing and figure counts only these.
ACTIVE = Q(archived_at__isnull=True)


def overdue_on(day):
    """A planned task whose date is before `day`: the one definition of overdue."""
    return Q(status=TaskStatus.PLANNED, date__lt=day)


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ACTIVE)

    def archived(self):
        return self.exclude(ACTIVE)


class Archivable(models.Model):
    """A plan item that is archived rather than deleted once it has been used.

    Archived, it leaves every listing and figure but keeps its history, and can be
    restored. It may be removed outright only while it has no history of use
    (`can_be_removed`): its field history holds nothing but its creation, and
    nothing hangs off it (`has_dependants`), e.g. a task added by mistake.
    """

    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_archived(self):
        return self.archived_at is not None

    def has_dependants(self):
        return False

    def can_be_removed(self):
        """Never edited since it was created, never archived, nothing under it."""
        return self.history.count() <= 1 and not self.has_dependants()


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programmes of the user's consortium, or of a consortium one of their
        practices belongs to, or that their organisation is a partner in (or was,
        before it was merged into another: a successor inherits the programmes)."""
        access = access_of(user)
        if access.is_superuser:
            return self
        organisations = access.organisations
        partner_links = Programme.partners.through.objects.filter(
            programme_id=OuterRef("pk")
        ).filter(
            Q(organisation_id__in=organisations)
            | Q(organisation__successor_id__in=organisations)
        )
        return self.filter(
            Q(consortium_id__in=organisations | access.consortia_of_practices)
            | Exists(partner_links)
        )

    def with_headlines(self):
        """Each programme's achievement (from tasks) and saving, in one query."""
        weighted = (
            Objective.objects.active()
            .filter(programme=OuterRef("pk"))
            .with_achievement()
            .order_by()
            .values("programme")
            .annotate(mean=weighted_mean("achieved_pct"))
            .values("mean")
        )
        saving = (
            FRPTarget.objects.active()
            .filter(project__programme=OuterRef("pk"))
            .order_by()
            .values("project__programme")
            .annotate(total=Sum("planned_saving"))
            .values("total")
        )
        open_tasks = (
            Task.objects.open()
            .active()
            .filter(objective__programme=OuterRef("pk"))
            .order_by()
            .values("objective__programme")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.select_related("consortium").annotate(
            achieved_pct=Subquery(weighted, output_field=FloatField()),
            total_saving=Coalesce(
                Subquery(saving), ZERO, output_field=models.DecimalField()
            ),
            open_task_count=Coalesce(Subquery(open_tasks), 0),
        )


class Programme(Versioned, CleanTextModel):
    """A programme of projects agreed between the consortium and the Primary Care Trust.

    The pilot programme 2006/7 covers targets of the PCT's Financial Recovery
    Plan (FRP).
    """

    name = models.CharField(max_length=200, unique=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    consortium = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programmes",
        limit_choices_to={"kind": Organisation.Kind.CONSORTIUM},
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_programmes", blank=True
    )
    leads = models.ManyToManyField(Person, related_name="led_programmes", blank=True)
    description = models.TextField(blank=True)
    frp_total_saving = models.DecimalField(
        "FRP total planned saving",
        max_digits=12,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text="The whole Financial Recovery Plan's saving, of which this "
        "programme's targets are a share.",
    )
    max_payment_per_patient = models.DecimalField(
        "maximum achievement payment per patient",
        max_digits=6,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text="The most the DES pays per registered patient for full achievement.",
    )

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:programme", args=[self.pk])

    def is_writable_by(self, user):
        """Executive members of its consortium run the programme."""
        return access_of(user).is_executive_of(self.consortium_id)

    def has_tasks_updatable_by(self, user):
        """Whether `user` may update some of its tasks' status (Task.is_writable_by):
        its executives, and PCT members."""
        access = access_of(user)
        return self.is_writable_by(user) or bool(access.organisations_with(Role.PCT))

    @property
    def slug(self):
        """Its name for file names: "PbC pilot programme 2006/7" → "pbc-pilot-2006-07".

        "programme" says nothing in a programme's file name, unless nothing else
        but numbers would be left ("Programme 12" stays "programme-12").
        """
        words = file_slug(self.name).split("-")
        shorter = [word for word in words if word != "programme"]
        if not any(word.isalpha() for word in shorter):
            shorter = words
        return "-".join(shorter) or f"programme-{self.pk}"

    def plausible_dates(self):
        """Dates a task of this programme may carry: its period give or take two
        years (anything further out is a typing slip, e.g. 0001-01-01)."""
        return (
            add_years(self.starts_on, -DATE_MARGIN_YEARS),
            add_years(self.ends_on, DATE_MARGIN_YEARS),
        )

    def savings(self):
        """Planned saving of all its FRP targets, and that saving's share of the FRP."""
        total = (
            FRPTarget.objects.active()
            .filter(project__programme=self)
            .aggregate(total=Coalesce(Sum("planned_saving"), ZERO))["total"]
        )
        share = total * 100 / self.frp_total_saving if self.frp_total_saving else None
        return total, share

    def achievement(self):
        return (
            Objective.objects.active()
            .filter(programme=self)
            .achievement_totals(self.max_payment_per_patient)
        )


class ProjectQuerySet(ArchivableQuerySet):
    def with_saving(self):
        active_targets = Q(targets__archived_at__isnull=True)
        return self.annotate(
            planned_saving=Coalesce(
                Sum("targets__planned_saving", filter=active_targets), ZERO
            ),
            target_count=Count("targets", filter=active_targets),
        )


class Project(Versioned, Archivable, CleanTextModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="projects"
    )
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="unique_project_name"
            )
        ]

    def __str__(self):
        return self.name

    def has_dependants(self):
        return self.targets.exists() or self.resources.exists()


class FRPTargetQuerySet(ArchivableQuerySet):
    def active(self):
        """Targets not archived, of projects not archived."""
        return self.filter(ACTIVE, project__archived_at__isnull=True)


class FRPTarget(Versioned, Archivable, CleanTextModel):
    """A numbered target of the Financial Recovery Plan, with its planned saving."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(max_length=10, help_text="e.g. 1.1")
    title = models.CharField(max_length=200)
    planned_saving = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    notes = models.TextField(blank=True)

    objects = FRPTargetQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name = "FRP target"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"], name="unique_target_code"
            ),
            models.CheckConstraint(
                condition=Q(planned_saving__gte=0), name="planned_saving_not_negative"
            ),
        ]

    def __str__(self):
        return f"Target {self.code} – {self.title}"


class SuccessCriterion(Versioned, Archivable, CleanTextModel):
    """A deliverable that triggers the reward payment to the practices."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="success_criteria"
    )
    letter = models.CharField(max_length=3)
    description = models.TextField()
    met = models.BooleanField(default=False)
    evidence = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        verbose_name_plural = "success criteria"
        ordering = ["programme", "letter"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "letter"], name="unique_criterion"
            )
        ]

    def __str__(self):
        return f"{self.letter}) {self.description}"


class ResourceAllocationQuerySet(ArchivableQuerySet):
    def active(self):
        """Allocations not archived, and not of an archived project."""
        return self.filter(ACTIVE).exclude(project__archived_at__isnull=False)


class ResourceAllocation(Versioned, Archivable, CleanTextModel):
    """Hours of GP or manager time budgeted from the consortium's reserve."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="resources"
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
    )
    label = models.CharField(max_length=200)
    hours = models.DecimalField(
        max_digits=8, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    meetings = models.PositiveSmallIntegerField(null=True, blank=True)
    hours_per_meeting = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    attendees = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ResourceAllocationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["programme", "project__order", "label"]

    def __str__(self):
        return self.label

    @property
    def basis(self):
        if self.meetings is None:
            return ""
        return (
            f"{self.meetings} meetings × {self.hours_per_meeting.normalize()} hours × "
            f"{self.attendees} attendees"
        )

    def clean(self):
        basis = (self.meetings, self.hours_per_meeting, self.attendees)
        if any(v is not None for v in basis):
            if any(v is None for v in basis):
                raise ValidationError(
                    "Give meetings, hours per meeting and attendees together, or none.",
                    code="incomplete_basis",
                )
            expected = self.meetings * self.hours_per_meeting * self.attendees
            if self.hours != expected:
                raise ValidationError(
                    {"hours": f"Meetings × hours × attendees make {expected} hours."},
                    code="hours_mismatch",
                )


def _task_count(condition=None):
    tasks = Task.objects.filter(ACTIVE, objective=OuterRef("pk"))
    if condition is not None:
        tasks = tasks.filter(condition)
    return Coalesce(
        Subquery(
            tasks.order_by().values("objective").annotate(n=Count("pk")).values("n")
        ),
        0,
    )


def _share(part, whole):
    return Cast(part, FloatField()) * 100 / NullIf(whole, 0)


def weighted_mean(field):
    """Mean of `field` over objectives, by weight, leaving out those without one."""
    measured = Q(**{f"{field}__isnull": False})
    return Cast(Sum(F("weight") * F(field), filter=measured), FloatField()) / NullIf(
        Sum("weight", filter=measured), 0
    )


ACHIEVED = Q(status__in=ACHIEVED_STATUSES)
CONSORTIUM_LED = Q(lead_organisation__kind=Organisation.Kind.CONSORTIUM)


class ObjectiveQuerySet(ArchivableQuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def with_achievement(self):
        """Annotate each objective with its task counts and percentages.

        Counted in subqueries rather than joins, so the annotations can be
        aggregated again for the programme's totals.
        """
        return (
            self.annotate(
                task_count=_task_count(),
                achieved_count=_task_count(ACHIEVED),
                short_consortium_count=_task_count(~ACHIEVED & CONSORTIUM_LED),
            )
            .annotate(
                short_other_count=F("task_count")
                - F("achieved_count")
                - F("short_consortium_count"),
                achieved_pct=_share(F("achieved_count"), F("task_count")),
                short_consortium_pct=_share(
                    F("short_consortium_count"), F("task_count")
                ),
                short_other_pct=_share(F("short_other_count"), F("task_count")),
            )
            .annotate(
                effective_achieved=Coalesce(
                    Cast("assessed_achieved", FloatField()), F("achieved_pct")
                ),
                effective_short_consortium=Coalesce(
                    Cast("assessed_short_consortium", FloatField()),
                    F("short_consortium_pct"),
                ),
                effective_short_other=Coalesce(
                    Cast("assessed_short_other", FloatField()), F("short_other_pct")
                ),
            )
        )

    def achievement_totals(self, max_payment_per_patient=ZERO):
        """Weighted means over the objectives, in one query.

        `achieved` etc. follow from the tasks (the review's own total: 67%);
        `assessed_*` use an objective's assessed figure where it has one.
        """
        fields = {
            "achieved": "achieved_pct",
            "short_consortium": "short_consortium_pct",
            "short_other": "short_other_pct",
            "assessed_achieved": "effective_achieved",
            "assessed_short_consortium": "effective_short_consortium",
            "assessed_short_other": "effective_short_other",
        }
        raw = self.with_achievement().aggregate(
            **{name: weighted_mean(field) for name, field in fields.items()}
        )
        return AchievementTotals(
            **{name: to_decimal_percent(value) for name, value in raw.items()},
            max_payment_per_patient=max_payment_per_patient,
        )


@dataclass(frozen=True)
class AchievementTotals:
    """A programme's achievement, and the DES payment per patient it earns.

    Percentages (Decimal, or None without tasks) are weighted means over the
    objectives: from the tasks, and `assessed_*` using an objective's assessed
    figure where the review set one.
    """

    max_payment_per_patient: Decimal
    achieved: Decimal | None
    short_consortium: Decimal | None
    short_other: Decimal | None
    assessed_achieved: Decimal | None
    assessed_short_consortium: Decimal | None
    assessed_short_other: Decimal | None

    @property
    def not_achieved(self):
        if self.achieved is None:
            return None
        return self.short_consortium + self.short_other

    @property
    def payment_earned(self):
        """The payment per patient earned by the achievement, to the penny."""
        if self.achieved is None:
            return ZERO
        return (self.max_payment_per_patient * self.achieved / 100).quantize(
            PENNY, rounding=ROUND_HALF_UP
        )

    @property
    def payment_shortfall(self):
        return self.max_payment_per_patient - self.payment_earned


class Objective(Versioned, Archivable, CleanTextModel):
    """An objective of the programme, broken into tasks, as in the DES review."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    weight = models.PositiveSmallIntegerField(
        default=1, help_text="Its weight in the programme's total achievement."
    )
    comment = models.CharField(
        max_length=300, blank=True, help_text="The review summary's comment."
    )
    notes = models.TextField("relevant notes", blank=True)
    assessed_achieved = models.DecimalField(
        "assessed % achieved",
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        **PERCENT_FIELD,
    )
    assessed_short_consortium = models.DecimalField(
        "assessed % not achieved due to the consortium",
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        **PERCENT_FIELD,
    )
    assessed_short_other = models.DecimalField(
        "assessed % not achieved due to the PCT or other",
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
        **PERCENT_FIELD,
    )
    assessment_reason = models.TextField(blank=True)

    objects = ObjectiveQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="unique_objective"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        assessed_achieved__isnull=True,
                        assessed_short_consortium__isnull=True,
                        assessed_short_other__isnull=True,
                    )
                    | (
                        Q(
                            Exact(
                                F("assessed_achieved")
                                + F("assessed_short_consortium")
                                + F("assessed_short_other"),
                                100,
                            )
                        )
                        & ~Q(assessment_reason="")
                    )
                ),
                name="assessment_complete_and_adds_up",
                violation_error_message="An assessment needs all three figures, adding "
                "up to 100%, and a reason.",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("programmes:objective", args=[self.pk])

    def is_writable_by(self, user):
        return self.programme.is_writable_by(user)

    @property
    def is_assessed(self):
        return self.assessed_achieved is not None

    def has_dependants(self):
        return self.tasks.exists()


class TaskQuerySet(ArchivableQuerySet):
    def visible_to(self, user):
        return self.filter(objective__programme__in=Programme.objects.visible_to(user))

    def open(self):
        return self.exclude(status__in=ACHIEVED_STATUSES)

    def active(self):
        """Tasks not archived, of objectives not archived."""
        return self.filter(ACTIVE, objective__archived_at__isnull=True)

    def overdue(self):
        """Planned tasks whose date has passed."""
        return self.filter(overdue_on(timezone.localdate()))

    def work_counts(self):
        """How many of these tasks are open, overdue, and due this month (open,
        dated this calendar month), in one query."""
        today = timezone.localdate()
        this_month = Q(date__year=today.year, date__month=today.month)
        return self.open().aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_on(today)),
            due_this_month=Count("pk", filter=this_month),
        )

    def with_can_update(self, user):
        """Annotate `can_update`: whether `user` may update each task (as
        Task.is_writable_by says, in the same query)."""
        # CASE, not the bare condition: a NULL (no owner, no successor) is "no".
        return self.annotate(
            can_update=Case(
                When(task_updatable_by(user), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def for_display(self):
        return self.select_related(
            "lead_organisation", "supporting_organisation", "owner", "objective"
        )


class Task(Versioned, Archivable, CleanTextModel):
    class LeadCapacity(models.TextChoices):
        NONE = "", "—"
        MANAGEMENT = "management", "management"

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="tasks"
    )
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField()
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_tasks"
    )
    lead_capacity = models.CharField(
        max_length=20,
        choices=LeadCapacity.choices,
        blank=True,
        help_text="“management” for “PCT management …”.",
    )
    delivered_through = models.CharField(
        max_length=100, blank=True, help_text="e.g. “preferred provider”."
    )
    supporting_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supported_tasks",
    )
    status = models.CharField(
        max_length=20, choices=TaskStatus.choices, default=TaskStatus.TO_DO
    )
    date = models.DateField(
        null=True, blank=True, help_text="Date achieved, or the planned date."
    )
    note = models.CharField(
        "date achieved or reason",
        max_length=500,
        blank=True,
        help_text="As written in the review, e.g. “Yes – MM”, “Stopped by new PCT”.",
    )
    owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])

    class Meta:
        ordering = ["objective", "order", "pk"]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return reverse("programmes:task", args=[self.pk])

    def is_writable_by(self, user):
        """Who may update its status, date and note: an executive of the
        consortium, or a PCT member whose PCT leads the task or who owns it.
        (Changing the plan itself stays with the executives.)"""
        if self.objective.programme.is_writable_by(user):
            return True
        pcts = access_of(user).organisations_with(Role.PCT)
        if not pcts:
            return False
        return (
            self.lead_organisation_id in pcts
            or self.lead_organisation.successor_id in pcts
            or (self.owner_id is not None and self.owner.user_id == user.pk)
        )

    @property
    def is_overdue(self):
        """Planned, and its date has passed."""
        return (
            self.status == TaskStatus.PLANNED
            and self.date is not None
            and self.date < timezone.localdate()
        )

    def clean(self):
        errors = {}
        if self.status == TaskStatus.PLANNED and self.date is None:
            errors["date"] = ValidationError(
                "Give the planned date.", code="planned_without_date"
            )
        if self.date is not None and self.objective_id:
            earliest, latest = self.objective.programme.plausible_dates()
            if not earliest <= self.date <= latest:
                errors["date"] = ValidationError(
                    "Give a date between %(earliest)s and %(latest)s: the "
                    "programme's period, give or take two years.",
                    code="date_out_of_range",
                    params={
                        "earliest": earliest.strftime("%-d %B %Y"),
                        "latest": latest.strftime("%-d %B %Y"),
                    },
                )
        if (
            self.status in ACHIEVED_STATUSES
            and self.date is not None
            and self.date > timezone.localdate()
        ):
            errors["date"] = ValidationError(
                "A date achieved cannot be in the future.", code="achieved_in_future"
            )
        if self.status in STATUSES_NEEDING_REASON and is_blank(self.note):
            errors["note"] = ValidationError(
                "Say why it was not achieved.", code="reason_required"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def note_beyond_status(self):
        """The note, unless it only repeats the status (a note "Yes" on a done task)."""
        return "" if self.note == self.get_status_display() else self.note

    @property
    def responsibility(self):
        """As the documents write it: “PCT management with DacCom support”."""
        words = [self.lead_organisation.short_name]
        if self.lead_capacity:
            words.append(self.lead_capacity)
        if self.delivered_through:
            words.append(f"through {self.delivered_through}")
        if self.supporting_organisation_id:
            words.append(f"with {self.supporting_organisation.short_name} support")
        return " ".join(words)


def task_updatable_by(user):
    """The tasks `user` may update, as a condition (Task.is_writable_by in SQL)."""
    access = access_of(user)
    if access.is_superuser:
        return Q(pk__isnull=False)
    condition = Q(
        objective__programme__consortium_id__in=access.organisations_with(
            Role.EXECUTIVE
        )
    )
    pcts = access.organisations_with(Role.PCT)
    if pcts:
        condition |= (
            Q(lead_organisation_id__in=pcts)
            | Q(lead_organisation__successor_id__in=pcts)
            | Q(owner__user_id=user.pk)
        )
    return condition


class TaskAttachmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(task__in=Task.objects.visible_to(user))


class Comment(CleanTextModel):
    """A remark on a task: who wrote it, when, and what."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(max_length=4000)

    objects = TaskAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Comment by {self.author} on task {self.task_id}"

    def is_writable_by(self, user):
        return self.task.is_writable_by(user)


def evidence_upload_to(instance, filename):
    """evidence/<random token>/<name>: the token keeps names unguessable."""
    return f"evidence/{secrets.token_urlsafe(16)}/{filename}"


class Evidence(CleanTextModel):
    """What backs a task's claim: a file (stored privately, served only through a
    permission-checked view) or a link."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    description = models.CharField(max_length=200)
    file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    url = models.URLField("link", max_length=500, blank=True)

    objects = TaskAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="evidence_is_a_file_or_a_link",
            )
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        if self.url:
            return self.url
        return reverse("programmes:evidence-file", args=[self.pk])

    def is_writable_by(self, user):
        return self.task.is_writable_by(user)
