"""What changes signed documents: atomic, and written to the action log."""

import datetime
import hashlib
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agreements.content import agreement_content, plan_content
from agreements.models import (
    AgreementDocument,
    AgreementVersion,
    PlanApproval,
    PracticeAgreement,
)
from agreements.models.packs import PLACEHOLDERS, PRACTICE
from core import uploads
from core.log import log_action
from core.signing import SigningRefused
from funding.models import Participation, PaymentKind
from funding.services import release_payment


@transaction.atomic
def prepare_plan_approval(
    programme, *, user, scheme=None, responsibilities="", notes="", at=None
):
    """Freeze the programme's plan for both parties to sign.

    `at` is for loading a historical approval (the demo); else now.
    Preparing again replaces the frozen plan only while nobody has signed it:
    once a party has signed, what they signed stays as it is.
    """
    approval = (
        PlanApproval.objects.select_for_update().filter(programme=programme).first()
    )
    if approval is not None and approval.signatures.exists():
        raise SigningRefused(
            "A party has already signed this plan: it can no longer be changed."
        )
    if scheme is not None and scheme.programme_id != programme.pk:
        raise SigningRefused("That funding scheme is not this programme's.")
    content = plan_content(
        programme, scheme=scheme, responsibilities=responsibilities, notes=notes
    )
    if approval is None:
        approval = PlanApproval(programme=programme)
    approval.scheme = scheme
    approval.prepared_by = user
    approval.prepared_at = at or timezone.now()
    approval.freeze(content)
    approval.save()
    log_action(
        approval,
        "prepared",
        user=user,
        data={"content_sha256": approval.content_sha256},
    )
    return approval


def release_aspiration_payment(approval, user):
    """The plan's approval releases its scheme's aspiration payment, if it has one."""
    if approval.scheme_id is None:
        return None
    kind = PaymentKind.objects.filter(
        scheme_id=approval.scheme_id, kind=PaymentKind.Kind.ASPIRATION
    ).first()
    if kind is None:
        return None
    return release_payment(
        kind,
        on=approval.approved_on,
        because=f"Plan approved by both parties: {approval.sealed.reference}",
        user=user,
    )


# ---------------------------------------------------------------------------
# Practice agreements
# ---------------------------------------------------------------------------


@transaction.atomic
def add_version(
    pack, *, user, agreement_text, practice_undertakes, consortium_undertakes
):
    """A new draft version; it starts with the latest version's documents (the
    same stored files and hashes), which the executive may add to."""
    latest = pack.versions.order_by("-number").first()
    version = AgreementVersion.objects.create(
        pack=pack,
        number=(latest.number + 1) if latest else 1,
        agreement_text=agreement_text,
        practice_undertakes=practice_undertakes,
        consortium_undertakes=consortium_undertakes,
    )
    if latest is not None:
        for document in latest.documents.all():
            document.pk = None
            document.version = version
            document.save()
    log_action(pack, "version added", user=user, data={"number": version.number})
    return version


def check_agreement_upload(upload):
    """Refuse a file that is not a PDF by its content, or too large."""
    limit = settings.AGREEMENT_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise SigningRefused(
            f"The file is too large: at most {limit // (1024 * 1024)} MB.", "file"
        )
    if uploads.sniff(upload) is not uploads.PDF or not upload.name.lower().endswith(
        ".pdf"
    ):
        raise SigningRefused("Only a PDF can be uploaded here.", "file")


@transaction.atomic
def add_document(version, *, user, title, upload=None, text=""):
    """Add a document (a checked PDF, or a text) to a draft version, hashed."""
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise SigningRefused(
            "This version is published and cannot change: add a new version."
        )
    if (upload is None) == (not text.strip()):
        raise SigningRefused("Give either a PDF or a text, not both.")
    document = AgreementDocument(version=version, title=title, text=text.strip())
    document.order = version.documents.count() + 1
    if upload is not None:
        check_agreement_upload(upload)
        upload.seek(0)
        document.sha256 = hashlib.sha256(upload.read()).hexdigest()
        upload.seek(0)
        document.file_name = upload.name[-200:]
        document.size = upload.size
        document.file.save(upload.name, upload, save=False)
    else:
        document.sha256 = hashlib.sha256(document.text.encode()).hexdigest()
    try:
        document.save()
    except Exception:
        if document.file:
            document.file.storage.delete(document.file.name)
        raise
    log_action(version, "document added", user=user, data={"title": title})
    return document


