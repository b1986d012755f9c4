"""Each practice's payment, pro rata to its list size, to the penny, the parts
adding up to the whole (largest remainder)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from funding.calculations import allocate, scheme_payments
from tests.funding import helpers

D = Decimal


def test_the_pence_left_over_go_to_the_largest_remainders():
    # £100 over 1:2 is 3,333⅓p and 6,666⅔p: 3,333p + 6,666p, 1p left for ⅔.
    assert allocate(D("100.00"), [1, 2]) == [D("33.33"), D("66.67")]


def test_a_tie_goes_to_the_larger_list_then_to_the_earlier_row():
    # 2p over 1:3 is ½p and 1½p: both remainders ½, the larger list wins.
    assert allocate(D("0.02"), [1, 3]) == [D("0.00"), D("0.02")]
    # 10p over three equal lists: 3⅓p each, the first row takes the last penny.
    assert allocate(D("0.10"), [5, 5, 5]) == [D("0.04"), D("0.03"), D("0.03")]


def test_nothing_to_share_by_gives_nothing():
    assert allocate(D("10.00"), [0, None]) == [D("0.00"), D("0.00")]
    assert allocate(D("10.00"), []) == []


@settings(max_examples=300, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=60_000), min_size=1, max_size=40),
    rate_pence=st.integers(min_value=0, max_value=100_000),
)
def test_the_parts_always_add_up_and_stay_within_a_penny(sizes, rate_pence):
    rate = D(rate_pence) / 10_000  # pounds per patient, to 4 places
    patients = sum(sizes)
    total = (rate * patients).quantize(D("0.01"))
    parts = allocate(total, sizes)
    assert len(parts) == len(sizes)
    assert sum(parts, D("0")) == (total if patients else D("0"))
    for size, part in zip(sizes, parts, strict=True):
        assert part == part.quantize(D("0.01")) and part >= 0
        if patients:
            exact = total * size / patients
            assert abs(part - exact) < D("0.01")
        if size == 0:
            assert part == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=60_000), min_size=2, max_size=20))
def test_a_larger_list_never_gets_less_than_a_smaller_one(sizes):
    parts = allocate(D("1234.57"), sizes)
    for size_a, part_a in zip(sizes, parts, strict=True):
        for size_b, part_b in zip(sizes, parts, strict=True):
            if size_a < size_b:
                assert part_a <= part_b


@pytest.mark.django_db
def test_the_pilot_pays_each_practice_its_share_of_190p():
    des = helpers.des_2006_7()
    payments = scheme_payments(des)
    assert payments.population == 150_000
    # The plan: "funding available ... £214k to practices, £71k reserved":
    # 95p + 95p = £1.90 × 150,000 = £285,000; 75% is £213,750, 25% £71,250.
    assert payments.available.total == D("285000.00")
    assert payments.available.practices == D("213750.00")
    assert payments.available.reserve == D("71250.00")
    # What is paid: the aspiration payment, then the 64p and 31p instalments
    # agreed instead of the reward: 95p + 64p + 31p = £1.90, the same £285,000.
    assert [line.rate for line in payments.lines] == [D("0.95"), D("0.64"), D("0.31")]
    assert [line.split.practices for line in payments.lines] == [
        D("106875.00"),  # 142,500 × 75%
        D("72000.00"),  # 96,000 × 75%
        D("34875.00"),  # 46,500 × 75%
    ]
    assert payments.payable.total == D("285000.00")
    assert payments.payable.reserve == D("71250.00")
    # Practice 1 has 24,600 of 150,000 patients (16.4%).
    first = payments.practices[0]
    assert first.list_size == 24_600
    assert list(first.amounts.values()) == [D("17527.50"), D("11808.00"), D("5719.50")]
    assert first.total == D("35055.00")  # 213,750 × 16.4%
    # Every column and the totals add up exactly.
    for line in payments.lines:
        column = sum(p.amounts[line.key] for p in payments.practices)
        assert column == line.split.practices
    assert sum(p.total for p in payments.practices) == D("213750.00")


@pytest.mark.django_db
def test_without_agreed_instalments_the_reward_is_still_due():
    des = helpers.scheme()
    helpers.practice(des, 1_000)
    helpers.kind(des, "aspiration", "0.95")
    reward = helpers.kind(des, "reward", "0.95")
    helpers.kind(des, "achievement", "0.95", in_place_of=reward)
    payments = scheme_payments(des)
    assert [line.key for line in payments.lines] == ["aspiration", "reward"]
    assert payments.available.total == D("1900.00")


@pytest.mark.django_db
def test_pence_that_do_not_divide_go_to_the_largest_remainders():
    # 1p a patient over 3 practices of 1 patient: 3p total, 75% is 2.25p → 2p
    # to practices (1p reserve); 2p over three equal lists: the first two rows.
    des = helpers.scheme()
    for n in range(3):
        helpers.practice(des, 1, code=f"X{n:05d}")
    helpers.kind(des, "aspiration", "0.01")
    payments = scheme_payments(des)
    assert payments.lines[0].split.practices == D("0.02")
    assert [p.total for p in payments.practices] == [D("0.01"), D("0.01"), D("0.00")]


@pytest.mark.django_db
def test_only_confirmed_practices_are_paid_and_one_without_a_size_gets_nothing():
    des = helpers.scheme()
    helpers.practice(des, 9_000)
    helpers.practice(des, 1_000, status="withdrawn")
    helpers.practice(des, 2_000, status="not_participating")
    unsized = helpers.practice(des, None)
    helpers.kind(des, "aspiration", "1.00")
    payments = scheme_payments(des)
    assert payments.population == 9_000
    assert [p.total for p in payments.practices] == [D("6750.00"), D("0.00")]
    assert payments.missing_list_sizes == [unsized]


def test_the_demo_schemes_come_out_as_the_seeds_say(pilot):
    from funding.models import FundingScheme

    des = FundingScheme.objects.get(programme=pilot)
    payments = scheme_payments(des)
    # The plan: 150,000 patients; £214k to practices, £71k reserved.
    assert payments.population == 150_000
    assert payments.available.practices == D("213750.00")
    assert payments.available.reserve == D("71250.00")
    assert len(payments.practices) == 8
    # The LES (rates invented: £1.10 + £1.40): the practices whose agreements are
    # signed and countersigned take part (agreements.toml): Highfield 19,920 +
    # Bulbourne Valley 21,410 + Chaulden Green 16,960 = 58,290 patients as at
    # April 2007; £2.50 × 58,290 = £145,725.00, 75% £109,293.75, 25% £36,431.25.
    les = FundingScheme.objects.get(kind="les")
    payments = scheme_payments(les)
    assert payments.population == 58_290
    assert payments.available.total == D("145725.00")
    assert payments.available.practices == D("109293.75")
    assert payments.available.reserve == D("36431.25")


@pytest.mark.django_db
def test_a_released_payment_is_due_now_and_one_not_released_is_not():
    import datetime

    from funding.services import release_payment

    des = helpers.scheme()
    helpers.practice(des, 1_000)
    aspiration = helpers.kind(des, "aspiration", "0.95")
    helpers.kind(des, "reward", "0.95")
    assert scheme_payments(des).released.total == D("0.00")
    release_payment(aspiration, on=datetime.date(2006, 7, 1), because="Plan signed")
    payments = scheme_payments(des)
    assert [line.is_released for line in payments.lines] == [True, False]
    assert payments.released.total == D("950.00")
    assert payments.released.reserve == D("237.50")
