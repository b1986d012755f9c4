from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel


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
    list_size = models.PositiveIntegerField(
        default=0, help_text="Registered patients (practices only)."
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="practice") | models.Q(list_size=0),
                name="list_size_only_for_practices",
            )
        ]

    def __str__(self):
        return self.name


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
