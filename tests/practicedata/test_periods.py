"""Properties of the periods: the year to date starts on the 1 April on or before
the month; a quarter holds three months of one financial year, and the four
quarters of a year cover its twelve months once."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from practicedata.figures import Period

days = st.dates(
    min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31)
)


@given(days)
def test_the_year_to_date_starts_on_1_april(day):
    period = Period.of("ytd", day)
    assert (period.first.month, period.first.day) == (4, 1)
    assert period.first <= day and len(period.months) <= 12
    assert period.last == day.replace(day=1)


@given(days)
def test_a_quarter_is_three_months_of_one_financial_year(day):
    period = Period.of("quarter", day)
    assert len(period.months) == 3
    assert period.first <= day.replace(day=1) <= period.last
    assert Period.of("ytd", period.first).first == Period.of("ytd", period.last).first


@given(st.integers(min_value=2000, max_value=2040))
def test_the_quarters_cover_the_year_once(year):
    months = []
    for start_month in (4, 7, 10, 13):
        first = datetime.date(year + start_month // 13, (start_month - 1) % 12 + 1, 1)
        months += Period.of("quarter", first).months
    assert months == Period.of("ytd", datetime.date(year + 1, 3, 1)).months
