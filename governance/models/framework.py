"""The PCT's Governance Framework for Practice Based Commissioning, and where the
consortium stands in it.

A framework version has areas, each with targets, and levels (1 to 3: level 3 is
the most independence and accountability, and the most funding). Which level the
consortium qualifies for is computed from its position on each target (see
governance.framework_services); the rule it is computed by is data on each level.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel, Versioned

from .organisations import Organisation

__all__ = [
    "Framework",
    "FrameworkArea",
    "FrameworkLevel",
    "FrameworkTarget",
    "InterimFunding",
    "TargetPosition",
]

LEVEL_NUMBERS = [MinValueValidator(1), MaxValueValidator(3)]


class FrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The consortium's executives and its practices' managers, and the PCT
        whose framework it is (or its successor)."""
        from governance.roles import access_of

        access = access_of(user)
        if access.is_superuser:
            return self
        organisations = access.organisations
        return self.filter(
            Q(consortium_id__in=organisations | access.consortia_of_practices)
            | Q(pct_id__in=organisations)
            | Q(pct__successor_id__in=organisations)
        )


class Framework(CleanTextModel):
    """One version of the PCT's governance framework, as it applies to one
    consortium (the targets are the PCT's; the positions are the consortium's)."""

    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40, help_text="e.g. “2007/8 draft”.")
    pct = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="pct_frameworks",
        limit_choices_to={"kind": Organisation.Kind.PCT},
        verbose_name="Primary Care Trust",
    )
    consortium = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="frameworks",
        limit_choices_to={"kind": Organisation.Kind.CONSORTIUM},
    )
    effective_from = models.DateField()
    notes = models.TextField(blank=True)

    objects = FrameworkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "name", "version"], name="one_framework_version"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"

    def get_absolute_url(self):
        return reverse("framework:framework", args=[self.pk])

    def is_writable_by(self, user):
        """The consortium's executive members keep its position up to date."""
        from governance.roles import access_of

        return access_of(user).is_executive_of(self.consortium_id)


class FrameworkLevel(CleanTextModel):
    """A level of the framework, the funding that goes with it, and the rule for
    qualifying at it. The seeds' rule is the default: meet at least 2 targets in
    each area, with plans in place for the remainder."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="levels"
    )
    number = models.PositiveSmallIntegerField(validators=LEVEL_NUMBERS)
    name = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    funding_per_patient = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="What the PCT pays a year per registered patient at this level.",
    )
    funding_note = models.CharField(max_length=300, blank=True)
    targets_to_meet_per_area = models.PositiveSmallIntegerField(
        default=2,
        help_text="Targets that must be met in each area (an area with fewer "
        "targets at this level must meet all it has).",
    )
    plans_for_remainder = models.BooleanField(
        default=True,
        help_text="Whether every target not met must have a plan in place.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="one_framework_level_number"
            )
        ]

    def __str__(self):
        return f"Level {self.number}"

    @property
    def rule(self):
        """The rule in words, for the page."""
        plans = (
            ", with plans in place for the remainder"
            if self.plans_for_remainder
            else ""
        )
        met = self.targets_to_meet_per_area
        return f"Meet at least {met} targets in each area{plans}."


class FrameworkArea(CleanTextModel):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="areas"
    )
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "name"], name="one_framework_area_name"
            )
        ]

    def __str__(self):
        return self.name


class FrameworkTargetQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(area__framework__in=Framework.objects.visible_to(user))


class FrameworkTarget(CleanTextModel):
    """A target in an area. It counts at its level and every level above (a level
    1 target must also be met, or planned, for level 3)."""

    area = models.ForeignKey(
        FrameworkArea, on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField(max_length=20, help_text="e.g. “A1”.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    level = models.PositiveSmallIntegerField(
        default=1,
        validators=LEVEL_NUMBERS,
        help_text="The lowest level at which it counts.",
    )

    objects = FrameworkTargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__order", "area__name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"], name="one_framework_target_code"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("framework:target", args=[self.pk])

    def is_writable_by(self, user):
        return self.area.framework.is_writable_by(user)

    @property
    def current_position(self):
        """Its position, or an unsaved one saying "neither" when none is recorded."""
        try:
            return self.position
        except TargetPosition.DoesNotExist:
            return TargetPosition(target=self)


class TargetPosition(Versioned, CleanTextModel):
    """Where the consortium stands on a target: met (with the evidence), planned
    (with the plan), or neither. Its field history is the position's history."""

    class Status(models.TextChoices):
        MET = "met", "Met"
        PLANNED = "planned", "Planned"
        NEITHER = "neither", "Neither met nor planned"

    target = models.OneToOneField(
        FrameworkTarget, on_delete=models.CASCADE, related_name="position"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEITHER
    )
    evidence = models.TextField(blank=True, help_text="What shows it is met.")
    plan = models.TextField(blank=True, help_text="How and by when it will be met.")
    plan_due = models.DateField("plan due by", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["target"]

    def __str__(self):
        return f"{self.target.code}: {self.get_status_display()}"

    def clean(self):
        if self.status == self.Status.MET and not self.evidence.strip():
            raise ValidationError(
                {"evidence": "Say what shows the target is met."},
                code="evidence_required",
            )
        if self.status == self.Status.PLANNED and not self.plan.strip():
            raise ValidationError(
                {"plan": "Describe the plan in place for the target."},
                code="plan_required",
            )


class InterimFunding(CleanTextModel):
    """Funding at a level for a period, ahead of the targets being shown (the
    seeds: Level 3 for three months to end-June 2007). Flagged as the date by which
    the targets must be shown approaches."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="interim_funding"
    )
    level = models.PositiveSmallIntegerField(validators=LEVEL_NUMBERS)
    starts_on = models.DateField()
    ends_on = models.DateField()
    targets_due_by = models.DateField(
        help_text="When the consortium must have shown it meets the targets."
    )
    warn_days_before = models.PositiveSmallIntegerField(
        default=30, help_text="Flag it this many days before the targets are due."
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "-starts_on"]
        verbose_name_plural = "interim funding"

    def __str__(self):
        return f"Level {self.level}, {self.starts_on} to {self.ends_on}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "The period ends before it starts."}, code="ends_first"
            )

    def days_left(self, today):
        return (self.targets_due_by - today).days

    def state(self, today):
        """ "passed", "approaching" (within `warn_days_before`), "running" or
        "not_started"."""
        if today > self.targets_due_by:
            return "passed"
        if self.days_left(today) <= self.warn_days_before:
            return "approaching"
        if today < self.starts_on:
            return "not_started"
        return "running"
