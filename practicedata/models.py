"""Practice-level data: indicators, their targets per scheme year, practices'
monthly returns, the imports that brought them, and practices' action plans."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel
from funding.models import FundingScheme
from governance.models import Organisation
from governance.roles import Role, access_of
from programmes.models import Programme, Task


def sees_every_practice(user):
    """Executives and PCT staff see every practice; a practice manager their own."""
    access = access_of(user)
    return access.is_superuser or bool(access.roles.keys() - {Role.PRACTICE_MANAGER})


def practices_visible_to(user):
    """The practices whose data `user` may see (others' pages are 404)."""
    practices = Organisation.objects.practices()
    access = access_of(user)
    if access.is_superuser:
        return practices
    own = access.organisations_with(Role.PRACTICE_MANAGER)
    if not sees_every_practice(user):
        return practices.filter(pk__in=own)
    consortia = Programme.objects.visible_to(user).values("consortium")
    return practices.filter(Q(member_of__in=consortia) | Q(pk__in=own))


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))


class Indicator(CleanTextModel):
    """Something measured at every practice each month, e.g. outpatient referrals
    to the top 8 specialties, or prescribing spend against budget."""

    class Direction(models.TextChoices):
        LOWER = "lower", "Lower is better"
        HIGHER = "higher", "Higher is better"

    class Normalisation(models.TextChoices):
        NONE = "none", "As returned"
        PER_1000 = "per_1000", "Per 1,000 patients"
        SHARE_OF_BUDGET = "budget", "Percentage of budget"

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.SlugField(
        max_length=40, help_text="How the CSV names it, e.g. “top8-referrals”."
    )
    name = models.CharField(max_length=200)
    unit = models.CharField(
        max_length=40, help_text="What a return counts, e.g. “referrals” or “£”."
    )
    direction = models.CharField(
        max_length=6, choices=Direction.choices, default=Direction.LOWER
    )
    normalisation = models.CharField(
        max_length=8, choices=Normalisation.choices, default=Normalisation.NONE
    )
    due_days = models.PositiveSmallIntegerField(
        default=15,
        help_text="A month's return is due by this day of the following month.",
    )
    notes = models.TextField(blank=True)

    objects = IndicatorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="one_indicator_code_a_programme"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("practicedata:indicator", args=[self.pk])

    def is_writable_by(self, user):
        return self.programme.is_writable_by(user)

    @property
    def lower_is_better(self):
        return self.direction == self.Direction.LOWER

    @property
    def measure(self):
        """How its figures read, e.g. “referrals per 1,000 patients”."""
        if self.normalisation == self.Normalisation.PER_1000:
            return f"{self.unit} per 1,000 patients"
        if self.normalisation == self.Normalisation.SHARE_OF_BUDGET:
            return "% of budget"
        return self.unit

    def due_on(self, month):
        """The day the return for `month` (its first day) is due."""
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        return following + datetime.timedelta(days=self.due_days - 1)


class IndicatorTarget(CleanTextModel):
    """The target for a scheme's year: for the consortium (no practice) or for one
    practice; either a change against the baseline year (e.g. −10%) or a level in
    the indicator's measure (for the year; shorter periods take their share,
    except a percentage of budget, which holds for any period)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets"
    )
    scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.PROTECT,
        related_name="indicator_targets",
        help_text="The scheme whose financial year the target is for.",
    )
    practice = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_targets",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
        help_text="Empty: the consortium's target.",
    )
    change_percent = models.DecimalField(
        "change against the baseline year (%)",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="e.g. −10 for 10% fewer than the year before.",
    )
    level = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "scheme", "practice"]
        constraints = [
            models.CheckConstraint(
                condition=Q(change_percent__isnull=True) ^ Q(level__isnull=True),
                name="target_is_a_change_or_a_level",
            ),
            models.UniqueConstraint(
                fields=["indicator", "scheme"],
                condition=Q(practice__isnull=True),
                name="one_consortium_target_a_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "scheme", "practice"],
                condition=Q(practice__isnull=False),
                name="one_practice_target_a_year",
            ),
        ]

    def __str__(self):
        whose = self.practice or "the consortium"
        return f"{self.indicator}, {self.scheme.year_label}, {whose}: {self.rule}"

    @property
    def rule(self):
        if self.change_percent is not None:
            sign = "+" if self.change_percent > 0 else ""
            return f"{sign}{self.change_percent.normalize():f}% on the year before"
        return f"{self.level.normalize():f} {self.indicator.measure}"

    def clean(self):
        if (self.change_percent is None) == (self.level is None):
            raise ValidationError(
                "Give either a change against the baseline year or a level."
            )


class ReturnImport(models.Model):
    """One CSV file of returns imported: who, when, which file, how many rows."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="return_imports"
    )
    file_name = models.CharField(max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d %b %Y %H:%M})"

    @property
    def rows(self):
        return self.created_count + self.changed_count + self.unchanged_count


class MonthlyReturnQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            indicator__in=Indicator.objects.visible_to(user),
            practice__in=practices_visible_to(user),
        )


class MonthlyReturn(models.Model):
    """A practice's figure for an indicator and a month (stored against the 1st)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="returns"
    )
    practice = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="monthly_returns",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
    )
    month = models.DateField(help_text="The first day of the month.")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    budget = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For an indicator measured against budget: the month's budget.",
    )
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_in = models.ForeignKey(
        ReturnImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="returns",
    )

    objects = MonthlyReturnQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "practice", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "practice", "month"], name="one_return_a_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="return_month_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.practice}, {self.indicator}, {self.month:%B %Y}: {self.value}"

    @property
    def is_late(self):
        return self.submitted_on > self.indicator.due_on(self.month)


class ActionPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            scheme__in=FundingScheme.objects.visible_to(user),
            practice__in=practices_visible_to(user),
        )


class ActionPlan(CleanTextModel):
    """What a practice will do in a scheme's year, agreed with the consortium."""

    practice = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="action_plans"
    )
    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="action_plans"
    )
    agreed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["practice", "-scheme__starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "scheme"], name="one_action_plan_a_year"
            )
        ]

    def __str__(self):
        return f"{self.practice}: action plan {self.scheme.year_label}"


class PlanActionQuerySet(models.QuerySet):
    def overdue(self, today):
        return self.filter(status=PlanAction.Status.OPEN, due_on__lt=today)


class PlanAction(CleanTextModel):
    """One thing a practice will do, by when, tied to an indicator or obligation."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="actions"
    )
    what = models.CharField(max_length=300)
    owner = models.CharField(max_length=120, help_text="Who at the practice.")
    due_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    obligation = models.CharField(
        max_length=200, blank=True, help_text="The LES obligation it serves, if any."
    )

    objects = PlanActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.what

    def is_overdue(self, today):
        return self.status == self.Status.OPEN and self.due_on < today


class TaskIndicator(models.Model):
    """A programme task whose achievement rests on an indicator's consortium
    target (e.g. “Reduction of 10% of referrals in top 8 specialties”)."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(
        IndicatorTarget, on_delete=models.CASCADE, related_name="tasks"
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.task} ← {self.target}"


class Obligation(CleanTextModel):
    """What a practice undertook for its LES payment in a scheme's year, shown as
    met, late or missed from the data held: its monthly returns, its attendance
    at a committee's meetings, or (for a project) as recorded by the consortium."""

    class Kind(models.TextChoices):
        SUBMIT_RETURNS = "returns", "Submit data monthly"
        ATTEND_MEETINGS = "meetings", "Attend meetings"
        TAKE_PART = "project", "Take part in a project"

    class Outcome(models.TextChoices):
        MET = "met", "Met"
        LATE = "late", "Late"
        MISSED = "missed", "Missed"
        OPEN = "open", "Not yet assessed"

    practice = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="obligations"
    )
    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="obligations"
    )
    agreement = models.ForeignKey(
        "agreements.PracticeAgreement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obligations",
        help_text="The signed LES agreement that carries it, if any.",
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    committee = models.ForeignKey(
        "governance.Committee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For meetings: whose meetings.",
    )
    meetings_required = models.PositiveSmallIntegerField(
        default=0, help_text="For meetings: how many of the year's to attend."
    )
    recorded_outcome = models.CharField(
        max_length=6,
        choices=Outcome.choices,
        default=Outcome.OPEN,
        help_text="For a project: as the consortium records it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["practice", "scheme", "kind", "pk"]

    def __str__(self):
        return self.description or self.get_kind_display()
