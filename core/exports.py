"""CSV and XLSX downloads: one export path for every table (STYLE.md §5).

`table_rows()` yields a django-tables2 table as rows of typed values: the
header, one row per record, then the totals row where the page shows a footer.
Numbers stay Decimal or int, dates stay dates, and empty cells are None (not
the page's "—"). `export_response()` writes those rows out:

- CSV: UTF-8 with a byte-order mark, dates as 2007-03-31, Decimals as written
  ("30.00"), empty cells empty;
- XLSX: real number and date cells with a number format, empty cells blank.

Both guard against formulas: a text cell that a spreadsheet would run gets a
leading quote.

A table adds typed totals with `export_footer()`, a mapping of column name to
value (other footer cells keep the page's text), and number formats for its
XLSX cells with `export_number_formats`, e.g. {"planned_saving": MONEY}.
"""

import csv
import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django_tables2 import A
from django_tables2.columns import DateColumn, DateTimeColumn
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.text import normalise_text

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as UTF-8 (so "£" and "—" survive) only after this mark.
UTF8_BOM = "\ufeff"

DECIMAL = "#,##0.00"
MONEY = "£#,##0.00"
DATE = "d mmm yyyy"
DATETIME = "d mmm yyyy hh:mm"
SHEET_TITLE_LENGTH = 31  # Excel's limit


def safe_cell(value):
    """Text without control characters and unable to run as a formula."""
    if not isinstance(value, str):
        return value
    # Stored text may predate input cleaning; openpyxl refuses control characters.
    value = normalise_text(value)
    # A spreadsheet runs a cell that starts like a formula; a leading quote stops it.
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table_rows(table):
    """The header, then each record's typed values, then the totals if shown."""
    columns = _exported_columns(table)
    yield [_cell(column.header) for column in columns]
    for row in table.rows:
        yield [_cell(_value(row, column)) for column in columns]
    if table.has_footer():
        typed = table.export_footer() if hasattr(table, "export_footer") else {}
        yield [
            _cell(typed[column.name] if column.name in typed else column.footer)
            for column in columns
        ]


def _exported_columns(table):
    # Hidden columns too: an export may carry more than the page shows.
    return [
        column
        for column in table.columns.iterall()
        if not column.column.exclude_from_export
    ]


def _value(row, bound_column):
    column = bound_column.column
    own_value = bound_column.value == column.value  # no value_/render_ on the table
    if own_value and isinstance(column, DateColumn | DateTimeColumn):
        # django-tables2 turns dates into ISO text for exports; keep the date.
        value = A(bound_column.accessor).resolve(row.record, quiet=True)
        return None if value in column.empty_values else value
    return row.get_cell_value(bound_column.name)


def _cell(value):
    value = force_str(value, strings_only=True)
    if value == "":
        return None
    return safe_cell(value)


def write_csv(rows):
    """The rows as CSV text, starting with a byte-order mark."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_text(value) for value in row])
    return buffer.getvalue()


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_xlsx(rows, title, number_formats=None):
    """The rows as an XLSX workbook's bytes; the first row is the header.

    `number_formats` maps a column's position to its format (else by type).
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    number_formats = number_formats or {}
    for index, row in enumerate(rows):
        sheet.append(
            [
                _xlsx_cell(sheet, value, number_formats.get(position), header=not index)
                for position, value in enumerate(row)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value, number_format, header):
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: write the local (London) time.
        value = timezone.localtime(value).replace(tzinfo=None)
        number_format = number_format or DATETIME
    elif isinstance(value, datetime.date):
        number_format = number_format or DATE
    elif isinstance(value, Decimal):
        # openpyxl writes a Decimal's digits as they are: no float rounding.
        number_format = number_format or DECIMAL
    cell = WriteOnlyCell(sheet, value=value)
    if number_format and isinstance(value, int | Decimal | datetime.date):
        cell.number_format = number_format
    if header:
        cell.font = Font(bold=True)
    return cell


def _sheet_title(title):
    # Excel refuses these characters in a sheet's name.
    for char in "[]:*?/\\":
        title = title.replace(char, "-")
    return title[:SHEET_TITLE_LENGTH] or "Sheet1"


def export_response(request, table, basename):
    """The table as `<basename>.csv|xlsx` if `?_export=csv|xlsx` asks, else None.

    `basename` names the download: "achievement-pbc-pilot-2006-07", not
    "achievement-1".
    """
    export_format = request.GET.get("_export")
    if export_format not in FORMATS:
        return None
    rows = table_rows(table)
    if export_format == "csv":
        content = write_csv(rows)
    else:
        content = write_xlsx(rows, basename, _number_formats(table))
    response = HttpResponse(content, content_type=CONTENT_TYPES[export_format])
    response["Content-Disposition"] = content_disposition_header(
        True, f"{basename}.{export_format}"
    )
    return response


def _number_formats(table):
    formats = getattr(table, "export_number_formats", {})
    return {
        position: formats[column.name]
        for position, column in enumerate(_exported_columns(table))
        if column.name in formats
    }
