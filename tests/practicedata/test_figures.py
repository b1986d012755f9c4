"""The figures worked out by hand.

Practice A has 2,000 patients from April 2006 and 2,400 from April 2007; B has
4,000 throughout. Referrals per 1,000 patients:

    A  April 2006: 30 / 2.0 = 15.0    April 2007: 18 / 2.4 = 7.5    (−50%)
    A  March 2007: 20 / 2.0 = 10.0
    B  April 2006: 60 / 4.0 = 15.0    April 2007: 48 / 4.0 = 12.0   (−20%)
    B  March 2007: 60 / 4.0 = 15.0
    Consortium April 2006: 90,000 / 6,000 = 15.0
    Consortium April 2007: 66,000 / 6,400 = 10.3125; target −10%: 13.5 (met)
"""

import datetime
from decimal import Decimal

import pytest

from governance.models import Organisation
from practicedata import figures
from practicedata.figures import Period
from tests.practicedata import helpers

APR_06 = datetime.date(2006, 4, 1)
MAR_07 = datetime.date(2007, 3, 1)
APR_07 = datetime.date(2007, 4, 1)


@pytest.fixture
def data(programme, consortium):
    a = helpers.practice(consortium, 2000)
    helpers.list_size(a, APR_07, 2400)
    b = helpers.practice(consortium, 4000)
    referrals = helpers.indicator(programme)
    for practice, values in ((a, (30, 20, 18)), (b, (60, 60, 48))):
        for month, value in zip((APR_06, MAR_07, APR_07), values, strict=True):
            helpers.put(referrals, practice, month, value)
    scheme = helpers.year_scheme(programme)
    helpers.target(referrals, scheme, change=-10)
    practices = Organisation.objects.practices().filter(member_of=consortium)
    return referrals, a, b, scheme, practices


def _by_pk(indicator, period, practices):
    return {row.pk: row for row in figures.practice_rows(indicator, period, practices)}


def test_a_month_per_1000_patients_as_at_that_month(data):
    referrals, a, b, _, practices = data
    rows = _by_pk(referrals, Period.of("month", APR_07), practices)
    assert figures.rounded(rows[a.pk].value) == Decimal("7.5")
    assert figures.rounded(rows[a.pk].baseline) == Decimal("15.0")
    assert figures.rounded(rows[a.pk].change) == Decimal("-50.0")
    assert figures.rounded(rows[b.pk].value) == Decimal("12.0")
    assert figures.rounded(rows[b.pk].change) == Decimal("-20.0")
    assert (rows[a.pk].position, rows[b.pk].position) == (1, 2)


def test_the_consortium_against_its_target(data):
    referrals, _, _, _, practices = data
    period = Period.of("month", APR_07)
    targets = figures.targets_for_year(referrals, period)
    found = figures.consortium_figures(referrals, period, practices, targets)
    assert found.value == pytest.approx(10.3125)
    assert found.baseline == pytest.approx(15.0)
    assert found.target == pytest.approx(13.5)
    assert figures.meets(referrals, found.value, found.target) is True


def test_a_practice_target_of_its_own_and_the_consortium_rule(data):
    referrals, a, b, scheme, practices = data
    helpers.target(referrals, scheme, practice=a, change=-60)
    period = Period.of("month", APR_07)
    targets = figures.targets_for_year(referrals, period)
    rows = _by_pk(referrals, period, practices)
    # A's own: 15.0 × 0.4 = 6.0, and 7.5 misses it; B: 15.0 × 0.9 = 13.5, met.
    a_target = figures.practice_target(referrals, targets, period, rows[a.pk])
    b_target = figures.practice_target(referrals, targets, period, rows[b.pk])
    assert a_target == pytest.approx(6.0)
    assert b_target == pytest.approx(13.5)
    assert figures.meets(referrals, rows[a.pk].value, a_target) is False
    assert figures.meets(referrals, rows[b.pk].value, b_target) is True


def test_the_year_to_date_starts_on_1_april(data):
    referrals, a, b, _, practices = data
    april = Period.of("ytd", APR_07)
    march = Period.of("ytd", MAR_07)
    assert (april.first, april.last) == (APR_07, APR_07)
    assert (march.first, march.last) == (APR_06, MAR_07)
    rows = _by_pk(referrals, april, practices)
    assert figures.rounded(rows[a.pk].value) == Decimal("7.5")  # not March's 10.0
    rows = _by_pk(referrals, march, practices)
    assert figures.rounded(rows[a.pk].value) == Decimal("25.0")  # 15.0 + 10.0
    assert figures.rounded(rows[b.pk].value) == Decimal("30.0")  # 15.0 + 15.0
    # No target for 2006/7: the 2007/8 one does not apply across 1 April.
    assert figures.targets_for_year(referrals, march) == {}


def test_quarters_of_the_financial_year():
    assert Period.of("quarter", datetime.date(2007, 5, 17)).first == APR_07
    assert Period.of("quarter", datetime.date(2007, 6, 1)).last == datetime.date(
        2007, 6, 1
    )
    q4 = Period.of("quarter", MAR_07)
    assert (q4.first, q4.last) == (datetime.date(2007, 1, 1), MAR_07)
    assert len(Period.of("ytd", MAR_07).months) == 12


def test_a_percentage_of_budget(programme, consortium):
    a = helpers.practice(consortium)
    b = helpers.practice(consortium)
    prescribing = helpers.indicator(programme, "prescribing", "budget", unit="£")
    helpers.put(prescribing, a, APR_07, "10175", budget="10000")  # 101.75%
    helpers.put(prescribing, b, APR_07, "19650", budget="20000")  # 98.25%
    helpers.target(prescribing, helpers.year_scheme(programme), level=100)
    practices = Organisation.objects.practices().filter(member_of=consortium)
    period = Period.of("ytd", APR_07)
    rows = _by_pk(prescribing, period, practices)
    assert rows[a.pk].value == pytest.approx(101.75)
    assert rows[b.pk].value == pytest.approx(98.25)
    assert (rows[b.pk].position, rows[a.pk].position) == (1, 2)
    targets = figures.targets_for_year(prescribing, period)
    found = figures.consortium_figures(prescribing, period, practices, targets)
    # 29,825 / 30,000 = 99.41…%, within the budget.
    assert figures.rounded(found.value) == Decimal("99.4")
    assert found.target == 100
    assert figures.meets(prescribing, found.value, found.target) is True


def test_a_level_for_the_year_is_shared_over_a_shorter_period(programme):
    count = helpers.indicator(programme, "count", "none")
    scheme = helpers.year_scheme(programme)
    yearly = helpers.target(count, scheme, level=1200)
    quarter = Period.of("quarter", APR_07)
    assert figures.target_for(count, yearly, quarter, None) == 300


def test_a_return_is_late_after_its_due_day(programme):
    referrals = helpers.indicator(programme)
    assert referrals.due_on(APR_07) == datetime.date(2007, 5, 15)
    assert referrals.due_on(MAR_07) == datetime.date(2007, 4, 15)
