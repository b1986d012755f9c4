"""The demo's DES achievement review of the pilot 2006/7, agreed by both parties.

Its payment's instalments are the funding part's (64p + 31p, already recorded):
the agreed review links them rather than adding them again."""

import datetime
import logging

from django.contrib.auth import get_user_model

from core.signing import sign
from daccom.demo.agreements import _seal_ready
from funding.models import FundingScheme
from reports.models import AchievementReview
from reports.services import draft_review, set_instalments

logger = logging.getLogger(__name__)


def load(report, data, context):
    if not context.with_users:
        return
    row = data["review"]
    programme = context.programmes[row["programme"]]
    if AchievementReview.objects.filter(
        programme=programme, as_at=row["as_at"]
    ).exists():
        report.existing += 1
        return
    if not _seal_ready():
        logger.warning(
            "No seal certificate: the demo's achievement review is left out "
            "(run `manage.py make_seal_certificate`, then loaddemo again)."
        )
        return
    users = get_user_model().objects.in_bulk(
        [row["prepared_by"], *(s["username"] for s in row["signatures"])],
        field_name="username",
    )
    review = draft_review(
        programme,
        as_at=row["as_at"],
        user=users[row["prepared_by"]],
        scheme=FundingScheme.objects.get(name=row["scheme"]),
        at=row["prepared_at"],
    )
    review = set_instalments(
        review, instalments=row["instalments"], user=users[row["prepared_by"]]
    )
    report.created += 1
    for signature in row["signatures"]:
        if not isinstance(signature["signed_at"], datetime.datetime):
            raise ValueError("A demo signature needs a date and time.")
        sign(
            review,
            party=signature["party"],
            user=users[signature["username"]],
            typed_name=signature["name"],
            typed_role=signature["role"],
            authorised=True,
            seen_sha256=review.content_sha256,
            signed_at=signature["signed_at"],
        )
        report.created += 1
