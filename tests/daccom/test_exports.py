from decimal import Decimal

import django_tables2 as tables
import pytest

from daccom.exports import SafeTableExport


class NoteTable(tables.Table):
    note = tables.Column()
    figure = tables.Column()


def _exported(note, figure=None):
    table = NoteTable([{"note": note, "figure": figure}])
    return SafeTableExport("csv", table).dataset[0]


@pytest.mark.parametrize(
    "note", ['=HYPERLINK("http://evil")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_it_quotes_what_a_spreadsheet_would_run(note):
    assert _exported(note) == ("'" + note, None)


def test_it_leaves_other_text_and_numbers_alone():
    assert _exported("Yes – MJ", Decimal("-5.00")) == ("Yes – MJ", Decimal("-5.00"))
