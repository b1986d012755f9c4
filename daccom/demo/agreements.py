"""The demo's signed documents: the pilot plan approved by both parties (and the
DES scheme its approval releases the aspiration payment of), and the practices'
agreements under the LES 2007/8, signed, declined and pending."""

import datetime
import logging
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from agreements.models import AgreementPack, AgreementVersion, PlanApproval
from agreements.services import (
    add_document,
    add_version,
    decline_agreement,
    invite_practices,
    prepare_plan_approval,
    publish_version,
)
from core.signing import sign
from daccom.demo.loader import create_missing, money
from funding.models import FundingScheme, Participation, PaymentKind
from governance.models import Membership, Person

logger = logging.getLogger(__name__)


def load(report, data, context):
    scheme = _load_des(report, data["des"], context)
    if context.with_users:
        _load_plan_approval(report, data["plan_approval"], context, scheme)
    les = _load_les(report, data["les"], context)
    if context.with_users:
        _load_agreements(report, data["les"], context, les)


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


def _load_les(report, row, context):
    scheme = create_missing(
        report,
        FundingScheme,
        {"name": row["name"]},
        {
            "kind": FundingScheme.Kind.LES,
            "programme": context.programmes[row["programme"]],
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "population_as_at": row["population_as_at"],
            "practice_share": money(row["practice_share"]),
            "notes": row["notes"],
        },
    )
    return scheme


def _load_agreements(report, row, context, scheme):
    """The pack, its two versions and the practices' agreements, once."""
    if AgreementPack.objects.filter(scheme=scheme).exists():
        report.existing += 1
        return
    if not _seal_ready():
        logger.warning("No seal certificate: the demo's agreements are left out.")
        return
    User = get_user_model()
    executive = User.objects.get(username=row["countersigned_by"])
    managers = {m["practice"]: _manager(m, context) for m in row["managers"]}
    pack = AgreementPack.objects.create(scheme=scheme, title=row["pack_title"])
    versions = {}
    for version_row in row["versions"]:
        version = add_version(
            pack,
            user=executive,
            agreement_text=version_row["agreement_text"],
            practice_undertakes=version_row["practice_undertakes"],
            consortium_undertakes=version_row["consortium_undertakes"],
        )
        for document in version_row.get("documents", []):
            add_document(
                version, user=executive, title=document["title"], text=document["text"]
            )
        publish_version(version, user=executive)
        AgreementVersion.objects.filter(pk=version.pk).update(
            published_at=version_row["published_at"]
        )
        versions[version_row["number"]] = version
        report.created += 1
    for agreement_row in row["agreements"]:
        practice = context.organisations[agreement_row["practice"]]
        (agreement,) = invite_practices(
            versions[agreement_row["version"]],
            user=executive,
            practices=[practice],
            at=agreement_row["invited_at"],
        )
        report.created += 1
        manager = managers.get(agreement_row["practice"])
        if "declined_at" in agreement_row:
            decline_agreement(
                agreement,
                user=manager,
                reason=agreement_row["reason"],
                at=agreement_row["declined_at"],
            )
        if "signed_at" in agreement_row:
            _sign(agreement, "practice", manager, agreement_row["signed_at"])
        if "countersigned_at" in agreement_row:
            _sign(agreement, "consortium", executive, agreement_row["countersigned_at"])


def _manager(row, context):
    """An invented practice manager who signs for the demo; no password."""
    practice = context.organisations[row["practice"]]
    user, created = get_user_model().objects.get_or_create(
        username=row["username"],
        defaults={"first_name": row["first_name"], "last_name": row["last_name"]},
    )
    if created:
        user.set_unusable_password()
        user.save()
        Membership.objects.create(
            user=user, organisation=practice, role=Membership.Role.PRACTICE_MANAGER
        )
        Person.objects.create(
            organisation=practice,
            first_name=row["first_name"],
            last_name=row["last_name"],
            job_title="Practice manager",
            notes="(invented for the demo) Signs the practice's LES agreement.",
            user=user,
        )
    return user


def _sign(agreement, party, user, at):
    sign(
        agreement,
        party=party,
        user=user,
        typed_name=user.get_full_name(),
        typed_role="Practice manager" if party == "practice" else "Executive member",
        authorised=True,
        seen_sha256=agreement.content_sha256,
        signed_at=at,
    )
