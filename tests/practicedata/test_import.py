"""Returns from CSV: checked whole, nothing imported if any row is wrong, every
error with its line; a dry run shows what would change; each import is logged."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import LogEntry
from practicedata.models import MonthlyReturn, ReturnImport
from practicedata.services import ImportRefused, import_returns, read_returns
from tests.practicedata import helpers

APR_07 = datetime.date(2007, 4, 1)


@pytest.fixture
def setup(programme, practice):
    referrals = helpers.indicator(programme, "top8")
    prescribing = helpers.indicator(programme, "rx", "budget", unit="£")
    return referrals, prescribing, practice


def _read(text, setup):
    referrals, prescribing, practice = setup
    return read_returns(text, practices=[practice], indicators=[referrals, prescribing])


def test_every_wrong_row_is_listed_by_line_and_nothing_is_imported(setup):
    code = setup[2].code
    text = (
        "practice code,indicator,month,value,budget\n"
        f"{code},top8,2007-04,312,\n"
        "Z99999,top8,2007-04,1,\n"
        f"{code},nosuch,2007-13,lots,\n"
        f"{code},rx,2007-04,10175,\n"
        f"{code},top8,2007-04,300,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        _read(text, setup)
    lines = [line for line, _ in refused.value.errors]
    assert lines == [3, 4, 5, 6]
    messages = dict(refused.value.errors)
    assert "Z99999" in messages[3]
    assert (
        "nosuch" in messages[4] and "2007-13" in messages[4] and "lots" in messages[4]
    )
    assert "budget" in messages[5]
    assert "already on line 2" in messages[6]
    assert not MonthlyReturn.objects.exists()


def test_a_missing_column_is_refused_on_line_1(setup):
    with pytest.raises(ImportRefused) as refused:
        _read("practice code,month,value\n", setup)
    assert refused.value.errors[0][0] == 1
    assert "indicator" in refused.value.errors[0][1]


def test_rows_are_new_changed_or_unchanged_and_the_import_is_logged(setup, executive):
    referrals, prescribing, practice = setup
    helpers.put(referrals, practice, APR_07, 300)
    helpers.put(referrals, practice, datetime.date(2007, 5, 1), 280)
    text = (
        "Practice code,Indicator,Month,Value,Budget\n"
        f"{practice.code},top8,2007-04,312,\n"
        f"{practice.code},top8,2007-05,280,\n"
        f'{practice.code},rx,01/04/2007,"10,175.00",10000\n'
    )
    rows = _read(text, setup)
    assert [row.outcome for row in rows] == ["changed", "unchanged", "new"]
    imported = import_returns(
        rows,
        programme=referrals.programme,
        file_name="april.csv",
        user=executive,
        on=datetime.date(2007, 5, 20),
    )
    assert (
        imported.created_count,
        imported.changed_count,
        imported.unchanged_count,
    ) == (
        1,
        1,
        1,
    )
    assert imported.rows == 3 and imported.imported_by == executive
    changed = MonthlyReturn.objects.get(indicator=referrals, month=APR_07)
    assert changed.value == Decimal("312") and changed.is_late  # due 15 May
    rx = MonthlyReturn.objects.get(indicator=prescribing)
    assert (rx.value, rx.budget) == (Decimal("10175.00"), Decimal("10000"))
    entry = LogEntry.objects.get(action="practicedata.returns.imported")
    assert entry.data["file_name"] == "april.csv"


def test_the_page_checks_first_and_imports_only_when_confirmed(
    client, setup, executive
):
    referrals, _, practice = setup
    client.force_login(executive)
    url = reverse("practicedata:import", args=[referrals.programme.pk])
    upload = SimpleUploadedFile(
        "april.csv",
        f"practice code,indicator,month,value\n{practice.code},top8,2007-04,312\n".encode(),  # noqa: E501
    )
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert b"1 new, 0 changed, 0 unchanged" in response.content
    assert not MonthlyReturn.objects.exists()
    content = response.context["form"].initial["content"]
    response = client.post(
        url, {"content": content, "file_name": "april.csv", "confirm": "import"}
    )
    assert response.status_code == 302
    assert MonthlyReturn.objects.get().value == Decimal("312")
    assert ReturnImport.objects.get().file_name == "april.csv"


def test_a_bad_file_shows_its_errors_and_imports_nothing(client, setup, executive):
    referrals, _, practice = setup
    client.force_login(executive)
    url = reverse("practicedata:import", args=[referrals.programme.pk])
    upload = SimpleUploadedFile(
        "bad.csv",
        f"practice code,indicator,month,value\n{practice.code},top8,2007-04,-3\n".encode(),  # noqa: E501
    )
    response = client.post(url, {"file": upload})
    assert b"Line 2:" in response.content
    assert not MonthlyReturn.objects.exists()
