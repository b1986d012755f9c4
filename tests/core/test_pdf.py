import datetime
import io
import re

import pytest
from pypdf import PdfReader

from core.pdf import render_pdf

TEMPLATE = "core_testapp/long_table.html"


def _context(**extra):
    return {
        "organisation": "DacCom PbC Ltd",
        "document_date": datetime.date(2007, 3, 31),
        "document_date_label": "As at",
        "rows": range(1, 61),
        "filler": "Filler that makes each row six lines tall.",
        **extra,
    }


def _pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def pages():
    return _pages(render_pdf(TEMPLATE, _context()))


def test_every_page_has_the_header_and_page_n_of_m(pages):
    # 60 rows of six lines each do not fit on one or two A4 pages.
    count = len(pages)
    assert count >= 3
    for number, text in enumerate(pages, start=1):
        assert "DacCom PbC Ltd" in text
        assert "As at 31 March 2007" in text
        assert f"Page {number} of {count}" in text
        assert "A long table" in text  # the footer's title


def test_every_page_repeats_the_table_header(pages):
    for text in pages:
        assert "Column heading" in text and "Second heading" in text


def test_no_row_is_split_across_pages(pages):
    for row in range(1, 61):
        starts = [
            index for index, text in enumerate(pages) if f"Row {row} starts" in text
        ]
        ends = [index for index, text in enumerate(pages) if f"Row {row} ends" in text]
        assert starts == ends and len(starts) == 1, row


def test_the_same_context_gives_the_same_bytes(time_machine):
    time_machine.move_to("2007-04-02 10:00 +01:00", tick=False)
    first = render_pdf(TEMPLATE, _context())
    time_machine.move_to("2008-11-20 16:45 +00:00", tick=False)
    assert render_pdf(TEMPLATE, _context()) == first


def test_it_needs_an_organisation_and_a_date():
    with pytest.raises(ValueError, match="organisation, document_date"):
        render_pdf(TEMPLATE, _context(organisation=None, document_date=None))


def test_it_fetches_nothing_a_template_links_to(tmp_path):
    stylesheet = tmp_path / "hide.css"
    stylesheet.write_text(".fetch-test { display: none; }")
    content = render_pdf(TEMPLATE, _context(stylesheet_url=stylesheet.as_uri()))
    assert re.search(r"^A long table$", _pages(content)[0], re.MULTILINE)
