from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from core.dates import first_of_month
from core.models import CleanTextModel


class OrganisationQuerySet(models.QuerySet):
    def practices(self):
        return self.filter(kind=Organisation.Kind.PRACTICE)

    def with_list_size(self, as_at):
        """Annotate `list_size`: the size recorded for the month of `as_at`, or the
        latest before it (None when nothing was recorded by then)."""
        latest = PracticeListSize.objects.filter(
            practice=models.OuterRef("pk"), month__lte=first_of_month(as_at)
        ).order_by("-month")
        return self.annotate(list_size=models.Subquery(latest.values("size")[:1]))


class Organisation(CleanTextModel):
    """A body that takes part in the programme.

    The consortium is the group of GP practices doing Practice Based Commissioning
    (DacCom PbC Ltd); the PCT is the Primary Care Trust that holds the budget;
    practices are the member GP practices; providers are hospital trusts and clinics.
    """

    class Kind(models.TextChoices):
        CONSORTIUM = "consortium", "Consortium"
        PCT = "pct", "Primary Care Trust"
        PRACTICE = "practice", "GP practice"
        PROVIDER = "provider", "Provider"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, help_text="How the documents name it, e.g. “DacCom”, “PCT”."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    code = models.CharField(
        "practice code",
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        help_text="The national (ODS) code of a GP practice, e.g. E82001.",
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text="The body that took over its work (e.g. a PCT merged into another).",
    )
    member_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_practices",
        limit_choices_to={"kind": "consortium"},
        help_text="For a practice: the consortium it belongs to.",
    )
    notes = models.TextField(blank=True)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="practice") | models.Q(code__isnull=True),
                name="only_practices_have_codes",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="practice") | models.Q(member_of__isnull=True),
                name="only_practices_are_members",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.PRACTICE and not self.code:
            raise ValidationError(
                {"code": "A practice needs its practice code."}, code="code_required"
            )


class PracticeListSize(models.Model):
    """The patients registered with a practice, as at a month (the 1st of it).

    Funding counts the population as at the date a scheme counts it, so sizes are
    kept per month rather than overwritten.
    """

    practice = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="list_sizes",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
    )
    month = models.DateField(help_text="The first day of the month.")
    size = models.PositiveIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["practice", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "month"], name="one_list_size_a_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="list_size_month_is_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.practice}: {self.size:,} patients, {self.month:%B %Y}"

    def clean(self):
        if self.practice_id and self.practice.kind != Organisation.Kind.PRACTICE:
            raise ValidationError(
                {"practice": "Only GP practices have list sizes."}, code="not_practice"
            )


class Person(CleanTextModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="people"
    )
    honorific = models.CharField(max_length=20, blank=True, help_text="e.g. Dr")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    initials = models.CharField(max_length=6, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    notes = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(
            p for p in (self.honorific, self.first_name, self.last_name) if p
        )


class Membership(models.Model):
    """A user's role in one organisation: the source of truth for access.

    An executive member belongs to the consortium, a PCT reviewer to the Primary
    Care Trust, a practice manager to a practice (one person may manage several).
    """

    class Role(models.TextChoices):
        EXECUTIVE = "executive", "Executive member"
        PCT = "pct", "PCT reviewer"
        PRACTICE_MANAGER = "practice_manager", "Practice manager"

    KIND_FOR_ROLE = {
        Role.EXECUTIVE: Organisation.Kind.CONSORTIUM,
        Role.PCT: Organisation.Kind.PCT,
        Role.PRACTICE_MANAGER: Organisation.Kind.PRACTICE,
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_role_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.organisation}"

    def clean(self):
        expected = self.KIND_FOR_ROLE.get(self.role)
        if self.organisation_id and expected and self.organisation.kind != expected:
            raise ValidationError(
                {
                    "organisation": ValidationError(
                        "A %(role)s belongs to a %(kind)s.",
                        code="role_does_not_fit_organisation",
                        params={
                            "role": self.get_role_display().lower(),
                            "kind": expected.label.lower(),
                        },
                    )
                }
            )
