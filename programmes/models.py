import secrets
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.db.models.query import ModelIterable
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.dates import add_years, financial_year_label
from core.formatting import PENNY
from core.models import CleanTextModel, Versioned
from core.text import file_slug, is_blank
from governance.models import Action, Membership, MinuteItem, Organisation, Person
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
# Still meant to happen: with a date in the past, such a task is overdue.
OVERDUE_STATUSES = (TaskStatus.PLANNED, TaskStatus.TO_DO, TaskStatus.IN_PROGRESS)


class Party(models.TextChoices):
    """Who a task's shortfall is due to: the review's two columns, the second
    being "PCT or other"."""

    CONSORTIUM = "consortium", "the consortium"
    PCT = "pct", "the PCT"
    OTHER = "other", "another party"


class ProgressMode(models.TextChoices):
    """How a programme counts an objective's progress from its tasks."""

    TASK_COUNT = "task_count", "by task count (each task done counts one)"
    TASK_WEIGHT = "task_weight", "by task weight (each task done counts its weight)"
    STATUS_VALUE = "status_value", "by a progress value per status"


def default_status_progress():
    """Done and tbc count in full, everything else not at all (as task counting)."""
    return {
        status: (100 if status in ACHIEVED_STATUSES else 0) for status in TaskStatus
    }


# Which tasks count in the figures, in one place: every figure (rows, totals,
# headlines) counts only the tasks matching COUNTED (a condition on Task, which
# should also cover its objective's, e.g. objective__archived=False), and lists only
# the objectives matching COUNTED_OBJECTIVES (a condition on Objective). A programme
# may further leave statuses out (Programme.excluded_statuses).
COUNTED = Q(archived_at__isnull=True, objective__archived_at__isnull=True)
COUNTED_OBJECTIVES = Q(archived_at__isnull=True)

# The one definition of "not archived": every listing and figure counts only these.
ACTIVE = Q(archived_at__isnull=True)


def overdue_on(day):
    """A task still meant to happen whose date is before `day`: the one definition
    of overdue."""
    return Q(status__in=OVERDUE_STATUSES, date__lt=day)


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
        """Each programme's achievement, saving and open tasks.

        The achievement comes from one grouped count of all their tasks, run when
        the programmes are fetched (see HeadlinesIterable).
        """
        saving = (
            FRPTarget.objects.active()
            .filter(project__programme=OuterRef("pk"))
            .order_by()
            .values("project__programme")
            .annotate(total=Sum("planned_saving"))
            .values("total")
        )
        clone = self.select_related("consortium").annotate(
            total_saving=Coalesce(
                Subquery(saving), ZERO, output_field=models.DecimalField()
            ),
        )
        clone._iterable_class = HeadlinesIterable
        return clone


class HeadlinesIterable(ModelIterable):
    """Programmes with `achieved_pct` and `open_task_count`: one query for all."""

    def __iter__(self):
        programmes = list(super().__iter__())
        keys = {_headlines_key(programme): programme for programme in programmes}
        cached = cache.get_many(list(keys)) if keys else {}
        for key, (achieved_pct, open_task_count) in cached.items():
            keys[key].achieved_pct = achieved_pct
            keys[key].open_task_count = open_task_count
        missing = [p for key, p in keys.items() if key not in cached]
        if missing:
            self._count(missing)
            cache.set_many(
                {
                    _headlines_key(p): (p.achieved_pct, p.open_task_count)
                    for p in missing
                },
                HEADLINES_SECONDS,
            )
        yield from programmes

    @staticmethod
    def _count(programmes):
        by_pk = {programme.pk: programme for programme in programmes}
        rows = _tally(
            Task.objects.filter(objective__programme__in=list(by_pk)),
            "objective__programme",
            "objective",
            "objective__weight",
            by_party=False,
        )
        per_programme = {pk: {} for pk in by_pk}
        counting = {pk: programme.counting() for pk, programme in by_pk.items()}
        for row in rows:
            objectives = per_programme[row["objective__programme"]]
            figures = objectives.get(row["objective"])
            if figures is None:
                figures = objectives[row["objective"]] = Figures(
                    weight=row["objective__weight"]
                )
            figures.add(row, counting[row["objective__programme"]])
        for programme in programmes:
            objectives = per_programme[programme.pk].values()
            programme.achieved_pct = weighted_mean(objectives, "achieved")
            programme.open_task_count = sum(f.open_count for f in objectives)


