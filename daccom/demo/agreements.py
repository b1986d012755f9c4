"""The demo's signed documents: the pilot plan approved by both parties (and the
DES scheme its approval releases the aspiration payment of)."""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from agreements.models import PlanApproval
from agreements.services import prepare_plan_approval
from core.signing import sign
from daccom.demo.loader import create_missing, money
from funding.models import FundingScheme, Participation, PaymentKind

logger = logging.getLogger(__name__)


def load(report, data, context):
    scheme = _load_des(report, data["des"], context)
    if context.with_users:
        _load_plan_approval(report, data["plan_approval"], context, scheme)


def _load_des(report, row, context):
    scheme = create_missing(
        report,
        FundingScheme,
        {"name": row["name"]},
        {
            "kind": FundingScheme.Kind.DES,
            "programme": context.programmes[row["programme"]],
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "population_as_at": row["population_as_at"],
            "practice_share": money(row["practice_share"]),
            "notes": row["notes"],
        },
    )
    create_missing(
        report,
        PaymentKind,
        {"scheme": scheme, "kind": PaymentKind.Kind.ASPIRATION},
        {"max_rate_per_patient": money(row["aspiration_rate"])},
    )
    for key in row["participating"]:
        create_missing(
            report,
            Participation,
            {"scheme": scheme, "practice": context.organisations[key]},
            {
                "status": Participation.Status.CONFIRMED,
                "confirmed_on": row["confirmed_on"],
                "notes": row["participation_notes"],
            },
        )
    return scheme


def _seal_ready():
    return (
        Path(settings.SEAL_CERTIFICATE).is_file() and Path(settings.SEAL_KEY).is_file()
    )


def _load_plan_approval(report, row, context, scheme):
    programme = context.programmes[row["programme"]]
    if PlanApproval.objects.filter(programme=programme).exists():
        report.existing += 1
        return
    if not _seal_ready():
        logger.warning(
            "No seal certificate: the demo's plan approval is left out "
            "(run `manage.py make_seal_certificate`, then loaddemo again)."
        )
        return
    users = get_user_model().objects.in_bulk(
        [s["username"] for s in row["signatures"]], field_name="username"
    )
    approval = prepare_plan_approval(
        programme,
        user=users[row["signatures"][0]["username"]],
        scheme=scheme,
        responsibilities=row["responsibilities"],
        notes=row["notes"],
        at=row["prepared_at"],
    )
    report.created += 1
    for signature in row["signatures"]:
        signed_at = signature["signed_at"]
        if not isinstance(signed_at, datetime.datetime):
            raise ValueError("A demo signature needs a date and time.")
        sign(
            approval,
            party=signature["party"],
            user=users[signature["username"]],
            typed_name=signature["name"],
            typed_role=signature["role"],
            authorised=True,
            seen_sha256=approval.content_sha256,
            signed_at=signed_at,
        )
        report.created += 1
