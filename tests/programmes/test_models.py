from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from programmes.models import ResourceAllocation
from tests import factories


def test_an_assessment_must_add_up_to_100_with_a_reason(programme):
    with pytest.raises(IntegrityError):
        factories.objective(
            programme,
            assessed_achieved=Decimal("30"),
            assessed_short_consortium=Decimal("0"),
            assessed_short_other=Decimal("60"),
            assessment_reason="Does not add up",
        )


def test_an_assessment_needs_a_reason(programme):
    with pytest.raises(IntegrityError):
        factories.objective(
            programme,
            assessed_achieved=Decimal("30"),
            assessed_short_consortium=Decimal("0"),
            assessed_short_other=Decimal("70"),
        )


def test_meeting_hours_must_match_their_basis(programme):
    allocation = ResourceAllocation(
        programme=programme,
        label="Meetings",
        hours=Decimal("150"),
        meetings=16,
        hours_per_meeting=Decimal("1.25"),
        attendees=10,
    )
    with pytest.raises(ValidationError, match="make 200"):
        allocation.full_clean()
    allocation.hours = Decimal("200")
    allocation.full_clean()
    assert allocation.basis == "16 meetings × 1.25 hours × 10 attendees"