# Headlines are kept until their programme's revision changes; the time limit only
# frees the memory of programmes nobody looks at.
HEADLINES_SECONDS = 24 * 60 * 60


def _headlines_key(programme):
    return f"programmes:headlines:{programme.pk}:{programme.revision}"


def new_revision():
    return secrets.randbits(62)


def figures_revision_changed(programmes):
    """Give `programmes` (a queryset) a new revision, in the caller's transaction:
    figures cached under the old one are never read again."""
    programmes.update(revision=new_revision())


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
    progress_mode = models.CharField(
        max_length=20,
        choices=ProgressMode.choices,
        default=ProgressMode.TASK_COUNT,
        help_text="How an objective's achievement is counted from its tasks.",
    )
    status_progress = models.JSONField(
        default=default_status_progress,
        blank=True,
        help_text="Counting by status value: the percentage each status counts, "
        'e.g. {"done": 100, "tbc": 100, "in_progress": 50}; a status left out '
        "counts 0.",
    )
    excluded_statuses = models.JSONField(
        default=list,
        blank=True,
        help_text='Statuses left out of the figures altogether, e.g. ["stopped"] '
        "for tasks withdrawn by agreement.",
    )

    # Changes whenever anything its figures are counted from changes (its tasks,
    # objectives and counting settings), in the same transaction: figures are
    # cached under it (see figures_revision_changed and HeadlinesIterable). A new
    # random number each time, never a count: a number seen once is never current
    # again, even after the database is emptied and loaded afresh.
    revision = models.BigIntegerField(default=new_revision, editable=False)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "revision"])

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

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get("update_fields") is not None:
            return super().save(*args, **kwargs)
        # Never write back the revision this copy was loaded with: it may be older
        # than the stored one, and a revision must never become current again.
        kwargs["update_fields"] = [
            f.name
            for f in self._meta.concrete_fields
            if not f.primary_key and f.name != "revision"
        ]
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            figures_revision_changed(Programme.objects.filter(pk=self.pk))

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

    def clean(self):
        errors = {}
        progress = self.status_progress
        if not isinstance(progress, dict) or any(
            status not in TaskStatus.values
            or type(value) is not int
            or not 0 <= value <= 100
            for status, value in progress.items()
        ):
            errors["status_progress"] = ValidationError(
                "Give each status a whole percentage from 0 to 100, e.g. "
                '{"done": 100, "in_progress": 50}. Statuses: %(statuses)s.',
                code="bad_status_progress",
                params={"statuses": ", ".join(TaskStatus.values)},
            )
        excluded = self.excluded_statuses
        if (
            not isinstance(excluded, list)
            or any(status not in TaskStatus.values for status in excluded)
            or len(set(excluded)) != len(excluded)
        ):
            errors["excluded_statuses"] = ValidationError(
                'List statuses, each once, e.g. ["stopped"]. Statuses: %(statuses)s.',
                code="bad_excluded_statuses",
                params={"statuses": ", ".join(TaskStatus.values)},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def year_label(self):
        """“2006/7”: the NHS financial year it starts in, as its review is named."""
        return financial_year_label(self.starts_on)

    @property
    def excluded_status_labels(self):
        labels = dict(TaskStatus.choices)
        return [f"“{labels[status]}”" for status in self.excluded_statuses]

    def counts_status(self, status):
        """Whether tasks in `status` count in the figures at all."""
        return status not in self.excluded_statuses

    def progress_of(self, status):
        """How much of a task in `status` is achieved, exactly (0 to 1)."""
        if self.progress_mode == ProgressMode.STATUS_VALUE:
            return Fraction(self.status_progress.get(status, 0), 100)
        return Fraction(1 if status in ACHIEVED_STATUSES else 0)

    def counting(self):
        """How its figures count a task, as a lookup table (see Figures.add)."""
        return Counting(
            by_weight=self.progress_mode == ProgressMode.TASK_WEIGHT,
            percentages={
                status: int(self.progress_of(status) * 100)
                for status in TaskStatus.values
                if self.counts_status(status)
            },
        )

    def achievement(self, rows=None):
        """The programme's totals: the weighted mean of its objectives' rows.

        `rows`: its objectives as fetched `with_achievement()`, when a page has
        them already (no further query); else counted here, in one query.
        """
        if rows is not None:
            return AchievementTotals.of(
                (row.figures for row in rows), self.max_payment_per_patient
            )
        rows = _tally(
            Task.objects.filter(objective__programme=self),
            "objective",
            "objective__weight",
        )
        objectives = {}
        counting = self.counting()
        for row in rows:
            figures = objectives.get(row["objective"])
            if figures is None:
                figures = objectives[row["objective"]] = Figures(
                    weight=row["objective__weight"]
                )
            figures.add(row, counting)
        return AchievementTotals.of(objectives.values(), self.max_payment_per_patient)


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


SHORTFALL_PARTY = Case(
    When(~Q(shortfall_due_to=""), then=F("shortfall_due_to")),
    When(
        lead_organisation__kind=Organisation.Kind.CONSORTIUM,
        then=Value(Party.CONSORTIUM.value),
    ),
    When(lead_organisation__kind=Organisation.Kind.PCT, then=Value(Party.PCT.value)),
    default=Value(Party.OTHER.value),
    output_field=models.CharField(),
)


def _tally(tasks, *keys, by_party=True):
    """Counted tasks and their weights, grouped by `keys`, status and the party a
    shortfall is due to: one grouped query that every figure is computed from.
    Without `by_party` (achievement only, no shortfall split) the rows are fewer."""
    tasks = tasks.filter(COUNTED)
    if by_party:
        tasks = tasks.annotate(party=SHORTFALL_PARTY)
        keys = (*keys, "party")
    return (
        tasks.values(*keys, "status")
        .annotate(n=Count("pk"), weight=Sum("weight"))
        .order_by()
    )


def as_percent(share):
    """An exact share (0 to 1) as a percentage, a Decimal to 4 places, half up."""
    if share is None:
        return None
    percent = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return percent.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


# Worked out once: Party.values builds its list on every call, and figures for the
# programmes list make two dicts of it for each of hundreds of objectives.
PARTIES = tuple(Party.values)


@dataclass(frozen=True)
class Counting:
    by_weight: bool
    percentages: dict  # status → percent achieved; statuses left out are absent


@dataclass
class Figures:
    """An objective's progress, exact: how much of its counted tasks (measured by
    count or weight) is achieved, and who the rest is due to.

    Amounts are whole numbers in hundredths of a task (or of a unit of weight), as
    status progress values are whole percentages: integer sums, exact and fast.
    """

    weight: int = 1
    total: int = 0
    achieved: int = 0
    short: dict = field(default_factory=lambda: dict.fromkeys(PARTIES, 0))
    task_count: int = 0
    achieved_count: int = 0
    short_counts: dict = field(default_factory=lambda: dict.fromkeys(PARTIES, 0))
    excluded_count: int = 0

    def add(self, row, counting):
        """Add one row of _tally, counted the programme's way (its `counting()`)."""
        status, party, n = row["status"], row.get("party", Party.OTHER), row["n"]
        percent = counting.percentages.get(status)
        if percent is None:  # a status the programme leaves out
            self.excluded_count += n
            return
        measure = row["weight"] if counting.by_weight else n
        self.total += measure * 100
        self.achieved += measure * percent
        self.short[party] += measure * (100 - percent)
        self.task_count += n
        if status in ACHIEVED_STATUSES:
            self.achieved_count += n
        else:
            self.short_counts[party] += n

    def share(self, part):
        """achieved, short_consortium or short_other, as a share (None: no tasks)."""
        if not self.total:
            return None
        if part == "achieved":
            amount = self.achieved
        elif part == "short_consortium":
            amount = self.short[Party.CONSORTIUM]
        else:
            amount = self.short[Party.PCT] + self.short[Party.OTHER]
        return Fraction(amount, self.total)

    @property
    def open_count(self):
        return self.task_count - self.achieved_count


def weighted_mean(figures, part):
    """Mean of a part over objectives, by their weight, leaving out those without
    tasks; exact until the final percentage."""
    measured = [(f.weight, f.share(part)) for f in figures if f.total]
    weights = sum(weight for weight, _ in measured)
    if not weights:
        return None
    return as_percent(sum(weight * share for weight, share in measured) / weights)


class ObjectiveQuerySet(ArchivableQuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def counted(self):
        """Objectives whose tasks count in the figures."""
        return self.filter(COUNTED_OBJECTIVES)

    def with_achievement(self):
        """Objectives with their figures (task_count, achieved_pct, …).

        Computed when fetched, from one grouped count of the fetched objectives'
        tasks (see AchievementIterable), so a page of rows costs one query more.
        """
        clone = self.select_related("programme")
        clone._iterable_class = AchievementIterable
        return clone


class AchievementIterable(ModelIterable):
    def __iter__(self):
        objectives = list(super().__iter__())
        by_pk = {objective.pk: objective for objective in objectives}
        figures = {pk: Figures(weight=o.weight) for pk, o in by_pk.items()}
        counting = {}
        for objective in objectives:
            if objective.programme_id not in counting:
                counting[objective.programme_id] = objective.programme.counting()
        if by_pk:
            for row in _tally(
                Task.objects.filter(objective__in=list(by_pk)), "objective"
            ):
                objective = by_pk[row["objective"]]
                figures[objective.pk].add(row, counting[objective.programme_id])
        for objective in objectives:
            objective.set_figures(figures[objective.pk])
        yield from objectives


@dataclass(frozen=True)
class AchievementTotals:
    """A programme's achievement, and the DES payment per patient it earns.

    Percentages (Decimal to 4 places, or None without tasks) are the weighted
    means of the objectives' rows, computed exactly and rounded once.
    """

    max_payment_per_patient: Decimal
    achieved: Decimal | None
    short_consortium: Decimal | None
    short_other: Decimal | None

    @classmethod
    def of(cls, figures, max_payment_per_patient=ZERO):
        figures = list(figures)
        return cls(
            max_payment_per_patient=max_payment_per_patient,
            **{
                part: weighted_mean(figures, part)
                for part in ("achieved", "short_consortium", "short_other")
            },
        )

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


class RemembersParent:
    """Remembers the parent (`parent_field`) it was loaded with, so that a change
    of parent changes the figures revision of both programmes."""

    parent_field = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_parent_id = instance.__dict__.get(cls.parent_field)
        return instance


class Objective(RemembersParent, Versioned, Archivable, CleanTextModel):
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
    parent_field = "programme_id"

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

    def set_figures(self, figures):
        """Attach figures as the pages read them (see with_achievement)."""
        self.figures = figures
        self.task_count = figures.task_count
        self.achieved_count = figures.achieved_count
        self.short_consortium_count = figures.short_counts[Party.CONSORTIUM]
        self.short_other_count = (
            figures.short_counts[Party.PCT] + figures.short_counts[Party.OTHER]
        )
        self.excluded_count = figures.excluded_count
        self.achieved_pct = as_percent(figures.share("achieved"))
        self.short_consortium_pct = as_percent(figures.share("short_consortium"))
        self.short_other_pct = as_percent(figures.share("short_other"))


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


class Task(RemembersParent, Versioned, Archivable, CleanTextModel):
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
    weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Its weight in its objective, where the programme counts by weight.",
    )
    shortfall_due_to = models.CharField(
        "shortfall due to",
        max_length=20,
        choices=Party.choices,
        blank=True,
        help_text="Who it not being achieved is due to; blank: its lead organisation.",
    )
    shortfall_reason = models.CharField(
        "reason for the attribution",
        max_length=300,
        blank=True,
        help_text="e.g. “Stopped by new PCT: the review puts it on the PCT”.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "updated_at"])
    parent_field = "objective_id"

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
        if self.shortfall_due_to and is_blank(self.shortfall_reason):
            errors["shortfall_reason"] = ValidationError(
                "Say why the shortfall is due to %(party)s.",
                code="attribution_reason_required",
                params={"party": self.get_shortfall_due_to_display()},
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self):
        """Still meant to happen, and its (planned) date has passed."""
        return (
            self.status in OVERDUE_STATUSES
            and self.date is not None
            and self.date < timezone.localdate()
        )

    @property
    def shortfall_party(self):
        """Who a shortfall is due to: as set, else following the lead organisation."""
        if self.shortfall_due_to:
            return Party(self.shortfall_due_to)
        return {
            Organisation.Kind.CONSORTIUM: Party.CONSORTIUM,
            Organisation.Kind.PCT: Party.PCT,
        }.get(self.lead_organisation.kind, Party.OTHER)

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
    minute_item = models.ForeignKey(
        MinuteItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cited_as_evidence",
        help_text="A minute of a meeting that records it.",
    )

    objects = TaskAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["-added_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="") & Q(minute_item__isnull=True))
                | (~Q(file="") & Q(url="") & Q(minute_item__isnull=True))
                | (Q(file="") & Q(url="") & Q(minute_item__isnull=False)),
                name="evidence_is_a_file_a_link_or_a_minute",
            )
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        if self.url:
            return self.url
        if self.minute_item_id:
            return self.minute_item.get_absolute_url()
        return reverse("programmes:evidence-file", args=[self.pk])

    def is_writable_by(self, user):
        return self.task.is_writable_by(user)


class ActionForTask(models.Model):
    """A meeting's action linked to the programme task it serves (kept here:
    programmes may know about governance's meetings, never the reverse)."""

    action = models.OneToOneField(
        Action, on_delete=models.CASCADE, related_name="task_link"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="meeting_actions"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "action for a task"

    def __str__(self):
        return f"{self.action} → {self.task}"


# Whatever changes a task or an objective, by any path that saves or deletes
# (services, the admin, the demo loader), changes its programme's revision in the
# same transaction. An objective or task moved elsewhere changes both programmes'.
# (Queryset update() and bulk_create() send no signals: code that changes figures
# that way must call figures_revision_changed itself.)


def _remember_parent(instance, field):
    instance._loaded_parent_id = getattr(instance, field)


@receiver(post_save, sender=Objective)
@receiver(post_delete, sender=Objective)
def _objective_changed(sender, instance, **kwargs):
    ids = {instance.programme_id, getattr(instance, "_loaded_parent_id", None)}
    figures_revision_changed(Programme.objects.filter(pk__in=ids - {None}))
    _remember_parent(instance, "programme_id")


@receiver(post_save, sender=Task)
@receiver(post_delete, sender=Task)
def _task_changed(sender, instance, **kwargs):
    ids = {instance.objective_id, getattr(instance, "_loaded_parent_id", None)}
    figures_revision_changed(
        Programme.objects.filter(
            pk__in=Objective.objects.filter(pk__in=ids - {None}).values("programme")
        )
    )
    _remember_parent(instance, "objective_id")


# What the cached task rows name from elsewhere: organisations (lead, support, and
# who may update what), people (owners) and memberships (who may update what). Such
# changes are rare: every programme gets a new revision.


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def _names_or_access_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # signing in changes nothing shown
    figures_revision_changed(Programme.objects.all())
