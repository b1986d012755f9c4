"""The demo: the pilot plan 2006/7 signed by Mark Jones and John Phipps."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import PlanApproval
from core.sealing import check_seal
from funding.models import PaymentRelease


@pytest.fixture
def demo(pilot):
    return pilot


def test_the_pilot_plan_is_approved_by_both_parties(demo):
    approval = PlanApproval.objects.get(programme=demo)
    names = [s.typed_name for s in approval.signatures.order_by("signed_at")]
    assert names == ["Mark Jones", "John Phipps"]
    assert approval.approved_on == datetime.date(2006, 5, 22)
    assert "invented for the demo" in approval.content["notes"]
    assert check_seal(approval.sealed.read()).valid


def test_its_approval_released_the_aspiration_payment(demo):
    release = PaymentRelease.objects.get(payment_kind__kind="aspiration")
    assert release.released_on == datetime.date(2006, 5, 22)
    # 150,000 patients × 95p = £142,500: 75% (£106,875) to the practices and
    # 25% (£35,625) into the reserve; with the reward payment's equal amounts,
    # the plan's £214k and £71k.
    funding = PlanApproval.objects.get().content["funding"]
    payment = funding["payments"][0]
    assert payment["kind"] == "Aspiration payment"
    assert (payment["total"], payment["practices"], payment["reserve"]) == (
        "£142,500.00",
        "£106,875.00",
        "£35,625.00",
    )
    # Aspiration and reward only (the achievement payment is agreed after the
    # review): 2 × £142,500 = £285,000, the plan's £214k (£213,750) to practices
    # and £71k (£71,250) reserved.
    assert [p["kind"] for p in funding["payments"]] == [
        "Aspiration payment",
        "Reward payment",
    ]
    assert funding["total"] == {
        "total": "£285,000.00",
        "practices": "£213,750.00",
        "reserve": "£71,250.00",
    }


def test_the_pct_lead_sees_the_signed_plan(client, demo, pilot_reviewer):
    client.force_login(pilot_reviewer)
    response = client.get(reverse("agreements:plan-approval", args=[demo.pk]))
    assert "Approved by both parties on 22 May 2006" in response.content.decode()


def test_the_demo_has_agreements_signed_declined_and_pending(demo):
    from agreements.models import AgreementPack
    from agreements.progress import sign_up_progress

    progress = sign_up_progress(AgreementPack.objects.get())
    states = {row["practice"]: row["state"] for row in progress.rows}
    assert states["Fernville Surgery"] == "Invited, pending"
    assert states["Ashridge View Medical Centre"] == "Declined"
    assert states["Gade Meadow Surgery"] == "Signed, awaiting countersignature"
    assert states["Highfield Surgery"] == "Signed and countersigned"
    # As at the LES's counting date, April 2007 (funding.toml): signed Highfield
    # 19,920 + Bulbourne Valley 21,410 + Chaulden Green 16,960 + Gade Meadow 19,030
    # = 77,320 of 24,850 + 19,920 + 21,410 + 19,030 + 17,390 + 16,960 + 15,810 +
    # 15,480 = 150,850 patients: 51.26%.
    assert (progress.list_size_signed, progress.list_size_total) == (77_320, 150_850)
    assert (progress.invited, progress.signed, progress.declined, progress.pending) == (
        8,
        4,
        1,
        3,
    )


def test_practices_on_version_one_stayed_on_it(demo):
    from agreements.models import PracticeAgreement

    highfield = PracticeAgreement.objects.get(practice__name="Highfield Surgery")
    assert highfield.version.number == 1
    assert highfield.sealed is not None
