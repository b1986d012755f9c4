"""What the PCT actually agreed to pay under an achievement payment."""

from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel

from .schemes import ZERO, PaymentKind


class AgreedInstalment(CleanTextModel):
    """One instalment of an achievement payment as agreed with the Primary Care
    Trust, per patient: e.g. 64p "for achieving targets set out in our business
    plan" and 31p "recognising that insufficient support from the PCT during this
    year resulted in missed targets" (April 2007 status report). The scheme's
    practice share of it goes to the practices; the rest into the reserve."""

    payment_kind = models.ForeignKey(
        PaymentKind, on_delete=models.CASCADE, related_name="instalments"
    )
    order = models.PositiveSmallIntegerField(default=1)
    rate_per_patient = models.DecimalField(
        "rate per patient (£)",
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(ZERO)],
    )
    reason = models.CharField(max_length=300, help_text="What the instalment is for.")
    agreed_on = models.DateField()
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["payment_kind", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_per_patient__gte=0),
                name="instalment_rate_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reason} ({self.rate_per_patient} per patient)"
