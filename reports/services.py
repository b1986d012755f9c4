"""What changes achievement reviews: atomic, and written to the action log."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.log import log_action
from core.signing import SigningRefused
from funding.models import AgreedInstalment, FundingScheme, PaymentKind
from funding.services import agree_instalment, release_payment
from reports.models import AchievementReview, ReviewOverride
from reports.review_content import PARTS, achievement_kind, review_content


def _locked(review):
    return AchievementReview.objects.select_for_update().get(pk=review.pk)


def _refuse_if_agreed(review):
    if review.is_complete:
        raise SigningRefused("This review is agreed: it can no longer change.")


@transaction.atomic
def draft_review(programme, *, as_at, user, scheme=None, at=None):
    """A draft review of `programme` as at `as_at`, from the live figures.

    The objectives' assessed figures, where the programme records them, start as
    the reviewers' figures; the proposed payment is the rate the achievement earns.
    `at` is for loading a historical review (the demo); else now."""
    if isinstance(as_at, str):
        as_at = datetime.date.fromisoformat(as_at)
    if scheme is None:
        scheme = (
            FundingScheme.objects.filter(
                programme=programme, payment_kinds__kind=PaymentKind.Kind.ACHIEVEMENT
            )
            .order_by("pk")
            .first()
        )
    elif scheme.programme_id != programme.pk:
        raise SigningRefused("That funding scheme is not this programme's.")
    if AchievementReview.objects.filter(programme=programme, as_at=as_at).exists():
        raise SigningRefused("There is a review of this programme as at that date.")
    review = AchievementReview(
        programme=programme, as_at=as_at, scheme=scheme, prepared_by=user
    )
    review.prepared_at = at or timezone.now()
    review.content, review.content_sha256 = {}, ""
    review.save()
    for objective in programme.objectives.counted().filter(
        assessed_achieved__isnull=False
    ):
        ReviewOverride.objects.create(
            review=review,
            objective_number=objective.number,
            achieved=objective.assessed_achieved,
            short_consortium=objective.assessed_short_consortium,
            short_other=objective.assessed_short_other,
            reason=objective.assessment_reason,
        )
    review.freeze(review_content(review))
    earned = Decimal(review.content["payment"]["earned_per_patient"])
    if earned:
        review.instalments = [
            {"rate_per_patient": str(earned), "reason": "For the achievement reviewed"}
        ]
        review.freeze(review_content(review))
    review.save()
    log_action(review, "drafted", user=user, data={"as_at": as_at.isoformat()})
    return review


def _freeze_again(review, user, why):
    """Freeze the content as it stands now. When it differs from what was signed,
    the signatures are void: the review goes back to be declared again."""
    content = review_content(review)
    before = review.content_sha256
    review.freeze(content)
    if review.content_sha256 == before:
        return False
    voided = list(review.signatures.values_list("party", flat=True))
    if voided:
        review.signatures.all().delete()
        log_action(
            review, "signatures voided", user=user, data={"parties": voided, "why": why}
        )
    review.save(update_fields=["content", "content_sha256"])
    log_action(review, "refreshed", user=user, data={"why": why})
    return True


@transaction.atomic
def refresh_review(review, *, user):
    """Bring a draft up to the live figures; True when they had changed (and any
    signatures were voided)."""
    review = _locked(review)
    _refuse_if_agreed(review)
    return _freeze_again(review, user, "the live figures changed")


@transaction.atomic
def set_override(review, *, objective_number, figures, reason, user):
    """Set an objective's figures as the reviewers see them, with the reason."""
    review = _locked(review)
    _refuse_if_agreed(review)
    numbers = {row["number"] for row in review.content["objectives"]}
    if objective_number not in numbers:
        raise SigningRefused("There is no such objective in this review.")
    values = [Decimal(figures[part]) for part in PARTS]
    if any(v < 0 or v > 100 for v in values) or sum(values) != 100:
        raise SigningRefused(
            "The three figures must each be 0 to 100 and add up to 100."
        )
    if not reason.strip():
        raise SigningRefused("Give the reason for setting these figures.", "reason")
    ReviewOverride.objects.update_or_create(
        review=review,
        objective_number=objective_number,
        defaults={**dict(zip(PARTS, values, strict=True)), "reason": reason.strip()},
    )
    log_action(
        review,
        "figures set",
        user=user,
        data={
            "objective": objective_number,
            **{p: str(v) for p, v in zip(PARTS, values, strict=True)},
        },
    )
    _freeze_again(review, user, f"objective {objective_number}'s figures were set")
    return review


