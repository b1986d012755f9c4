"""Funding schemes (the DES, the LES), what each pays per patient, and which
practices take part."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.dates import financial_year_label
from core.models import CleanTextModel, Versioned
from core.text import file_slug
from governance.models import Organisation
from governance.roles import Role, access_of
from programmes.models import Programme

ZERO = Decimal("0")
HUNDRED = Decimal("100")


def sees_every_practice(user):
    """Executive members and PCT staff see every practice's part of the schemes
    they may see (payments, invoices, contracts); someone who is only a practice
    manager sees only their own practice's."""
    access = access_of(user)
    return access.is_superuser or bool(access.roles.keys() - {Role.PRACTICE_MANAGER})


class FundingSchemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def for_pages(self):
        """What every scheme page shows around itself (breadcrumb, tabs), in the
        scheme's own query."""
        achievement_kind = PaymentKind.objects.filter(
            scheme=models.OuterRef("pk"), kind=PaymentKind.Kind.ACHIEVEMENT
        )
        return self.select_related("programme__consortium").annotate(
            has_achievement=models.Exists(achievement_kind)
        )


class FundingScheme(Versioned, CleanTextModel):
    """A scheme that pays the consortium's practices for commissioning work, e.g.
    the 2006/7 DES "Towards Practice Based Commissioning" or the 2007/8 LES."""

    class Kind(models.TextChoices):
        DES = "des", "Directed Enhanced Service (DES)"
        LES = "les", "Local Enhanced Service (LES)"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=3, choices=Kind.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="funding_schemes"
    )
    starts_on = models.DateField(help_text="The first day of its financial year.")
    ends_on = models.DateField()
    population_as_at = models.DateField(
        help_text="The practices' list sizes are counted as at this date."
    )
    practice_share = models.DecimalField(
        "share paid to practices (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("75"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
        help_text="The rest is held by the PCT as the consortium's reserve, for "
        "invoices the consortium approves.",
    )
    hourly_rate = models.DecimalField(
        "hourly rate for GP or manager time (£)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="What an hour of GP (or manager) time costs the reserve: the "
        "reserve and its allocations are shown as hours at this rate.",
    )
    notes = models.TextField(blank=True)

    objects = FundingSchemeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding:scheme", args=[self.pk])

    def is_writable_by(self, user):
        """Executive members of its programme's consortium manage the scheme."""
        return self.programme.is_writable_by(user)

    def shows_every_practice_to(self, user):
        """Whether `user` may see every practice's part (executives and PCT staff);
        a practice manager sees only their own practice's."""
        return sees_every_practice(user)

    @property
    def slug(self):
        """Its name for file names: "des-2006-7-towards-practice-based-…"."""
        return file_slug(self.name)[:60].strip("-") or f"scheme-{self.pk}"

    @property
    def year_label(self):
        return financial_year_label(self.starts_on)

    @property
    def reserve_share(self):
        return HUNDRED - self.practice_share

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The scheme ends before it starts."})


class PaymentKind(CleanTextModel):
    """One payment a scheme makes, at a maximum rate per patient, released by an
    event: the aspiration payment on approval of the plan, the reward payment on
    achieving the success criteria, the achievement payment agreed after review."""

    class Kind(models.TextChoices):
        ASPIRATION = "aspiration", "Aspiration payment"
        REWARD = "reward", "Reward payment"
        ACHIEVEMENT = "achievement", "Achievement payment"

    RELEASED_BY = {
        Kind.ASPIRATION: "approval of the plan",
        Kind.REWARD: "achieving the success criteria",
        Kind.ACHIEVEMENT: "agreement of the achievement review",
    }

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.CASCADE, related_name="payment_kinds"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    max_rate_per_patient = models.DecimalField(
        "maximum rate per patient (£)",
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(ZERO)],
    )
    in_place_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text="The payment this one is agreed instead of: e.g. an achievement "
        "payment agreed after review in place of a reward payment whose success "
        "criteria were not all met. Once instalments are agreed, that payment is "
        "no longer due.",
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "kind"], name="one_payment_kind_per_scheme"
            ),
            models.CheckConstraint(
                condition=models.Q(max_rate_per_patient__gte=0),
                name="payment_rate_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.scheme}"

    @property
    def released_by(self):
        return self.RELEASED_BY[self.kind]

    def clean(self):
        if self.in_place_of_id and (
            self.in_place_of.scheme_id != self.scheme_id
            or self.in_place_of_id == self.pk
        ):
            raise ValidationError(
                {"in_place_of": "Choose another payment of the same scheme."},
                code="in_place_of_other_scheme",
            )


class ParticipationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives and PCT staff see every practice's row; a practice manager
        only their own practices' rows."""
        access = access_of(user)
        visible = self.filter(scheme__in=FundingScheme.objects.visible_to(user))
        if access.is_superuser or access.roles.keys() - {Role.PRACTICE_MANAGER}:
            return visible
        return visible.filter(
            practice_id__in=access.organisations_with(Role.PRACTICE_MANAGER)
        )

    def participating(self):
        return self.filter(status=Participation.Status.CONFIRMED)


class Participation(Versioned, CleanTextModel):
    """Whether a practice takes part in a scheme: confirmed in writing on a date,
    withdrawn, or not participating."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed in writing"
        WITHDRAWN = "withdrawn", "Withdrawn"
        NOT_PARTICIPATING = "not_participating", "Not participating"

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.CASCADE, related_name="participations"
    )
    practice = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="participations",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    confirmed_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = ParticipationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "practice__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "practice"], name="one_participation_per_practice"
            )
        ]

    def __str__(self):
        return f"{self.practice}: {self.get_status_display()} ({self.scheme})"

    def get_absolute_url(self):
        return reverse("funding:participation", args=[self.pk])

    def is_writable_by(self, user):
        return self.scheme.is_writable_by(user)

    @property
    def is_participating(self):
        return self.status == self.Status.CONFIRMED

    def clean(self):
        if self.practice_id and self.practice.kind != Organisation.Kind.PRACTICE:
            raise ValidationError({"practice": "Only GP practices take part."})
        if self.status == self.Status.CONFIRMED and not self.confirmed_on:
            raise ValidationError(
                {"confirmed_on": "Give the date the practice confirmed in writing."}
            )
        if self.status == self.Status.WITHDRAWN and not self.withdrawn_on:
            raise ValidationError({"withdrawn_on": "Give the date it withdrew."})


class PaymentRelease(models.Model):
    """The event that releases a payment kind happened: from then on its money is
    due, the practices' share to the practices and the rest into the reserve.

    Written by `funding.services.release_payment`, e.g. when the plan's approval
    is signed by both parties, or when an achievement review is agreed.
    """

    payment_kind = models.OneToOneField(
        PaymentKind, on_delete=models.PROTECT, related_name="release"
    )
    released_on = models.DateField()
    because = models.CharField(
        max_length=300, help_text="What released it, e.g. the signed plan's reference."
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.payment_kind} released on {self.released_on:%-d %B %Y}"
