import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import Programme, TaskStatus
from tests import factories


def _body(response):
    """A download's bytes: exports stream, so the body comes in chunks."""
    return b"".join(response.streaming_content)


@pytest.fixture
def pilot(consortium, pct):
    """Objective 1: done and to do (DacCom-led), so 50% achieved, 50% short due
    to DacCom. Objective 2: done, done, tbc and a PCT-led task stopped: 75%
    achieved, 25% short due to the PCT. Totals: 62.5%, 25% and 12.5%."""
    programme = factories.programme(
        consortium, partners=[pct], name="PbC pilot programme 2006/7"
    )
    first = factories.objective(programme, number=1, title="Governance")
    factories.task(
        first,
        consortium,
        TaskStatus.DONE,
        order=1,
        description="Agree a structure",
        date="2006-06-30",
        note="Yes",
    )
    factories.task(first, consortium, TaskStatus.TO_DO, order=2, description="Audit")
    second = factories.objective(programme, number=2, title="Referrals")
    factories.tasks(second, consortium, ["done", "done", "tbc"])
    factories.tasks(second, pct, ["stopped"])
    factories.target(programme, "122000.00", code="1.1")
    factories.target(programme, "27000.00", code="1.9")
    return programme


def _download(client, url, export_format):
    response = client.get(url, {"_export": export_format})
    assert response.status_code == 200
    return response


def _sheet_rows(response):
    sheet = load_workbook(io.BytesIO(_body(response))).active
    return list(sheet.iter_rows(values_only=True))


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_downloads_are_named_after_the_programme(
    client, pilot, reviewer, export_format
):
    client.force_login(reviewer)
    objective = pilot.objectives.get(number=2)
    urls = {
        "achievement": reverse("programmes:achievement", args=[pilot.pk]),
        "tasks": reverse("programmes:tasks", args=[pilot.pk]),
        "objective-2": reverse("programmes:objective", args=[objective.pk]),
        "frp-targets": reverse("programmes:programme", args=[pilot.pk]),
    }
    for prefix, url in urls.items():
        response = _download(client, url, export_format)
        assert response["Content-Disposition"] == (
            f'attachment; filename="{prefix}-pbc-pilot-2006-07.{export_format}"'
        )


def test_the_achievement_xlsx_holds_numbers_and_the_totals(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _download(
        client, reverse("programmes:achievement", args=[pilot.pk]), "xlsx"
    )
    assert [row[:6] for row in _sheet_rows(response)] == [
        (
            "No.",
            "Objective",
            "% achieved",
            "% not achieved due to DacCom",
            "% not achieved due to PCT or other",
            "Comment",
        ),
        (1, "Governance", 50, 50, 0, None),
        (2, "Referrals", 75, 0, 25, None),
        (None, "Total % achievement", 62.5, 25, 12.5, None),
    ]


def test_the_achievement_csv_ends_with_the_totals(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _download(
        client, reverse("programmes:achievement", args=[pilot.pk]), "csv"
    )
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[-1][:5] == ["", "Total % achievement", "62.50", "25.00", "12.50"]


def test_the_targets_xlsx_holds_money_and_the_total(client, pilot, reviewer):
    client.force_login(reviewer)
    response = _download(
        client, reverse("programmes:programme", args=[pilot.pk]), "xlsx"
    )
    sheet = load_workbook(io.BytesIO(_body(response))).active
    rows = list(sheet.iter_rows())
    assert [row[3].value for row in rows] == ["Planned saving", 122000, 27000, 149000]
    assert [row[3].number_format for row in rows[1:]] == ["£#,##0.00"] * 3
    assert rows[-1][1].value == "Total"


def test_the_task_xlsx_holds_dates_and_blank_cells(client, pilot, reviewer):
    client.force_login(reviewer)
    objective = pilot.objectives.get(number=1)
    response = _download(
        client, reverse("programmes:objective", args=[objective.pk]), "xlsx"
    )
    assert _sheet_rows(response) == [
        (
            "#",
            "Task",
            "Responsibility",
            "Status",
            "Date",
            "Date achieved or reason",
            "Owner",
        ),
        (
            1,
            "Agree a structure",
            "DacCom",
            "Yes",
            datetime.datetime(2006, 6, 30),
            "Yes",
            None,
        ),
        (2, "Audit", "DacCom", "To do", None, None, None),
    ]


def test_the_pence_of_a_total_survive(client, consortium, pct, reviewer):
    programme = factories.programme(consortium, partners=[pct], name="Small 2007/08")
    factories.target(programme, "0.10")
    factories.target(programme, "0.20")
    client.force_login(reviewer)
    response = _download(
        client, reverse("programmes:programme", args=[programme.pk]), "csv"
    )
    rows = list(csv.reader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert rows[-1][3] == "0.30"
    assert Decimal(rows[-1][3]) == Decimal("0.30")


@pytest.mark.parametrize(
    "name, slug",
    [
        ("PbC pilot programme 2006/7", "pbc-pilot-2006-07"),
        ("Prescribing programme 2007/08", "prescribing-2007-08"),
        ("Programme 12", "programme-12"),  # nothing else would name it
    ],
)
def test_a_programmes_slug_leaves_out_the_word_programme(name, slug):
    assert Programme(name=name).slug == slug
