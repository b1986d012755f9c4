import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.models import Organisation, PracticeListSize
from tests import factories

PRACTICE = Organisation.Kind.PRACTICE


def test_only_practices_have_codes(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.organisation(Organisation.Kind.PCT, code="E82001")


def test_a_practice_code_is_unique_and_required(db):
    factories.organisation(PRACTICE, code="E82001")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.organisation(PRACTICE, code="E82001")
    nameless = Organisation(name="New Surgery", short_name="New", kind=PRACTICE)
    with pytest.raises(ValidationError, match="needs its practice code"):
        nameless.full_clean()


def test_only_practices_have_list_sizes(db):
    pct = factories.organisation(Organisation.Kind.PCT)
    size = PracticeListSize(practice=pct, month=datetime.date(2006, 4, 1), size=10)
    with pytest.raises(ValidationError, match="Only GP practices"):
        size.full_clean()


def test_a_list_size_is_kept_against_the_first_of_a_month(db):
    practice = factories.organisation(PRACTICE)
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeListSize.objects.create(
            practice=practice, month=datetime.date(2006, 4, 2), size=10
        )


def test_one_list_size_a_month(db):
    practice = factories.organisation(PRACTICE, list_size=9000)  # April 2006
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeListSize.objects.create(
            practice=practice, month=datetime.date(2006, 4, 1), size=9100
        )


def test_the_list_size_as_at_a_date_is_the_latest_recorded_by_then(db):
    practice = factories.organisation(PRACTICE, list_size=9000)  # April 2006
    for month, size in [(7, 9100), (10, 9250)]:
        PracticeListSize.objects.create(
            practice=practice, month=datetime.date(2006, month, 1), size=size
        )

    def as_at(*day):
        practices = Organisation.objects.practices()
        return practices.with_list_size(datetime.date(*day)).get().list_size

    assert as_at(2006, 3, 31) is None  # nothing recorded yet
    assert as_at(2006, 4, 1) == 9000
    assert as_at(2006, 9, 30) == 9100
    assert as_at(2006, 10, 15) == 9250  # mid-month: that month's figure
    assert as_at(2007, 3, 31) == 9250
