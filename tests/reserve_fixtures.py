"""Fixtures for the consortium's reserve (funding.reserve_urls), loaded by
tests/conftest.py: a scheme on the `programme` fixture, an invoice from the
`practice` fixture, a contract and an issued statement."""

import datetime
from decimal import Decimal

import pytest

from funding.models import KeyPersonContract
from funding.services import issue_statement
from tests import factories


@pytest.fixture
def reserve_scheme(programme, practice):
    """The programme's DES scheme: `practice` (9,000 patients) takes part, and
    £1,000.00 has come into the reserve."""
    created = factories.scheme(programme, practices=[practice])
    factories.credit(created, "1000.00")
    return created


@pytest.fixture
def invoice(reserve_scheme, practice, executive):
    """A submitted invoice from the `practice` fixture, for a meeting."""
    return factories.invoice(reserve_scheme, executive, practice=practice)


@pytest.fixture
def contract(reserve_scheme):
    return KeyPersonContract.objects.create(
        scheme=reserve_scheme,
        person=factories.person(reserve_scheme.programme.consortium),
        role="Clinical lead",
        hours_per_year=Decimal("100.00"),
        rate=Decimal("71.25"),
        starts_on=datetime.date(2007, 4, 1),
        ends_on=datetime.date(2008, 3, 31),
    )


@pytest.fixture
def statement(reserve_scheme, executive, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    return issue_statement(reserve_scheme, user=executive)


@pytest.fixture
def invoice_with_file(reserve_scheme, practice, executive, settings, tmp_path):
    """A submitted invoice from the `practice` fixture with its PDF attached."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from funding.services import submit_invoice

    settings.MEDIA_ROOT = tmp_path
    return submit_invoice(
        reserve_scheme,
        fields={
            "practice": practice,
            "meeting": "Executive Committee meeting",
            "meeting_on": datetime.date(2007, 2, 22),
            "invoice_date": datetime.date(2007, 2, 23),
            "hours": Decimal("1.25"),
            "rate": Decimal("71.25"),
            "amount": Decimal("89.06"),
        },
        user=executive,
        upload=SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice"),
    )
