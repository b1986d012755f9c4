"""CSV and XLSX downloads of django-tables2 tables."""

from django_tables2.export import TableExport

from core.text import normalise_text

FORMATS = ("csv", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as UTF-8 (so "£" and "—" survive) only after this mark.
UTF8_BOM = "\ufeff"


def _safe_cell(value):
    if not isinstance(value, str):
        return value
    # Stored text may predate input cleaning; openpyxl refuses control characters.
    value = normalise_text(value)
    # A spreadsheet runs a cell that starts like a formula; a leading quote stops it.
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        if dataset.headers:
            dataset.headers = [_safe_cell(header) for header in dataset.headers]
        for index, row in enumerate(dataset):
            dataset[index] = tuple(_safe_cell(value) for value in row)
        return dataset

    def export(self):
        content = super().export()
        if self.format == "csv":
            return UTF8_BOM + content
        return content


def export_response(request, table, basename):
    """The table as a download if `?_export=csv|xlsx` asks for one, else None."""
    export_format = request.GET.get("_export")
    if export_format not in FORMATS:
        return None
    exporter = SafeTableExport(
        export_format, table, dataset_kwargs={"title": basename[:31]}
    )
    return exporter.response(filename=f"{basename}.{export_format}")
