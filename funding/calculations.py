"""What a scheme pays, in Decimal pounds from exact counts of patients.

The population is summed by the database as an integer; every amount is
rounded to the penny once, and a split's second part is the total less the
first, so parts always add up to the whole.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from governance.models import Organisation

PENNY = Decimal("0.01")
HUNDRED = Decimal("100")


def to_penny(amount):
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def participating_practices(scheme):
    """The scheme's confirmed practices, each annotated with `list_size` as at the
    scheme's counting date (None where no size was recorded by then)."""
    return (
        Organisation.objects.practices()
        .filter(
            participations__scheme=scheme,
            participations__status="confirmed",
        )
        .with_list_size(scheme.population_as_at)
    )


def population(scheme):
    """Patients of the participating practices as at the counting date."""
    total = participating_practices(scheme).aggregate(total=Sum("list_size"))["total"]
    return total or 0


@dataclass(frozen=True)
class Split:
    total: Decimal
    practices: Decimal  # paid direct to the participating practices
    reserve: Decimal  # held by the PCT for invoices the consortium approves


def split(total, scheme):
    practices = to_penny(total * scheme.practice_share / HUNDRED)
    return Split(total=total, practices=practices, reserve=total - practices)


def funding_for(payment_kind, patients=None):
    """The payment kind at its maximum rate for the scheme's population."""
    if patients is None:
        patients = population(payment_kind.scheme)
    total = to_penny(payment_kind.max_rate_per_patient * patients)
    return split(total, payment_kind.scheme)
