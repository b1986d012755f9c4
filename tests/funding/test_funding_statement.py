"""The funding statement: issued by executives, a snapshot stored as a PDF and
served byte for byte; the same chart on the page and in the PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.models import LogEntry
from funding.models import FundingStatement
from funding.services import issue_statement
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _text(content):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_an_executive_issues_it_and_executives_and_the_pct_download_it(
    client, reserve_scheme, users
):
    factories.invoice(reserve_scheme, users["executive"], number="INV-77")
    client.force_login(users["executive"])
    url = reverse("reserve:statements", args=[reserve_scheme.pk])
    assert client.post(url).status_code == 302
    statement = FundingStatement.objects.get()
    assert statement.reference.startswith("FST-")
    assert LogEntry.objects.for_object(reserve_scheme).get().action == (
        "funding.statement.issued"
    )
    stored = statement.read()
    for who in ("executive", "pct"):
        client.force_login(users[who])
        response = client.get(reverse("reserve:statement-pdf", args=[statement.pk]))
        assert b"".join(response.streaming_content) == stored
    # It names every invoice's payee: not for a practice manager.
    client.force_login(users["practice_manager"])
    response = client.get(reverse("reserve:statement-pdf", args=[statement.pk]))
    assert response.status_code == 404
    text = _text(stored)
    assert "£1,000.00" in text
    assert "INV-77" in text


def test_the_statement_is_a_snapshot(reserve_scheme, executive):
    statement = issue_statement(reserve_scheme, user=executive)
    before = statement.read()
    factories.credit(reserve_scheme, "5000.00")
    factories.invoice(reserve_scheme, executive)
    again = FundingStatement.objects.get(pk=statement.pk)
    assert again.read() == before
    assert again.render() == before
    assert "£6,000.00" not in _text(before)


def test_the_page_and_the_pdf_draw_the_same_chart(client, reserve_scheme, executive):
    statement = issue_statement(reserve_scheme, user=executive)
    client.force_login(executive)
    page = client.get(reverse("reserve:ledger", args=[reserve_scheme.pk]))
    html = page.content.decode()
    assert '<svg class="reserve-chart"' in html
    assert (
        "style=" not in html.split('<svg class="reserve-chart"')[1].split("</svg>")[0]
    )
    from django.template.loader import render_to_string

    from funding.statements import statement_context

    pdf_html = render_to_string(
        "funding/reserve/pdf/statement.html",
        statement_context(statement.snapshot, statement.reference),
    )
    chart = html.split("<svg")[1].split("</svg>")[0]
    assert chart in pdf_html
