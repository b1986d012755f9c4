"""Every issued document can be checked on the public page, sealed or not: a
meeting record or a funding statement is as much ours as a sealed agreement."""

import pytest
from django.urls import reverse

from governance.models import MeetingRecord

pytestmark = pytest.mark.django_db


def test_an_unsealed_issued_document_is_genuine_by_reference_and_by_file(
    client, pilot
):
    record = MeetingRecord.objects.first()
    by_reference = client.post(reverse("core:verify"), {"reference": record.reference})
    assert "Genuine" in by_reference.content.decode()
    upload = record.file.open("rb").read()
    from django.core.files.uploadedfile import SimpleUploadedFile

    by_file = client.post(
        reverse("core:verify"),
        {"file": SimpleUploadedFile("record.pdf", upload, "application/pdf")},
    )
    assert "Genuine" in by_file.content.decode()
