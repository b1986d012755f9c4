"""CSV and XLSX downloads of django-tables2 tables."""

from django_tables2.export import TableExport

FORMATS = ("csv", "xlsx")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _defuse(value):
    # A spreadsheet runs a cell that starts like a formula; a leading quote stops it.
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        for index, row in enumerate(dataset):
            dataset[index] = tuple(_defuse(value) for value in row)
        return dataset


def export_response(request, table, basename):
    """The table as a download if `?_export=csv|xlsx` asks for one, else None."""
    export_format = request.GET.get("_export")
    if export_format not in FORMATS:
        return None
    exporter = SafeTableExport(
        export_format, table, dataset_kwargs={"title": basename[:31]}
    )
    return exporter.response(filename=f"{basename}.{export_format}")
