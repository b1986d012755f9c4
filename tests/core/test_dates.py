import datetime

import pytest

from core.dates import (
    add_years,
    financial_year_label,
    financial_year_start,
    first_of_month,
)


@pytest.mark.parametrize(
    "day,start,label",
    [
        ((2006, 4, 1), (2006, 4, 1), "2006/7"),
        ((2007, 3, 31), (2006, 4, 1), "2006/7"),
        ((2007, 4, 1), (2007, 4, 1), "2007/8"),
        ((2010, 1, 15), (2009, 4, 1), "2009/10"),
        ((2099, 12, 31), (2099, 4, 1), "2099/0"),
    ],
)
def test_the_nhs_financial_year_starts_on_1_april(day, start, label):
    assert financial_year_start(datetime.date(*day)) == datetime.date(*start)
    assert financial_year_label(datetime.date(*day)) == label


def test_months_are_keyed_by_their_first_day():
    assert first_of_month(datetime.date(2007, 2, 22)) == datetime.date(2007, 2, 1)


def test_add_years_moves_29_february_to_the_28th():
    assert add_years(datetime.date(2008, 2, 29), 1) == datetime.date(2009, 2, 28)
    assert add_years(datetime.date(2006, 4, 1), -2) == datetime.date(2004, 4, 1)
