"""Contracts with key personnel: the minutes of 22 February 2007 propose them so
that the people doing the consortium's work, and their practices, know the input
required and the reimbursement over the year, and can back-fill (engage
long-term locums or temporary staff)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel, Versioned
from governance.models import Person

from .schemes import FundingScheme, sees_every_practice

ZERO_HOURS = Decimal("0.00")
POSITIVE = [MinValueValidator(Decimal("0.01"), message="Give more than zero.")]


sees_the_accounts = sees_every_practice


class KeyPersonContractQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not sees_the_accounts(user):
            return self.none()
        return self.filter(scheme__in=FundingScheme.objects.visible_to(user))

    def with_hours_invoiced(self):
        """`hours_invoiced` (approved or paid) and `hours_awaiting` (submitted)."""
        return self.annotate(
            hours_invoiced=Coalesce(
                Sum("invoices__hours", filter=Q(invoices__status__in=COMMITTED)),
                ZERO_HOURS,
            ),
            hours_awaiting=Coalesce(
                Sum("invoices__hours", filter=Q(invoices__status="submitted")),
                ZERO_HOURS,
            ),
        )


# Invoice statuses that commit the reserve's money (kept here to avoid an import
# cycle with invoices.py, which imports this module).
COMMITTED = ("approved", "paid")


class KeyPersonContract(Versioned, CleanTextModel):
    """What the consortium asks of a key person under a scheme: the input required
    (hours a year), the rate it reimburses, and the term."""

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="contracts"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="key_person_contracts"
    )
    role = models.CharField(
        "input required",
        max_length=200,
        help_text="What the person does, e.g. “Clinical lead, urgent care”.",
    )
    hours_per_year = models.DecimalField(
        "hours a year", max_digits=7, decimal_places=2, validators=POSITIVE
    )
    rate = models.DecimalField(
        "rate per hour (£)", max_digits=8, decimal_places=2, validators=POSITIVE
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    notes = models.TextField(blank=True)

    objects = KeyPersonContractQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["scheme", "person__last_name", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="contract_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_year__gt=0) & Q(rate__gt=0),
                name="contract_hours_and_rate_positive",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.role}"

    def is_writable_by(self, user):
        return self.scheme.is_writable_by(user)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": "The contract ends before it starts."},
                code="ends_before_start",
            )
