"""The review chart's bars: figures adding up to 100% fill the width exactly, and
no segment is negative."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reports.review_content import CHART_WIDTH, _bar

hundredths = st.integers(0, 10_000)


@given(a=hundredths, b=hundredths)
def test_a_bar_of_figures_adding_to_100_fills_the_width(a, b):
    if a + b > 10_000:
        a, b = a // 2, b // 2
    c = 10_000 - a - b
    figures = {
        "achieved": str(Decimal(a) / 100),
        "short_consortium": str(Decimal(b) / 100),
        "short_other": str(Decimal(c) / 100),
    }
    bar = _bar(figures)
    widths = [bar["achieved"], bar["short_consortium"], bar["short_other"]]
    assert all(width >= 0 for width in widths)
    assert sum(widths) == CHART_WIDTH
    assert bar["x_other"] == bar["achieved"] + bar["short_consortium"]


def test_the_seed_objective_3_bar():
    # 30% of 300 = 90 achieved, 0 due to the consortium, 210 due to the PCT.
    bar = _bar({"achieved": "30", "short_consortium": "0", "short_other": "70"})
    assert (bar["achieved"], bar["short_consortium"], bar["short_other"]) == (
        90,
        0,
        210,
    )
