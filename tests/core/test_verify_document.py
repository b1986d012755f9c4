"""The public verification page: genuine, altered and unknown files and references."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import SignedPlan

URL = reverse("core:verify")


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def issued(db, seal_certificate, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    snapshot = {
        "plan": {
            "name": "Pilot",
            "consortium": "DacCom PbC Ltd",
            "pct": "PCT",
            "projects": [],
            "criteria": [],
            "resources": [],
            "leads": [],
        },
        "content_sha256": "a" * 64,
        "completed_on": "2006-05-02",
        "signatures": [],
    }
    return SignedPlan.issue(snapshot)


def _upload(client, content, name="plan.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content)})


def test_anyone_may_open_it_without_signing_in(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Check a signed document" in response.content


def test_a_genuine_file_is_recognised_with_its_reference_and_date(client, issued):
    response = _upload(client, issued.read())
    text = response.content.decode()
    assert "Genuine." in text
    assert issued.reference in text
    assert "Pilot" not in text  # nothing else about the document is revealed


def test_an_altered_file_is_reported_changed(client, issued):
    changed = bytearray(issued.read())
    changed[len(changed) // 3] ^= 0x01
    response = _upload(client, bytes(changed))
    text = response.content.decode()
    assert "Changed." in text
    assert issued.reference not in text


def test_an_unknown_file_is_not_known(client, issued):
    response = _upload(client, b"%PDF-1.7\nnot ours\n%%EOF")
    text = response.content.decode()
    assert "Not known." in text
    assert issued.reference not in text


def test_a_known_reference_gives_only_when_it_was_issued(client, issued):
    response = client.post(URL, {"reference": issued.reference.lower()})
    assert "Genuine." in response.content.decode()


def test_an_unknown_reference_is_not_known(client, issued):
    response = client.post(URL, {"reference": "PLAN-1999-00001"})
    assert "Not known." in response.content.decode()


def test_nothing_given_asks_for_a_file_or_reference(client, db):
    response = client.post(URL, {})
    assert "Choose a PDF, or type its reference." in response.content.decode()


def test_a_file_over_the_limit_is_refused(client, db, settings):
    settings.VERIFY_MAX_BYTES = 1000
    response = _upload(client, b"%PDF-" + b"x" * 2000)
    assert "too large" in response.content.decode()


def test_a_body_far_over_the_limit_is_refused_unread(client, db, settings):
    settings.VERIFY_MAX_BYTES = 10
    response = _upload(client, b"%PDF-" + b"x" * 100_000)
    assert response.status_code == 413


def test_too_many_checks_from_one_address_are_refused(client, db, settings):
    settings.VERIFY_CHECKS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, {"reference": "X"}).status_code == 200
    response = client.post(URL, {"reference": "X"})
    assert response.status_code == 429
    assert "Too many checks" in response.content.decode()
