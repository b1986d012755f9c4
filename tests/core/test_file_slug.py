import pytest

from core.text import file_slug


@pytest.mark.parametrize(
    "value, slug",
    [
        ("PbC pilot programme 2006/7", "pbc-pilot-programme-2006-07"),
        ("Plan 2006/07", "plan-2006-07"),
        ("Plan 2006/2007", "plan-2006-07"),
        ("Plan 2009/10", "plan-2009-10"),
        ("Referrals/Outpatients", "referrals-outpatients"),
        ("A&E: “frequent fliers”", "ae-frequent-fliers"),
    ],
)
def test_it_keeps_financial_years_readable(value, slug):
    assert file_slug(value) == slug
