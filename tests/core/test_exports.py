import datetime
import io
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from core.exports import MONEY, export_response, table_rows


def _body(response):
    """A download's bytes: exports stream, so the body comes in chunks."""
    return b"".join(response.streaming_content)


class ClaimTable(tables.Table):
    practice = tables.Column("Practice", footer="Total")
    claimed_on = tables.DateColumn("j M Y", verbose_name="Claimed")
    patients = tables.Column("Patients")
    amount = tables.Column("Amount", footer=lambda table: "£1,234.50 (page text)")
    note = tables.Column("Note")
    action = tables.Column("Action", exclude_from_export=True)

    export_number_formats = {"amount": MONEY}

    def render_amount(self, value):
        return f"£{value:,.2f}"

    def value_amount(self, value):
        return value

    def export_footer(self):
        return {"amount": Decimal("1234.50")}


class PlainTable(tables.Table):
    practice = tables.Column("Practice")


ROWS = [
    {
        "practice": "Fernville Surgery",
        "claimed_on": datetime.date(2007, 3, 31),
        "patients": 9000,
        "amount": Decimal("1234.50"),
        "note": "Paid – in full",
        "action": "Edit",
    },
    {
        "practice": "Highfield Surgery",
        "claimed_on": None,
        "patients": None,
        "amount": Decimal("0.00"),
        "note": '=HYPERLINK("http://evil")',
        "action": "Edit",
    },
]


def _download(table, export_format, basename="claims-pbc-pilot-2006-07"):
    request = RequestFactory().get("/", {"_export": export_format})
    return export_response(request, table, basename)


def test_rows_are_typed_with_blanks_and_the_totals_last():
    assert list(table_rows(ClaimTable(ROWS))) == [
        ["Practice", "Claimed", "Patients", "Amount", "Note"],
        [
            "Fernville Surgery",
            datetime.date(2007, 3, 31),
            9000,
            Decimal("1234.50"),
            "Paid – in full",
        ],
        [
            "Highfield Surgery",
            None,
            None,
            Decimal("0.00"),
            '\'=HYPERLINK("http://evil")',
        ],
        ["Total", None, None, Decimal("1234.50"), None],
    ]


def test_a_table_without_a_footer_has_no_totals_row():
    assert list(table_rows(PlainTable([{"practice": "Fernville"}]))) == [
        ["Practice"],
        ["Fernville"],
    ]


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_it_quotes_what_a_spreadsheet_would_run(text):
    header, row = table_rows(PlainTable([{"practice": text}]))
    assert row == ["'" + text]


def test_it_drops_control_characters_openpyxl_refuses():
    header, row = table_rows(PlainTable([{"practice": "Fern\x00ville\x0bSurgery"}]))
    assert row == ["Fernville\nSurgery"]


def test_the_csv_starts_with_a_bom_and_leaves_empty_cells_empty():
    response = _download(ClaimTable(ROWS), "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="claims-pbc-pilot-2006-07.csv"'
    )
    assert _body(response).decode("utf-8") == (
        "\ufeffPractice,Claimed,Patients,Amount,Note\r\n"
        "Fernville Surgery,2007-03-31,9000,1234.50,Paid – in full\r\n"
        'Highfield Surgery,,,0.00,"\'=HYPERLINK(""http://evil"")"\r\n'
        "Total,,,1234.50,\r\n"
    )


def test_the_xlsx_has_number_and_date_cells_and_blank_cells():
    response = _download(ClaimTable(ROWS), "xlsx")
    assert response["Content-Disposition"] == (
        'attachment; filename="claims-pbc-pilot-2006-07.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(_body(response))).active
    assert sheet.title == "claims-pbc-pilot-2006-07"
    rows = list(sheet.iter_rows())
    assert [cell.value for cell in rows[0]] == [
        "Practice",
        "Claimed",
        "Patients",
        "Amount",
        "Note",
    ]
    fernville, highfield, totals = rows[1:]
    assert fernville[1].value == datetime.datetime(2007, 3, 31)
    assert fernville[1].is_date and fernville[1].number_format == "d mmm yyyy"
    assert fernville[2].data_type == "n" and fernville[2].value == 9000
    assert fernville[3].data_type == "n" and fernville[3].value == 1234.5
    assert fernville[3].number_format == "£#,##0.00"
    assert [cell.value for cell in highfield[1:3]] == [None, None]
    assert highfield[3].data_type == "n" and highfield[3].value == 0
    assert highfield[4].value == '\'=HYPERLINK("http://evil")'
    assert highfield[4].data_type == "s"
    assert [cell.value for cell in totals] == ["Total", None, None, 1234.5, None]


def test_no_export_without_a_known_format():
    assert _download(ClaimTable(ROWS), "exe") is None
    assert export_response(RequestFactory().get("/"), ClaimTable(ROWS), "x") is None


def test_the_csv_streams_its_header_before_reading_the_records():
    response = _download(ClaimTable(ROWS), "csv")
    assert response.streaming
    chunks = iter(response.streaming_content)
    assert next(chunks) == "\ufeffPractice,Claimed,Patients,Amount,Note\r\n".encode()


def test_a_long_csv_comes_in_chunks_of_rows():
    rows = [{"practice": f"Practice {n}"} for n in range(1, 1201)]
    response = _download(PlainTable(rows), "csv")
    chunks = list(response.streaming_content)
    # The header alone, then 500 rows, 500 rows and the last 200.
    assert [chunk.count(b"\r\n") for chunk in chunks] == [1, 500, 500, 200]
    assert b"".join(chunks).decode("utf-8-sig").splitlines()[-1] == "Practice 1200"
