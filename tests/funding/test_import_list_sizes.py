"""List sizes from CSV: checked whole, all or nothing, each error by line; a dry
run shows what would change; the import is in the action log."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from core.models import LogEntry
from funding.models import ListSizeImport
from governance.models import Organisation, PracticeListSize
from tests import factories

pytestmark = pytest.mark.django_db
APRIL_2006 = datetime.date(2006, 4, 1)
APRIL_2007 = datetime.date(2007, 4, 1)


@pytest.fixture
def practices(consortium):
    first = factories.organisation(
        Organisation.Kind.PRACTICE, code="A00001", list_size=9000, member_of=consortium
    )
    second = factories.organisation(
        Organisation.Kind.PRACTICE, code="A00002", list_size=5000, member_of=consortium
    )
    return first, second


GOOD = (
    "practice code,list size,month\n"
    "A00001,9000,2006-04\n"  # unchanged
    "A00002,5100,2006-04-01\n"  # changed from 5,000
    "a00001,9200,2007-04\n"  # new (codes in any case)
)
BAD = (
    "Practice Code,List Size,Month\n"
    "A00001,9300,2007-04\n"
    "Z99999,100,2007-04\n"
    "A00002,lots,2007-13\n"
    "A00001,9400,2007-04\n"
)


def _sizes():
    return sorted(
        PracticeListSize.objects.values_list("practice__code", "month", "size")
    )


def _upload(text, name="sizes.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_the_check_shows_new_changed_and_unchanged_and_saves_nothing(
    client, executive, practices
):
    before = _sizes()
    client.force_login(executive)
    response = client.post(
        reverse("funding:import-list-sizes"), {"file": _upload(GOOD)}
    )
    assert response.status_code == 200
    outcomes = [(row.line, row.outcome) for row in response.context["rows"]]
    assert outcomes == [(2, "unchanged"), (3, "changed"), (4, "new")]
    assert "1 new, 1 changed, 1 unchanged" in response.content.decode()
    assert _sizes() == before
    assert not ListSizeImport.objects.exists()


def test_confirming_imports_every_row_and_logs_it(client, executive, practices):
    client.force_login(executive)
    response = client.post(
        reverse("funding:import-list-sizes"),
        {"content": GOOD, "file_name": "sizes.csv", "confirm": "import"},
    )
    assert response.status_code == 302
    assert _sizes() == [
        ("A00001", APRIL_2006, 9000),
        ("A00001", APRIL_2007, 9200),
        ("A00002", APRIL_2006, 5100),
    ]
    imported = ListSizeImport.objects.get()
    assert (imported.created_count, imported.changed_count) == (1, 1)
    assert imported.unchanged_count == 1
    assert imported.imported_by == executive
    entry = LogEntry.objects.get(action="funding.list_sizes.imported")
    assert entry.user == executive
    assert entry.data["file_name"] == "sizes.csv"
    changed = PracticeListSize.objects.get(practice=practices[1], month=APRIL_2006)
    assert changed.history.first().history_change_reason == "Imported from sizes.csv"


def test_one_bad_row_imports_nothing_and_every_error_names_its_line(
    client, executive, practices
):
    before = _sizes()
    client.force_login(executive)
    response = client.post(
        reverse("funding:import-list-sizes"),
        {"content": BAD, "file_name": "bad.csv", "confirm": "import"},
    )
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [line for line, _ in errors] == [3, 4, 5]
    assert "Z99999" in errors[0][1]
    assert "“lots”" in errors[1][1] and "“2007-13”" in errors[1][1]
    assert "already on line 2" in errors[2][1]
    assert _sizes() == before
    assert not ListSizeImport.objects.exists()


def test_a_file_without_the_columns_is_refused(client, executive, practices):
    client.force_login(executive)
    response = client.post(
        reverse("funding:import-list-sizes"), {"file": _upload("code,size\nA,1\n")}
    )
    assert response.context["errors"][0][0] == 1
    assert (
        "missing: practice code, list size, month" in response.context["errors"][0][1]
    )


def test_an_executive_may_not_set_another_consortiums_practices(
    client, executive, practices
):
    elsewhere = factories.organisation(
        Organisation.Kind.PRACTICE,
        code="B00001",
        member_of=factories.organisation(Organisation.Kind.CONSORTIUM),
    )
    client.force_login(executive)
    response = client.post(
        reverse("funding:import-list-sizes"),
        {"content": f"practice code,list size,month\n{elsewhere.code},10,2007-04\n"},
    )
    assert response.context["errors"][0][0] == 2
    assert not PracticeListSize.objects.filter(practice=elsewhere).exists()


def test_the_command_dry_run_saves_nothing(practices, tmp_path, capsys):
    path = tmp_path / "sizes.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = _sizes()
    call_command("import_list_sizes", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "line 3: A00002 2006-04 5,000 → 5,100 (changed)" in out
    assert "Dry run, nothing saved: 1 new, 1 changed, 1 unchanged." in out
    assert _sizes() == before


def test_the_command_imports_and_refuses_a_bad_file_whole(practices, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    call_command("import_list_sizes", str(good))
    assert len(_sizes()) == 3
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import_list_sizes", str(bad))
    assert "line 3:" in str(refused.value) and "line 5:" in str(refused.value)
    assert len(_sizes()) == 3
    assert ListSizeImport.objects.count() == 1
