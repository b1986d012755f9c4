import django_tables2 as tables

from core.exports import DECIMAL
from practicedata.figures import rounded
from programmes.tables import DaccomTable

RIGHT = {part: {"class": "text-end"} for part in ("th", "td", "tf")}


class FigureColumn(tables.Column):
    """A figure to one decimal place; exported as a number."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, attrs=RIGHT, **kwargs)

    def render(self, value):
        return f"{rounded(value):,}"

    def value(self, value):
        return rounded(value)


class ChangeColumn(FigureColumn):
    def render(self, value):
        figure = rounded(value)
        return f"+{figure}%" if figure > 0 else f"{figure}%"


class IndicatorPracticeTable(DaccomTable):
    """Every practice's figure for an indicator and period (figures.practice_rows)."""

    position = tables.Column("Position", attrs=RIGHT)
    code = tables.Column("Practice code")
    name = tables.Column(
        "Practice", linkify=("practicedata:practice", [tables.A("pk")])
    )
    value = FigureColumn("Value")
    baseline = FigureColumn("A year before")
    change = ChangeColumn("Change")
    target = FigureColumn("Target", orderable=False)
    met = tables.Column("Met", orderable=False)
    months_returned = tables.Column("Months returned", attrs=RIGHT)

    class Meta(DaccomTable.Meta):
        empty_text = "No practice to show."
        orderable = True

    def __init__(self, *args, **kwargs):
        self.export_number_formats = {
            "value": DECIMAL,
            "baseline": DECIMAL,
            "change": DECIMAL,
            "target": DECIMAL,
        }
        super().__init__(*args, **kwargs)

    def render_met(self, value):
        return "Yes" if value else "No"
