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
import tempfile
from decimal import Decimal
from operator import attrgetter

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django_tables2 import A, Column
from django_tables2.columns import (
    DateColumn,
    DateTimeColumn,
    ManyToManyColumn,
)
from django_tables2.columns.linkcolumn import BaseLinkColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import signature as call_signature
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
# Records read from the database at a time, and CSV rows sent in one chunk.
CHUNK_SIZE = 2000
CSV_ROWS_PER_CHUNK = 500
XLSX_IN_MEMORY_BYTES = 8 * 1024 * 1024


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
    """The header, then each record's typed values, then the totals if shown.

    Records are read straight from the table's data (a queryset in chunks, never
    all at once) through one reader per column, prepared once: django-tables2's
    own per-cell path (a BoundRow, a signature inspection and a field lookup for
    every cell) costs more than the query on a long table.
    """
    columns = _exported_columns(table)
    yield [_cell(column.header) for column in columns]
    readers = [_ColumnReader(table, column) for column in columns]
    for record in _records(table):
        yield [_cell(reader.read(record)) for reader in readers]
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


def _records(table):
    """Every record in the table's order (not one page), a queryset in chunks."""
    data = table.data.data
    if isinstance(data, QuerySet):
        return data.iterator(chunk_size=CHUNK_SIZE)
    return iter(data)


class _ColumnReader:
    """One column's export value for a record, as `BoundRow.get_cell_value` gives
    it (choice labels, empty values as None, `value_<name>` or the column's
    `value()`), with everything that does not depend on the record worked out once.
    Link and many-to-many columns, whose cells django-tables2 works out from more
    than the value, go through its own path.
    """

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = column = bound_column.column
        self.name = bound_column.name
        self.accessor = A(bound_column.accessor)
        self.attributes = attrgetter(".".join(self.accessor.bits))
        self.value_function = bound_column.value
        self.own_value = self.value_function == column.value
        self.typed_date = self.own_value and isinstance(
            column, DateColumn | DateTimeColumn
        )
        self.plain = self.own_value and (
            type(column).value is Column.value and type(column).render is Column.render
        )
        if self.own_value and type(column).value is Column.value:
            # Column.value() only calls render() with the arguments it takes.
            self.value_function = column.render
        names, self.takes_any = call_signature(self.value_function)
        self.argument_names = names
        self.needs_row = self.takes_any or "bound_row" in names
        self.slow = isinstance(column, BaseLinkColumn | ManyToManyColumn)
        # A field with choices shows its label, as get_FOO_display() would give it.
        self.labels = None
        model = getattr(table.data, "model", None)
        if model is not None:
            field = self.accessor.get_field(model)
            if getattr(field, "choices", None) and field.name == self.accessor.bits[-1]:
                self.labels = {
                    key: force_str(label, strings_only=True)
                    for key, label in field.flatchoices
                }

    def read(self, record):
        if self.slow:
            return self._slow(record)
        value = self._resolve(record)
        if self.typed_date or self.plain:
            # django-tables2 turns dates into ISO text for exports; keep the date.
            return None if value in self.column.empty_values else value
        if value in self.column.empty_values:
            return None
        arguments = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "table": self.table,
        }
        if self.needs_row:
            arguments["bound_row"] = BoundRow(record, table=self.table)
        if self.takes_any:
            return self.value_function(**arguments)
        wanted = self.argument_names
        if any(name not in arguments for name in wanted):
            return None  # as django-tables2's call_with_appropriate
        return self.value_function(**{name: arguments[name] for name in wanted})

    def _resolve(self, record):
        try:
            value = self.attributes(record)
            broken = callable(value)
        except Exception:
            broken = True
        if broken:
            # Dictionaries, indexes, methods and broken chains: django-tables2's way.
            try:
                value = self.accessor.resolve(record)
            except Exception:
                return None
        if self.labels is not None:
            return self.labels.get(value, value)
        return value

    def _slow(self, record):
        return BoundRow(record, table=self.table).get_cell_value(self.name)


def _cell(value):
    value = force_str(value, strings_only=True)
    if value == "":
        return None
    return safe_cell(value)


def stream_csv(rows):
    """The rows as CSV text in chunks: the byte-order mark and the header at once,
    then the records a few hundred rows at a time, as they are read."""
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    for count, row in enumerate(rows):
        writer.writerow([_csv_text(value) for value in row])
        if count % CSV_ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(rows):
    """The rows as CSV text, starting with a byte-order mark."""
    return "".join(stream_csv(rows))


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def write_xlsx(rows, title, number_formats=None, output=None):
    """The rows as an XLSX workbook; the first row is the header.

    `number_formats` maps a column's position to its format (else by type).
    Returns the bytes, or writes them to the binary file `output` if given.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    number_formats = number_formats or {}
    rows = iter(rows)
    header = next(rows, None)
    if header is not None:
        bold = Font(bold=True)
        sheet.append([_header_cell(sheet, value, bold) for value in header])
    formats_by_type = {}
    for row in rows:
        sheet.append(
            [
                _xlsx_value(sheet, value, number_formats.get(position), formats_by_type)
                for position, value in enumerate(row)
            ]
        )
    if output is not None:
        workbook.save(output)
        return None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_cell(sheet, value, bold):
    cell = WriteOnlyCell(sheet, value=_xlsx_plain(value))
    cell.font = bold
    return cell


def _xlsx_plain(value):
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: write the local (London) time.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _xlsx_value(sheet, value, number_format, formats_by_type):
    """A plain value where Excel's default shows it right (text, blanks, whole
    numbers without a format), else a cell carrying its number format."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, datetime.datetime):
        value = _xlsx_plain(value)
        number_format = number_format or DATETIME
    elif isinstance(value, datetime.date):
        number_format = number_format or DATE
    elif isinstance(value, Decimal):
        # openpyxl writes a Decimal's digits as they are: no float rounding.
        number_format = number_format or DECIMAL
    elif not isinstance(value, int):
        return value
    if not number_format:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _sheet_title(title):
    # Excel refuses these characters in a sheet's name.
    for char in "[]:*?/\\":
        title = title.replace(char, "-")
    return title[:SHEET_TITLE_LENGTH] or "Sheet1"


def export_response(request, table, basename):
    """The table as `<basename>.csv|xlsx` if `?_export=csv|xlsx` asks, else None.

    `basename` names the download: "achievement-pbc-pilot-2006-07", not
    "achievement-1". A CSV streams: its first bytes leave before the query runs,
    and no more than a chunk of rows is held at once. An XLSX (a zip, written at
    the end) is built in a temporary file, spilling to disk past a few megabytes.
    """
    export_format = request.GET.get("_export")
    if export_format not in FORMATS:
        return None
    rows = table_rows(table)
    filename = f"{basename}.{export_format}"
    if export_format == "csv":
        response = StreamingHttpResponse(
            stream_csv(rows), content_type=CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    output = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY_BYTES)
    write_xlsx(rows, basename, _number_formats(table), output=output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES["xlsx"],
    )


def _number_formats(table):
    formats = getattr(table, "export_number_formats", {})
    return {
        position: formats[column.name]
        for position, column in enumerate(_exported_columns(table))
        if column.name in formats
    }
