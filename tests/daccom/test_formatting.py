from decimal import Decimal

import pytest

from core.formatting import achievement, gbp, gbp_thousands, pence, percent


def test_it_formats_pounds_and_pence():
    assert gbp(Decimal("2660000")) == "£2,660,000.00"
    assert gbp(Decimal("0.125")) == "£0.13"
    assert gbp(Decimal("-5.5")) == "-£5.50"


def test_it_refuses_floats_for_money():
    with pytest.raises(TypeError):
        gbp(0.1)


def test_it_writes_thousands_as_the_documents_do():
    assert gbp_thousands(Decimal("6857000.00")) == "£6,857k"
    assert gbp_thousands(Decimal("27000")) == "£27k"


def test_it_writes_pence_under_a_pound():
    assert pence(Decimal("0.64")) == "64p"
    assert pence(Decimal("1.90")) == "£1.90"


def test_achievement_is_truncated_never_rounded_up():
    assert achievement(Decimal("99.99")) == "99%"
    assert achievement(Decimal("67.3535")) == "67%"
    assert achievement(Decimal("32.6465")) == "32%"
    assert achievement(100.0) == "100%"
    assert achievement(None) == "—"


def test_achievement_ignores_float_noise_just_below_a_whole_number():
    assert achievement(66.99999999999999) == "67%"


def test_other_shares_round_half_up():
    assert percent(Decimal("38.79")) == "39%"
    assert percent(Decimal("38.5")) == "39%"