@transaction.atomic
def remove_override(review, *, objective_number, user):
    """Go back to the task figures for an objective."""
    review = _locked(review)
    _refuse_if_agreed(review)
    deleted, _ = review.overrides.filter(objective_number=objective_number).delete()
    if deleted:
        log_action(
            review, "figures cleared", user=user, data={"objective": objective_number}
        )
        _freeze_again(review, user, f"objective {objective_number}'s figures cleared")
    return review


@transaction.atomic
def set_instalments(review, *, instalments, user):
    """The payment proposed, in instalments (rate per patient, reason); together no
    more than the scheme's maximum."""
    review = _locked(review)
    _refuse_if_agreed(review)
    maximum = Decimal(review.content["payment"]["max_per_patient"] or 0)
    rows = [
        {
            "rate_per_patient": str(Decimal(i["rate_per_patient"])),
            "reason": i["reason"].strip(),
        }
        for i in instalments
    ]
    if any(not row["reason"] for row in rows):
        raise SigningRefused("Give each instalment its reason.")
    if sum(Decimal(row["rate_per_patient"]) for row in rows) > maximum:
        raise SigningRefused(
            f"The instalments come to more than the maximum of {maximum} a patient."
        )
    review.instalments = rows
    review.save(update_fields=["instalments"])
    log_action(review, "instalments set", user=user, data={"instalments": rows})
    _freeze_again(review, user, "the payment proposed changed")
    return review


def _matching(existing, row):
    rate = Decimal(row["rate_per_patient"])
    same = [i for i in existing if i.rate_per_patient == rate]
    return next((i for i in same if i.reason == row["reason"]), None) or next(
        iter(same), None
    )


def payment_conflict(review):
    """Why the review's payment cannot be recorded in funding (the scheme's
    instalments recorded already leave no room for it), or None."""
    kind = achievement_kind(review.scheme)
    if kind is None:
        return None
    existing = list(kind.instalments.all())
    adding = Decimal(0)
    for row in review.content["payment"]["instalments"]:
        match = _matching(existing, row)
        if match is None:
            adding += Decimal(row["rate_per_patient"])
        else:
            existing.remove(match)
    recorded = sum((i.rate_per_patient for i in kind.instalments.all()), Decimal(0))
    if adding and recorded + adding > kind.max_rate_per_patient:
        return (
            f"The scheme already has instalments of {recorded:.2f} a patient agreed: "
            "with this review's payment they would exceed the maximum of "
            f"{kind.max_rate_per_patient:.2f}. Set the review's payment to match."
        )
    return None


def record_agreed_payment(review, user):
    """The agreed review sets what funding pays: its instalments become the
    scheme's agreed instalments (linked where the scheme has them already, e.g.
    recorded before the review was), and the achievement payment is released."""
    kind = achievement_kind(review.scheme)
    if kind is None:
        return None
    agreed_on = review.agreed_on
    existing = list(kind.instalments.all())
    for row in review.content["payment"]["instalments"]:
        rate = Decimal(row["rate_per_patient"])
        match = _matching(existing, row)
        if match is None:
            match = agree_instalment(
                kind,
                rate_per_patient=rate,
                reason=row["reason"],
                agreed_on=agreed_on,
                notes=f"Agreed in the achievement review {review.sealed.reference}.",
                user=user,
            )
        else:
            existing.remove(match)
        review.agreed_instalments.add(match)
    return release_payment(
        kind,
        on=agreed_on,
        because=f"Achievement review agreed by both parties: {review.sealed.reference}",
        user=user,
    )


def linked_instalments(review):
    return AgreedInstalment.objects.filter(reviews=review)
