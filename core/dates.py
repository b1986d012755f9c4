"""Dates the NHS way."""


def add_years(day, years):
    """The same day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def first_of_month(day):
    """The key of `day`'s month: monthly figures are stored against the 1st."""
    return day.replace(day=1)


def financial_year_start(day):
    """1 April of the NHS financial year `day` falls in (2007-03-31 is in 2006/7)."""
    year = day.year if day.month >= 4 else day.year - 1
    return day.replace(year=year, month=4, day=1)


def financial_year_label(day):
    """“2006/7” for any day from 1 April 2006 to 31 March 2007."""
    start = financial_year_start(day).year
    return f"{start}/{(start + 1) % 100}"
