"""Practice agreements under the LES: versions, invitations, signing, declining,
countersigning, the sealed PDF and participation."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from agreements.models import AgreementSignature, AgreementVersion, PracticeAgreement
from agreements.models.packs import VersionIsPublished
from agreements.services import add_document, add_version, invite_practices
from core.sealing import check_seal
from core.signing import SigningRefused
from funding.models import Participation
from governance.models import Membership, Organisation
from tests import factories


def _post_sign(client, user, agreement, **overrides):
    client.force_login(user)
    data = {
        "party": "practice",
        "content_sha256": agreement.content_sha256,
        "typed_name": "Janet Whitmore",
        "typed_role": "Practice manager",
        "authorised": "on",
        **overrides,
    }
    return client.post(reverse("agreements:sign", args=[agreement.pk]), data)


def _countersign(client, executive, agreement, **overrides):
    return _post_sign(
        client,
        executive,
        agreement,
        party="consortium",
        typed_name="Mark Jones",
        typed_role="Executive member",
        **overrides,
    )


def test_the_invitation_fills_the_text_for_the_practice(invitation, practice):
    text = invitation.content["text"]
    # 9,000 patients × 95p = £8,550.00, of which 75% (£6,412.50) to the practice.
    assert f"{practice.name} ({practice.code}), with 9,000 patients" in text
    assert "1 April 2007 to 31 March 2008" in text
    assert "£8,550.00, of which 75% (£6,412.50) is paid to the practice" in text


def test_the_practice_manager_sees_the_invitation_on_the_dashboard(
    client, invitation, practice_manager
):
    client.force_login(practice_manager)
    response = client.get(reverse("programmes:dashboard"))
    assert b"Agreements waiting for your practice" in response.content
    assert reverse("agreements:agreement", args=[invitation.pk]).encode() in (
        response.content
    )


def test_the_whole_journey_seals_and_confirms_participation(
    client, invitation, practice_manager, executive, practice
):
    page = client.get(reverse("agreements:agreement", args=[invitation.pk]))
    client.force_login(practice_manager)
    page = client.get(reverse("agreements:agreement", args=[invitation.pk]))
    assert (
        b"LES specification" in page.content and b"Sign the agreement" in page.content
    )
    assert _post_sign(client, practice_manager, invitation).status_code == 302
    assert _countersign(client, executive, invitation).status_code == 302

    invitation.refresh_from_db()
    assert invitation.state == "complete"
    participation = Participation.objects.get(practice=practice)
    assert participation.status == Participation.Status.CONFIRMED
    content = invitation.sealed.read()
    assert check_seal(content).valid
    reader = PdfReader(io.BytesIO(content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    document_hash = invitation.version.documents.get().sha256
    for expected in (
        "Janet Whitmore",
        "Mark Jones",
        invitation.sealed.reference,
        document_hash,
        practice.name,
        "Page 1 of",
    ):
        assert expected in text

    client.force_login(practice_manager)
    url = reverse("agreements:agreement-pdf", args=[invitation.pk])
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second == content


def test_the_practice_may_decline_with_a_reason(
    client, invitation, practice_manager, practice
):
    client.force_login(practice_manager)
    response = client.post(
        reverse("agreements:decline", args=[invitation.pk]),
        {"reason": "Not this year"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.state == "declined"
    assert invitation.decline_reason == "Not this year"
    assert Participation.objects.get(practice=practice).status == "not_participating"
    response = _post_sign(client, practice_manager, invitation)
    assert "declined this agreement" in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_another_practices_manager_gets_404(client, invitation, consortium):
    other = factories.organisation(
        Organisation.Kind.PRACTICE, list_size=100, member_of=consortium
    )
    manager = factories.user(Membership.Role.PRACTICE_MANAGER, factories.person(other))
    client.force_login(manager)
    for name in ("agreement", "agreement-pdf"):
        url = reverse(f"agreements:{name}", args=[invitation.pk])
        assert client.get(url).status_code == 404
    assert _post_sign(client, manager, invitation).status_code == 404
    url = reverse("agreements:agreements")
    assert invitation.practice.name.encode() not in client.get(url).content
    assert not AgreementSignature.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"typed_name": ""}, "Type your full name"),
        ({"typed_name": "J"}, "does not look like a person"),
        ({"typed_name": "Janet 99"}, "does not look like a person"),
        ({"authorised": ""}, "Confirm that you are authorised"),
        ({"party": "consortium"}, "You may not sign for"),
        ({"party": "pct"}, "no such party"),
        ({"content_sha256": "f" * 64}, "changed since you opened it"),
    ],
)
def test_bad_signatures_are_refused_and_change_nothing(
    client, invitation, practice_manager, overrides, message
):
    response = _post_sign(client, practice_manager, invitation, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_signing_twice_is_refused(client, invitation, practice_manager):
    _post_sign(client, practice_manager, invitation)
    response = _post_sign(client, practice_manager, invitation)
    assert "has already signed" in response.content.decode()
    assert AgreementSignature.objects.count() == 1


def test_a_countersignature_before_the_practice_signs_is_refused(
    client, invitation, executive
):
    response = _countersign(client, executive, invitation)
    assert "The practice has not signed yet" in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_a_superseded_version_cannot_be_signed(
    client, invitation, published, executive, practice_manager, practice
):
    from agreements.services import publish_version

    newer = add_version(
        published.pack,
        user=executive,
        agreement_text="Version two for {practice}.",
        practice_undertakes="More.",
        consortium_undertakes="More.",
    )
    publish_version(newer, user=executive)
    (fresh,) = invite_practices(newer, user=executive, practices=[practice])
    response = _post_sign(client, practice_manager, invitation)
    assert "superseded" in response.content.decode()
    assert not AgreementSignature.objects.exists()
    assert newer.documents.get().sha256 == published.documents.get().sha256
    assert _post_sign(client, practice_manager, fresh).status_code == 302


def test_practices_who_signed_stay_on_their_version(
    client, invitation, published, executive, practice_manager, practice
):
    from agreements.services import publish_version

    _post_sign(client, practice_manager, invitation)
    newer = add_version(
        published.pack,
        user=executive,
        agreement_text="Version two.",
        practice_undertakes="More.",
        consortium_undertakes="More.",
    )
    publish_version(newer, user=executive)
    assert invite_practices(newer, user=executive, practices=[practice]) == []
    assert PracticeAgreement.objects.get().version == published


def test_a_published_version_never_changes(published, executive):
    published.agreement_text = "Changed"
    with pytest.raises(VersionIsPublished):
        published.save()
    with pytest.raises(SigningRefused, match="published"):
        add_document(published, user=executive, title="Late", text="Late text")
    assert AgreementVersion.objects.get().agreement_text != "Changed"


def test_an_upload_must_be_a_pdf_by_its_content_and_small(
    client, pack, executive, settings, tmp_path
):
    version = add_version(
        pack,
        user=executive,
        agreement_text="Text",
        practice_undertakes="P",
        consortium_undertakes="C",
    )
    url = reverse("agreements:new-document", args=[version.pk])
    client.force_login(executive)
    fake = SimpleUploadedFile("spec.pdf", b"PK\x03\x04 not a pdf")
    response = client.post(url, {"title": "Spec", "file": fake})
    assert "Only a PDF" in response.content.decode()
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 100
    big = SimpleUploadedFile("spec.pdf", b"%PDF-1.4 " + b"x" * 200)
    response = client.post(url, {"title": "Spec", "file": big})
    assert "too large" in response.content.decode()
    assert not version.documents.exists()
    settings.AGREEMENT_DOCUMENT_MAX_BYTES = 10_000
    good = SimpleUploadedFile("spec.pdf", b"%PDF-1.4 the spec")
    assert client.post(url, {"title": "Spec", "file": good}).status_code == 302
    # b"%PDF-1.4 the spec"
    assert version.documents.get().sha256 == (
        __import__("hashlib").sha256(b"%PDF-1.4 the spec").hexdigest()
    )


def test_executives_publish_and_invite_through_the_pages(
    client, pack, executive, practice
):
    client.force_login(executive)
    response = client.post(
        reverse("agreements:new-version", args=[pack.pk]),
        {
            "agreement_text": "For {practice}.",
            "practice_undertakes": "P",
            "consortium_undertakes": "C",
        },
    )
    assert response.status_code == 302
    version = pack.versions.get()
    client.post(
        reverse("agreements:new-document", args=[version.pk]),
        {"title": "Governance framework", "text": "Level 3."},
    )
    client.post(reverse("agreements:publish", args=[version.pk]))
    client.post(reverse("agreements:invite", args=[version.pk]))
    agreement = PracticeAgreement.objects.get()
    assert agreement.practice == practice
    assert agreement.content["text"] == f"For {practice.name}."


def test_a_withdrawn_version_cannot_be_signed(
    client, invitation, published, executive, practice_manager
):
    client.force_login(executive)
    url = reverse("agreements:withdraw", args=[published.pk])
    assert b"cannot be undone" in client.get(url).content
    assert client.post(url).status_code == 302
    published.refresh_from_db()
    assert published.status == AgreementVersion.Status.WITHDRAWN
    response = _post_sign(client, practice_manager, invitation)
    assert "has been withdrawn" in response.content.decode()
    assert not AgreementSignature.objects.exists()
