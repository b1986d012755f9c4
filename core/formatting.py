"""Money and percentage formatting, kept in one place so every page agrees.

Achievement percentages are truncated, never rounded up: an objective at 99.6%
is not finished and must not read "100%". The DES review does the same (its
total of 67.35% achieved reads 67%, and the 32.65% shortfall reads 32%).
Other shares (e.g. of the FRP's saving) round half up, as the pilot plan does.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
WHOLE = Decimal("1")


def to_decimal_percent(value):
    """A database ratio (float or Decimal, 0-100) as a Decimal to 4 places, or None."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def _require_decimal(value):
    if not isinstance(value, Decimal):
        raise TypeError(f"Expected a Decimal, got {type(value).__name__}: {value!r}")
    return value


def gbp(value):
    """£1,234.56 — money is always a Decimal, rounded half up to the penny."""
    amount = _require_decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"


def gbp_thousands(value):
    """£2,660k — the documents' way of writing large savings."""
    thousands = (_require_decimal(value) / 1000).quantize(WHOLE, rounding=ROUND_HALF_UP)
    return f"£{thousands:,}k"


def pence(value):
    """64p for amounts under a pound, £1.90 otherwise."""
    amount = _require_decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)
    if abs(amount) < 1:
        return f"{int(amount * 100)}p"
    return gbp(amount)


def achievement(value):
    """Whole percent, truncated; an em dash when there is nothing to measure."""
    if value is None:
        return "—"
    whole = (
        Decimal(value).quantize(Decimal("0.0001")).quantize(WHOLE, rounding=ROUND_DOWN)
    )
    return f"{whole}%"


def percent(value):
    """Whole percent, rounded half up."""
    if value is None:
        return "—"
    return f"{Decimal(value).quantize(WHOLE, rounding=ROUND_HALF_UP)}%"
