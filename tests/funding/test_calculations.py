import datetime
from decimal import Decimal

import pytest

from funding.calculations import funding_for, population
from funding.models import FundingScheme, Participation, PaymentKind
from governance.models import Organisation, PracticeListSize
from tests import factories

pytestmark = pytest.mark.django_db

COUNTED_ON = datetime.date(2006, 6, 1)


def _scheme(practice_share="75"):
    programme = factories.programme()
    return FundingScheme.objects.create(
        name="DES 2006/7",
        kind="des",
        programme=programme,
        starts_on=datetime.date(2006, 4, 1),
        ends_on=datetime.date(2007, 3, 31),
        population_as_at=COUNTED_ON,
        practice_share=Decimal(practice_share),
    )


def _practice(scheme, size, status="confirmed"):
    practice = factories.organisation(
        Organisation.Kind.PRACTICE, member_of=scheme.programme.consortium
    )
    PracticeListSize.objects.create(practice=practice, month=COUNTED_ON, size=size)
    Participation.objects.create(
        scheme=scheme,
        practice=practice,
        status=status,
        confirmed_on=COUNTED_ON if status == "confirmed" else None,
        withdrawn_on=COUNTED_ON if status == "withdrawn" else None,
    )
    return practice


def test_the_pilot_plans_totals_come_out_of_150000_patients_at_190p():
    # The plan: 150,000 patients; aspiration and reward together pay £214k
    # to practices and reserve £71k (75% / 25%).
    scheme = _scheme()
    for size in (90_000, 60_000):
        _practice(scheme, size)
    _practice(scheme, 7_000, status="withdrawn")
    _practice(scheme, 5_000, status="not_participating")
    both = PaymentKind.objects.create(
        scheme=scheme, kind="aspiration", max_rate_per_patient=Decimal("1.90")
    )
    assert population(scheme) == 150_000
    split = funding_for(both)
    assert split.total == Decimal("285000.00")
    assert split.practices == Decimal("213750.00")
    assert split.reserve == Decimal("71250.00")


def test_a_split_that_does_not_divide_still_adds_up():
    scheme = _scheme(practice_share="33.33")
    _practice(scheme, 1_001)
    kind = PaymentKind.objects.create(
        scheme=scheme, kind="reward", max_rate_per_patient=Decimal("0.0333")
    )
    split = funding_for(kind)
    assert split.total == Decimal("33.33")  # 33.3333 rounded
    assert split.practices == Decimal("11.11")
    assert split.practices + split.reserve == split.total
