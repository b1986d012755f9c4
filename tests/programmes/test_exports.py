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


def _rows(response):
    body = _body(response)
    assert body.startswith("\ufeff".encode())  # Excel: it is UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def assessed(programme, consortium, pct):
    """An objective assessed at 30/0/70 (1 of 3 tasks done), and one not assessed."""
    first = factories.objective(
        programme,
        number=1,
        title="COPD service redesign",
        comment="Stopped by new PCT",
        assessed_achieved=Decimal("30"),
        assessed_short_consortium=Decimal("0"),
        assessed_short_other=Decimal("70"),
        assessment_reason="Agreed at the review meeting",
    )
    factories.tasks(first, consortium, ["done"])
    factories.tasks(first, pct, ["stopped", "to_do"])
    second = factories.objective(programme, number=2, title="Prescribing")
    factories.tasks(second, consortium, ["done", "to_do"])
    factories.tasks(second, pct, ["tbc"])
    return programme


def test_the_achievement_csv_has_the_reviews_columns(client, assessed, reviewer):
    Programme.objects.filter(pk=assessed.pk).update(name="DES review 2006/7")
    client.force_login(reviewer)
    response = client.get(
        reverse("programmes:achievement", args=[assessed.pk]), {"_export": "csv"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="achievement-des-review-2006-07.csv"'
    )
    # Rows come from the tasks; objective 1's assessment is a column of its own.
    # Objective 1: done 1/3 = 33.33%, its stopped and to-do tasks led by the PCT:
    # 2/3 = 66.67% (the review assessed 30%).
    # Objective 2: done + tbc = 2/3 = 66.67%, its to-do led by DacCom: 1/3 = 33.33%.
    assert _rows(response) == [
        [
            "No.",
            "Objective",
            "% achieved",
            "% not achieved due to DacCom",
            "% not achieved due to PCT or other",
            "Comment",
            "% achieved (as assessed)",
            "Assessment reason",
        ],
        [
            "1",
            "COPD service redesign",
            "33.33",
            "0.00",
            "66.67",
            "Stopped by new PCT",
            "30.00",
            "Agreed at the review meeting",
        ],
        ["2", "Prescribing", "66.67", "33.33", "0.00", "", "", ""],
        # The totals are the mean of the rows: achieved (1/3 + 2/3) / 2 = 50.00; due
        # to DacCom (0 + 1/3) / 2 = 16.67; due to the PCT or other (2/3 + 0) / 2
        # = 33.33.
        ["", "Total % achievement", "50.00", "16.67", "33.33", "", "", ""],
    ]


def test_the_task_xlsx_holds_every_task(client, objective, consortium, pct, reviewer):
    Programme.objects.filter(pk=objective.programme_id).update(name="Pilot 2006/7")
    mark = factories.person(consortium, first_name="Mark", last_name="Jones")
    factories.task(
        objective,
        consortium,
        TaskStatus.IN_PROGRESS,
        order=1,
        description="Audit referrals",
        supporting_organisation=pct,
        date="2007-03-01",
        note="Currently underway",
        owner=mark,
    )
    factories.task(objective, pct, TaskStatus.DONE, order=2, description="Train")
    client.force_login(reviewer)
    response = client.get(
        reverse("programmes:objective", args=[objective.pk]), {"_export": "xlsx"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="objective-1-pilot-2006-07.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(_body(response))).active
    assert list(sheet.iter_rows(values_only=True)) == [
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
            "Audit referrals",
            "DacCom with PCT support",
            "In progress",
            datetime.datetime(2007, 3, 1),
            "Currently underway",
            "Mark Jones",
        ),
        (2, "Train", "PCT", "Yes", None, None, None),
    ]


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_task_exports_defuse_spreadsheet_formulas(
    client, executive, task, export_format
):
    task.note = '=HYPERLINK("http://evil")'
    task.save()
    client.force_login(executive)
    response = client.get(
        reverse("programmes:objective", args=[task.objective.pk]),
        {"_export": export_format},
    )
    if export_format == "csv":
        notes = [row[5] for row in _rows(response)[1:]]
    else:
        sheet = load_workbook(io.BytesIO(_body(response))).active
        notes = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert notes == ['\'=HYPERLINK("http://evil")']


def test_an_unknown_export_format_shows_the_page(client, executive, task):
    client.force_login(executive)
    response = client.get(
        reverse("programmes:objective", args=[task.objective.pk]), {"_export": "exe"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