@transaction.atomic
def publish_version(version, *, user):
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise SigningRefused("This version is already published.")
    if not version.documents.exists():
        raise SigningRefused("Add the documents practices sign up on first.")
    unknown = set(re.findall(r"\{(\w+)\}", version.agreement_text)) - set(PLACEHOLDERS)
    if unknown:
        raise SigningRefused(
            "The agreement names fields that cannot be filled: "
            + ", ".join(sorted(unknown))
        )
    version.status = AgreementVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = user
    # The last save a version gets: from now on it cannot change.
    super(AgreementVersion, version).save()
    log_action(version, "published", user=user, data={"number": version.number})
    return version


@transaction.atomic
def withdraw_version(version, *, user):
    """Withdraw a published version: invitations to it can no longer be signed;
    agreements already signed on it stand."""
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    if not version.is_published:
        raise SigningRefused("Only a published version can be withdrawn.")
    version.status = AgreementVersion.Status.WITHDRAWN
    super(AgreementVersion, version).save()
    log_action(version, "withdrawn", user=user, data={"number": version.number})
    return version


@transaction.atomic
def invite_practices(version, *, user, practices, at=None):
    """Invite practices to sign `version`. Practices that have signed a version
    of the pack stay on theirs; a pending invitation to an older version is
    superseded by this one. Returns the new agreements."""
    version = AgreementVersion.objects.select_related(
        "pack__scheme__programme__consortium"
    ).get(pk=version.pk)
    if not version.is_published:
        raise SigningRefused("Publish this version before inviting practices.")
    consortium = version.pack.scheme.programme.consortium
    existing = PracticeAgreement.objects.filter(version__pack=version.pack)
    stay = set(
        existing.filter(signatures__party=PRACTICE, declined_at=None).values_list(
            "practice_id", flat=True
        )
    )
    already = set(
        existing.filter(version=version).values_list("practice_id", flat=True)
    )
    created = []
    for practice in practices:
        if practice.member_of_id != consortium.pk:
            raise SigningRefused(f"{practice} is not a practice of {consortium}.")
        if practice.pk in stay or practice.pk in already:
            continue
        existing.filter(
            practice=practice, completed_at=None, declined_at=None, superseded_at=None
        ).update(superseded_at=at or timezone.now())
        agreement = PracticeAgreement(
            version=version, practice=practice, invited_by=user
        )
        agreement.prepared_at = at or timezone.now()
        agreement.freeze(agreement_content(version, practice, consortium=consortium))
        agreement.save()
        log_action(agreement, "invited", user=user, data={"version": version.number})
        created.append(agreement)
    return created


@transaction.atomic
def decline_agreement(agreement, *, user, reason="", at=None):
    """The practice declines (a free decision); nothing is signed."""
    agreement = PracticeAgreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.may_sign_for(user, PRACTICE):
        raise SigningRefused("Only the practice's manager may decline for it.")
    if agreement.completed_at or agreement.signatures.exists():
        raise SigningRefused("The practice has signed this agreement already.")
    if agreement.declined_at:
        raise SigningRefused("The practice has declined this agreement already.")
    if agreement.superseded_at:
        raise SigningRefused("This version has been superseded by a newer one.")
    if agreement.version.status == AgreementVersion.Status.WITHDRAWN:
        raise SigningRefused("This version has been withdrawn.")
    agreement.declined_at = at or timezone.now()
    agreement.declined_by = user
    agreement.decline_reason = reason.strip()
    agreement.save(update_fields=["declined_at", "declined_by", "decline_reason"])
    participation = Participation.objects.filter(
        scheme=agreement.version.pack.scheme, practice=agreement.practice
    ).first()
    if participation is None:
        participation = Participation(
            scheme=agreement.version.pack.scheme, practice=agreement.practice
        )
    if participation.status != Participation.Status.CONFIRMED:
        participation.status = Participation.Status.NOT_PARTICIPATING
        participation.save()
    log_action(agreement, "declined", user=user, data={"reason": reason})
    return agreement


def confirm_participation(agreement, user):
    """A complete agreement confirms the practice's participation in the scheme."""
    signed_on = datetime.date.fromisoformat(agreement.sealed.snapshot["completed_on"])
    participation, _ = Participation.objects.get_or_create(
        scheme=agreement.version.pack.scheme,
        practice=agreement.practice,
        defaults={"status": Participation.Status.CONFIRMED, "confirmed_on": signed_on},
    )
    if participation.status != Participation.Status.CONFIRMED:
        participation.status = Participation.Status.CONFIRMED
        participation.confirmed_on = signed_on
        participation.withdrawn_on = None
        participation.save()
    log_action(
        participation,
        "confirmed by agreement",
        user=user,
        data={"reference": agreement.sealed.reference},
    )
    return participation
