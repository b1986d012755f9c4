import hashlib
import io
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from pypdf import PdfReader

from core.documents import DocumentIsIssued, DocumentTampered, serve_document
from tests.core_testapp.models import Certificate

SNAPSHOT = {
    "organisation": "DacCom PbC Ltd",
    "date": "2007-03-31",
    "amount": Decimal("2660000.00"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def issued(db, time_machine):
    time_machine.move_to("2007-04-02 10:00 +01:00", tick=False)
    return Certificate.issue(SNAPSHOT)


def _stored(document):
    with open(document.file.path, "rb") as stored:
        return stored.read()


def _download(document, filename=None):
    response = serve_document(RequestFactory().get("/"), document, filename)
    return response, b"".join(response.streaming_content)


def test_it_issues_a_numbered_pdf_with_its_checksum(issued, media):
    assert issued.reference == "CERT-2007-00001"
    assert re.fullmatch(
        r"documents/2007/[A-Za-z0-9_-]{22}/cert-2007-00001\.pdf", issued.file.name
    )
    content = _stored(issued)
    assert content.startswith(b"%PDF")
    assert issued.sha256 == hashlib.sha256(content).hexdigest()
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Certificate CERT-2007-00001" in text
    assert "£2,660,000.00" in text


def test_its_snapshot_keeps_decimals_as_their_digits(issued):
    stored = Certificate.objects.get(pk=issued.pk).snapshot
    assert stored == {
        "organisation": "DacCom PbC Ltd",
        "date": "2007-03-31",
        "amount": "2660000.00",
    }
    assert issued.snapshot == stored  # rendered from what was stored


def test_references_count_up_within_the_year(issued, time_machine):
    second = Certificate.issue(SNAPSHOT)
    time_machine.move_to("2008-01-01 00:30 +00:00", tick=False)
    next_year = Certificate.issue(SNAPSHOT)
    assert [second.reference, next_year.reference] == [
        "CERT-2007-00002",
        "CERT-2008-00001",
    ]
    assert second.file.name != issued.file.name


def test_it_takes_the_next_number_when_another_issue_took_its_own(
    issued, media, monkeypatch
):
    offered = iter(["CERT-2007-00001", "CERT-2007-00002"])
    monkeypatch.setattr(
        Certificate, "_next_reference", classmethod(lambda cls, at: next(offered))
    )
    document = Certificate.issue(SNAPSHOT)
    assert document.reference == "CERT-2007-00002"
    # The clashing attempt's file is gone: one file per issued document.
    assert len([path for path in media.rglob("*") if path.is_file()]) == 2


def test_a_failed_render_leaves_no_row_and_no_file(db, media, monkeypatch):
    def broken(self):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(Certificate, "render", broken)
    with pytest.raises(RuntimeError):
        Certificate.issue(SNAPSHOT)
    assert Certificate.objects.count() == 0
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_it_cannot_be_edited(issued):
    document = Certificate.objects.get(pk=issued.pk)
    document.snapshot = {**SNAPSHOT, "amount": "1.00"}
    with pytest.raises(DocumentIsIssued):
        document.save()
    with pytest.raises(DocumentIsIssued):
        Certificate.objects.filter(pk=issued.pk).update(sha256="0" * 64)
    with pytest.raises(DocumentIsIssued):
        Certificate.objects.bulk_update([document], ["snapshot"])
    assert Certificate.objects.get(pk=issued.pk).snapshot["amount"] == "2660000.00"


def test_a_copy_under_its_key_is_not_saved_over_it(issued):
    copy = Certificate(
        pk=issued.pk,
        reference="CERT-2007-00099",
        snapshot={},
        sha256="0" * 64,
        issued_at=issued.issued_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
    assert Certificate.objects.get(pk=issued.pk).reference == "CERT-2007-00001"


def test_it_cannot_be_deleted(issued):
    with pytest.raises(DocumentIsIssued):
        issued.delete()
    with pytest.raises(DocumentIsIssued):
        Certificate.objects.all().delete()
    with pytest.raises(DocumentIsIssued):
        Certificate._base_manager.filter(pk=issued.pk).delete()
    assert Certificate.objects.count() == 1
    assert _stored(issued).startswith(b"%PDF")


def test_it_serves_the_stored_bytes_every_time(issued):
    first, content = _download(issued)
    second, again = _download(Certificate.objects.get(pk=issued.pk))
    assert content == again == _stored(issued)
    assert first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == (
        'attachment; filename="CERT-2007-00001.pdf"'
    )
    assert first["X-Content-Type-Options"] == "nosniff"


def test_it_serves_under_a_name_the_view_chooses(issued):
    response, _ = _download(issued, "agreement-fernville-2006-07.pdf")
    assert response["Content-Disposition"] == (
        'attachment; filename="agreement-fernville-2006-07.pdf"'
    )


def test_the_record_alone_renders_the_same_bytes(issued):
    assert Certificate.objects.get(pk=issued.pk).render() == _stored(issued)


def test_a_changed_file_is_refused_and_logged(issued, caplog):
    content = _stored(issued)
    with open(issued.file.path, "wb") as stored:
        stored.write(content + b"%% one more line\n")
    with pytest.raises(DocumentTampered):
        _download(issued)
    assert "CERT-2007-00001" in caplog.text
    assert "does not match its SHA-256" in caplog.text
