"""The consortium's reserve: the share of each scheme's payments the PCT holds
for invoices the consortium approves.

The reserve is a ledger read from the records that move money, never a stored
balance that could drift:

- money in: each released payment kind's reserve share (PaymentRelease, at the
  scheme's population, see `funding.calculations.funding_for`), for the kinds in
  `CREDITED_ON_RELEASE`; and every `ReserveCredit` row (e.g. the reserve's share
  of an achievement payment's agreed instalments);
- money out: invoices paid.

`funding.ledger` reads the rows and adds them up.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel

from .schemes import FundingScheme, PaymentKind

# Payment kinds whose reserve share is credited when they are released. The
# achievement payment is agreed after review in instalments that may differ from
# its maximum rate, so its reserve share comes in as ReserveCredit rows instead.
CREDITED_ON_RELEASE = (PaymentKind.Kind.ASPIRATION, PaymentKind.Kind.REWARD)


class ReserveCreditQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scheme__in=FundingScheme.objects.visible_to(user))


class ReserveCredit(CleanTextModel):
    """Money paid into the reserve other than on a payment kind's release, written
    by `funding.services.credit_reserve`."""

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="reserve_credits"
    )
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    credited_on = models.DateField()
    because = models.CharField(
        max_length=300,
        help_text="Why, e.g. “25% of the agreed achievement instalment of 64p”.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ReserveCreditQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "credited_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="reserve_credit_positive"
            )
        ]

    def __str__(self):
        return f"{self.because} ({self.scheme})"
