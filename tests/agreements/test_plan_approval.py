"""The plan approved by both parties: prepare, sign twice, sealed, payment released."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agreements.models import PlanApproval, PlanSignature, SignedPlan
from core.sealing import check_seal
from funding.models import PaymentRelease


def _sign(client, user, approval, **overrides):
    client.force_login(user)
    data = {
        "party": "consortium",
        "content_sha256": approval.content_sha256,
        "typed_name": "Mark Jones",
        "typed_role": "Programme lead",
        "authorised": "on",
        **overrides,
    }
    return client.post(
        reverse("agreements:sign-plan", args=[approval.programme_id]), data
    )


def _both_sign(client, approval, executive, pct_lead):
    assert _sign(client, executive, approval).status_code == 302
    response = _sign(
        client,
        pct_lead,
        approval,
        party="pct",
        typed_name="John Phipps",
        typed_role="PCT Lead",
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    return approval


def test_it_prepares_the_plan_with_its_figures(approval):
    plan = approval.content
    assert plan["projects"][0]["targets"][0]["saving"] == "£1k"
    # 9,000 patients × 95p = £8,550.00: 75% £6,412.50 to practices, £2,137.50 reserve.
    payment = plan["funding"]["payments"][0]
    assert plan["funding"]["population"] == "9,000"
    assert (payment["total"], payment["practices"], payment["reserve"]) == (
        "£8,550.00",
        "£6,412.50",
        "£2,137.50",
    )


def test_it_shows_the_approval_page_with_the_sign_form(client, approval, executive):
    client.force_login(executive)
    response = client.get(
        reverse("agreements:plan-approval", args=[approval.programme_id])
    )
    assert response.status_code == 200
    assert b"Sign the plan" in response.content
    assert approval.content_sha256.encode() in response.content


def test_it_seals_and_releases_the_payment_when_both_have_signed(
    client, approval, executive, pct_lead
):
    _sign(client, executive, approval)
    approval.refresh_from_db()
    assert approval.sealed is None
    assert not PaymentRelease.objects.exists()

    approval = _both_sign_second(client, approval, pct_lead)
    assert approval.is_complete
    sealed = approval.sealed
    assert sealed.reference.startswith("PLAN-")
    release = PaymentRelease.objects.get()
    assert release.payment_kind.scheme == approval.scheme
    assert sealed.reference in release.because

    content = sealed.read()
    assert check_seal(content).valid
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for expected in ("Mark Jones", "John Phipps", sealed.reference, "PCT Lead"):
        assert expected in text
    assert approval.content_sha256[:32] in text.replace("\n", "")


def _both_sign_second(client, approval, pct_lead):
    response = _sign(
        client,
        pct_lead,
        approval,
        party="pct",
        typed_name="John Phipps",
        typed_role="PCT Lead",
    )
    assert response.status_code == 302
    approval.refresh_from_db()
    return approval


def test_two_downloads_are_the_same_bytes(client, approval, executive, pct_lead):
    approval = _both_sign(client, approval, executive, pct_lead)
    url = reverse("agreements:plan-pdf", args=[approval.programme_id])
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second == approval.sealed.read()
    assert SignedPlan.objects.count() == 1


def test_the_pdf_is_404_until_both_have_signed(client, approval, executive):
    client.force_login(executive)
    url = reverse("agreements:plan-pdf", args=[approval.programme_id])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"typed_name": ""}, "Type your full name"),
        ({"typed_name": "   "}, "Type your full name"),
        ({"typed_name": "x"}, "does not look like a person"),
        ({"typed_name": "12345"}, "does not look like a person"),
        ({"typed_name": "<script>"}, "does not look like a person"),
        ({"typed_role": ""}, "role in which you sign"),
        ({"authorised": ""}, "Confirm that you are authorised"),
        ({"content_sha256": "0" * 64}, "changed since you opened it"),
        ({"party": "pct"}, "You may not sign for"),
        ({"party": "practice"}, "no such party"),
    ],
)
def test_it_refuses_bad_input_and_changes_nothing(
    client, approval, executive, overrides, message
):
    response = _sign(client, executive, approval, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlanSignature.objects.exists()


def test_it_refuses_signing_twice(client, approval, executive):
    assert _sign(client, executive, approval).status_code == 302
    response = _sign(client, executive, approval)
    assert response.status_code == 200
    assert "has already signed" in response.content.decode()
    assert PlanSignature.objects.count() == 1


def test_a_reader_who_may_sign_for_no_party_is_refused(
    client, approval, practice_manager
):
    response = _sign(client, practice_manager, approval)
    assert response.status_code == 403
    assert not PlanSignature.objects.exists()


def test_it_refuses_to_prepare_again_once_signed(client, approval, executive):
    _sign(client, executive, approval)
    before = approval.content_sha256
    response = client.post(
        reverse("agreements:prepare-plan", args=[approval.programme_id]), {}
    )
    assert response.status_code == 200
    assert "already signed" in response.content.decode()
    assert PlanApproval.objects.get().content_sha256 == before


def test_an_executive_prepares_the_plan(client, programme, executive, scheme):
    client.force_login(executive)
    response = client.post(
        reverse("agreements:prepare-plan", args=[programme.pk]),
        {"scheme": scheme.pk, "responsibilities": "PCT: IT support."},
    )
    assert response.status_code == 302
    approval = PlanApproval.objects.get()
    assert approval.content["responsibilities"] == "PCT: IT support."
    assert approval.scheme == scheme
