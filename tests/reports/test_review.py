"""The DES achievement review: drafted from the live figures, agreed in the CQRS
order, voided by a change, frozen once agreed, and setting what funding pays."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.signing import SigningRefused, sign
from funding.models import AgreedInstalment, PaymentKind, PaymentRelease
from programmes.models import Task
from reports.models import AchievementReview
from reports.services import draft_review, set_instalments, set_override
from tests import factories


def _sign(review, party, user, **extra):
    review.refresh_from_db()
    return sign(
        review,
        party=party,
        user=user,
        typed_name=extra.get("name", "Anne Signer"),
        typed_role="Programme lead",
        authorised=True,
        seen_sha256=extra.get("seen", review.content_sha256),
    )


def _agree(review, executive, reviewer):
    for party, user in (
        ("consortium", executive),
        ("pct", reviewer),
        ("pct_finance", reviewer),
    ):
        _sign(review, party, user)
    review.refresh_from_db()
    return review


def test_the_draft_carries_the_live_figures_worked_out_by_hand(reviewed, executive):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    first, second = review.content["objectives"]
    # Objective 1: 2 of 3 done; the third is led by the PCT.
    assert first["tasks_figures"] == {
        "achieved": "66.6667",
        "short_consortium": "0.0000",
        "short_other": "33.3333",
    }
    assert second["tasks_figures"]["short_consortium"] == "50.0000"
    # (2/3 + 1/2) / 2 = 7/12 = 58.3333%; 1/4 due to the consortium; 1/6 the PCT.
    assert review.content["totals"] == {
        "achieved": "58.3333",
        "short_consortium": "25.0000",
        "short_other": "16.6667",
        "not_achieved": "41.6667",
    }
    # 95p × 58.3333% = 55.4p: 55p of 95p, 40p short; proposed as one instalment.
    payment = review.content["payment"]
    assert Decimal(payment["earned_per_patient"]) == Decimal("0.55")
    assert Decimal(payment["shortfall_per_patient"]) == Decimal("0.40")
    assert payment["instalments"] == [
        {"rate_per_patient": "0.55", "reason": "For the achievement reviewed"}
    ]
    assert [t["description"] for t in first["tasks"]] == [
        "Agree a structure",
        "Hold meetings",
        "Sign off the plan",
    ]


def test_reviewers_figures_show_beside_the_tasks(reviewed, executive, client):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    set_override(
        review,
        objective_number=1,
        figures={"achieved": "50", "short_consortium": "0", "short_other": "50"},
        reason="The PCT withdrew its support half way.",
        user=executive,
    )
    review.refresh_from_db()
    first = review.content["objectives"][0]
    assert first["override"]["achieved"] == "50.0000"
    assert first["tasks_figures"]["achieved"] == "66.6667"
    client.force_login(executive)
    page = client.get(reverse("review:review", args=[review.pk])).content.decode()
    assert "50%" in page and "tasks: 66%" in page
    assert "The PCT withdrew its support half way." in page


def test_figures_must_add_up_and_carry_a_reason(reviewed, executive):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    with pytest.raises(SigningRefused):
        set_override(
            review,
            objective_number=1,
            figures={"achieved": "50", "short_consortium": "0", "short_other": "40"},
            reason="Why",
            user=executive,
        )
    with pytest.raises(SigningRefused):
        set_override(
            review,
            objective_number=1,
            figures={"achieved": "50", "short_consortium": "0", "short_other": "50"},
            reason=" ",
            user=executive,
        )


def test_the_parties_sign_in_the_cqrs_order(reviewed, executive, reviewer):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    with pytest.raises(SigningRefused, match="not declared"):
        _sign(review, "pct", reviewer)
    with pytest.raises(SigningRefused, match="may not sign"):
        _sign(review, "pct", executive)
    with pytest.raises(SigningRefused, match="may not sign"):
        _sign(review, "consortium", reviewer)
    _sign(review, "consortium", executive)
    with pytest.raises(SigningRefused, match="not approved"):
        _sign(review, "pct_finance", reviewer)
    _sign(review, "pct", reviewer)
    review.refresh_from_db()
    assert review.state == "signing" and not review.is_complete
    _sign(review, "pct_finance", reviewer)
    review.refresh_from_db()
    assert review.state == "agreed" and review.sealed is not None


def test_a_change_to_the_figures_voids_the_signatures(reviewed, executive, reviewer):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    _sign(review, "consortium", executive)
    _sign(review, "pct", reviewer)
    signed_hash = review.content_sha256
    set_override(
        review,
        objective_number=2,
        figures={"achieved": "100", "short_consortium": "0", "short_other": "0"},
        reason="Done after the date.",
        user=executive,
    )
    review.refresh_from_db()
    assert review.signatures.count() == 0
    assert review.content_sha256 != signed_hash
    # Back to be declared again: the PCT cannot approve first.
    with pytest.raises(SigningRefused, match="not declared"):
        _sign(review, "pct", reviewer)


def test_a_task_edit_after_a_signature_sends_the_review_back(
    reviewed, executive, reviewer, client
):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    _sign(review, "consortium", executive)
    Task.objects.filter(description="Sign off the plan").update(status="done")
    client.force_login(reviewer)
    page = client.get(reverse("review:review", args=[review.pk]))
    assert b'data-testid="review-stale"' in page.content
    response = client.post(
        reverse("review:sign", args=[review.pk]),
        {
            "party": "pct",
            "content_sha256": review.content_sha256,
            "typed_name": "John Phipps",
            "typed_role": "PCT Lead",
            "authorised": "on",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.signatures.count() == 0
    assert review.content["objectives"][0]["tasks_figures"]["achieved"] == "100.0000"


def test_agreed_it_is_frozen_and_its_pdf_served_as_stored(
    reviewed, executive, reviewer, client
):
    review = _agree(
        draft_review(reviewed, as_at=reviewed.ends_on, user=executive),
        executive,
        reviewer,
    )
    client.force_login(executive)
    url = reverse("review:pdf", args=[review.pk])
    before = b"".join(client.get(url).streaming_content)
    page_before = client.get(reverse("review:review", args=[review.pk])).content
    Task.objects.filter(objective__programme=reviewed).update(
        status="done", description="Edited later"
    )
    with pytest.raises(SigningRefused):
        set_override(
            review,
            objective_number=1,
            figures={"achieved": "0", "short_consortium": "100", "short_other": "0"},
            reason="Too late",
            user=executive,
        )
    review.refresh_from_db()
    assert b"".join(client.get(url).streaming_content) == before
    page_after = client.get(reverse("review:review", args=[review.pk])).content
    assert b"Edited later" not in page_after
    assert page_after.count(b"Sign off the plan") == page_before.count(
        b"Sign off the plan"
    )
    assert review.sealed.snapshot["review"]["totals"]["achieved"] == "58.3333"
    reader = PdfReader(io.BytesIO(before))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "58% achievement" in text and "55p per patient" in text
    assert "Page 1 of" in text


def test_agreed_it_sets_what_funding_pays(reviewed, scheme, executive, reviewer):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    set_instalments(
        review,
        instalments=[
            {"rate_per_patient": "0.55", "reason": "Targets"},
            {"rate_per_patient": "0.40", "reason": "PCT support"},
        ],
        user=executive,
    )
    review = _agree(review, executive, reviewer)
    kind = PaymentKind.objects.get(scheme=scheme, kind="achievement")
    assert [(i.rate_per_patient, i.reason) for i in kind.instalments.all()] == [
        (Decimal("0.5500"), "Targets"),
        (Decimal("0.4000"), "PCT support"),
    ]
    assert set(review.agreed_instalments.all()) == set(kind.instalments.all())
    release = PaymentRelease.objects.get(payment_kind=kind)
    assert review.sealed.reference in release.because


def test_instalments_recorded_before_are_linked_not_added(
    reviewed, scheme, executive, reviewer
):
    kind = PaymentKind.objects.get(scheme=scheme, kind="achievement")
    existing = AgreedInstalment.objects.create(
        payment_kind=kind,
        rate_per_patient="0.55",
        reason="For the achievement reviewed",
        agreed_on="2007-04-02",
    )
    review = _agree(
        draft_review(reviewed, as_at=reviewed.ends_on, user=executive),
        executive,
        reviewer,
    )
    assert list(kind.instalments.all()) == [existing]
    assert list(review.agreed_instalments.all()) == [existing]


def test_payments_above_the_maximum_are_refused(reviewed, executive):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    with pytest.raises(SigningRefused, match="maximum"):
        set_instalments(
            review,
            instalments=[{"rate_per_patient": "0.96", "reason": "Too much"}],
            user=executive,
        )


def test_practice_managers_see_agreed_reviews_only(
    reviewed, executive, reviewer, practice_manager, client
):
    draft = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    agreed = _agree(
        draft_review(reviewed, as_at=reviewed.starts_on, user=executive),
        executive,
        reviewer,
    )
    client.force_login(practice_manager)
    assert client.get(reverse("review:review", args=[draft.pk])).status_code == 404
    assert client.get(reverse("review:review", args=[agreed.pk])).status_code == 200
    listing = client.get(reverse("review:reviews", args=[reviewed.pk]))
    assert reverse("review:review", args=[agreed.pk]).encode() in listing.content
    assert reverse("review:review", args=[draft.pk]).encode() not in listing.content
    client.force_login(reviewer)
    assert client.get(reverse("review:review", args=[draft.pk])).status_code == 200


def test_the_review_list_runs_the_same_queries_at_two_sizes(
    programme, consortium, pct, executive, reviewer, client, django_assert_num_queries
):
    client.force_login(executive)
    url = reverse("review:reviews", args=[programme.pk])
    counts = []
    for n in (1, 6):
        for day in range(len(counts) * 10 + 1, len(counts) * 10 + 1 + n):
            factories.achievement_review(
                programme, executive, reviewer, as_at=f"2007-01-{day:02d}"
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10


def test_a_programme_has_one_review_per_date(reviewed, executive):
    draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    with pytest.raises(SigningRefused):
        draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    assert AchievementReview.objects.count() == 1


def test_finance_cannot_approve_a_payment_funding_has_no_room_for(
    reviewed, scheme, executive, reviewer
):
    kind = PaymentKind.objects.get(scheme=scheme, kind="achievement")
    AgreedInstalment.objects.create(
        payment_kind=kind,
        rate_per_patient="0.90",
        reason="Earlier",
        agreed_on="2007-04-02",
    )
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    _sign(review, "consortium", executive)
    _sign(review, "pct", reviewer)
    with pytest.raises(SigningRefused, match="exceed the maximum"):
        _sign(review, "pct_finance", reviewer)
    review.refresh_from_db()
    assert not review.is_complete


def test_going_back_to_the_tasks_figures_is_confirmed_and_voids(
    reviewed, executive, reviewer, client
):
    review = draft_review(reviewed, as_at=reviewed.ends_on, user=executive)
    set_override(
        review,
        objective_number=1,
        figures={"achieved": "50", "short_consortium": "0", "short_other": "50"},
        reason="Half way.",
        user=executive,
    )
    _sign(review, "consortium", executive)
    client.force_login(executive)
    url = reverse("review:clear-override", args=[review.pk])
    asked = client.get(url, {"objective": 1})
    assert asked.status_code == 200 and b"voids every signature" in asked.content
    assert client.post(url, {"objective": 1}).status_code == 302
    review.refresh_from_db()
    assert review.content["objectives"][0]["override"] is None
    assert review.signatures.count() == 0
