"""Practice agreements under a funding scheme (the 2007/8 LES): a pack of
versions, each holding the documents practices sign up on and the agreement's
text; each practice invited signs or declines, and the consortium countersigns."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agreements.models.plan import signature_blocks
from core.documents import IssuedDocument
from core.signing import Party, SealedDocument, SignableDocument, Signature
from funding.models import FundingScheme
from governance.models import Organisation
from governance.roles import Role, access_of

PRACTICE = "practice"
CONSORTIUM = "consortium"
# Fields the agreement's text may name, filled per practice.
PLACEHOLDERS = {
    "practice": "the practice's name",
    "code": "its practice code",
    "list_size": "its list size as at the scheme's counting date",
    "payments": "what the scheme pays it",
    "term": "the scheme's term",
    "consortium": "the consortium's name",
}


def _sees_every_practice(user):
    access = access_of(user)
    return access.is_superuser or bool(access.roles.keys() - {Role.PRACTICE_MANAGER})


class AgreementPackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives and PCT staff; practice managers see their agreements only."""
        if not _sees_every_practice(user):
            return self.none()
        return self.filter(scheme__in=FundingScheme.objects.visible_to(user))


class AgreementPack(models.Model):
    """The agreements practices sign to take part in a scheme, e.g. the LES 2007/8."""

    scheme = models.OneToOneField(
        FundingScheme, on_delete=models.PROTECT, related_name="agreement_pack"
    )
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = AgreementPackQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def is_writable_by(self, user):
        return access_of(user).is_executive_of(self.scheme.programme.consortium_id)


class VersionIsPublished(Exception):
    """A published version was asked to change: make a new version instead."""


class AgreementVersion(models.Model):
    """One version of the pack: its documents and its agreement text. Once
    published it never changes; a change is a new version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    pack = models.ForeignKey(
        AgreementPack, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    agreement_text = models.TextField(
        help_text="The agreement between practice and consortium. Fields in braces "
        "are filled per practice: "
        + ", ".join(f"{{{name}}} ({what})" for name, what in PLACEHOLDERS.items())
    )
    practice_undertakes = models.TextField("what the practice will do")
    consortium_undertakes = models.TextField("what the consortium will do")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pack", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "number"], name="one_agreement_version_number"
            )
        ]

    def __str__(self):
        return f"{self.pack}, version {self.number}"

    def save(self, *args, **kwargs):
        if self.pk and not kwargs.get("force_insert"):
            stored = type(self).objects.filter(pk=self.pk).values("status").first()
            if stored and stored["status"] != self.Status.DRAFT:
                raise VersionIsPublished(
                    f"{self} is published: make a new version to change it."
                )
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


def agreement_document_upload_to(instance, filename):
    """agreements/<random token>/<name>: the token keeps names unguessable."""
    return f"agreements/{secrets.token_urlsafe(16)}/{filename}"


class AgreementDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Those who see the pack, and the managers of practices invited to sign
        the document's version."""
        if _sees_every_practice(user):
            return self.filter(version__pack__in=AgreementPack.objects.visible_to(user))
        practices = access_of(user).organisations_with(Role.PRACTICE_MANAGER)
        return self.filter(
            version__in=AgreementVersion.objects.filter(
                agreements__practice_id__in=practices
            )
        )


class AgreementDocument(models.Model):
    """A document practices sign up on: an uploaded PDF or a text, with its hash."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="documents"
    )
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    file = models.FileField(
        upload_to=agreement_document_upload_to, blank=True, max_length=300
    )
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)

    objects = AgreementDocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "order", "pk"]

    def __str__(self):
        return self.title

    def is_writable_by(self, user):
        return False  # documents never change: a new version replaces them

    @property
    def is_file(self):
        return bool(self.file)


class PracticeAgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives and PCT staff see every practice's; a practice manager only
        their own practices' agreements."""
        visible = self.filter(
            version__pack__scheme__in=FundingScheme.objects.visible_to(user)
        )
        if _sees_every_practice(user):
            return visible
        access = access_of(user)
        return visible.filter(
            practice_id__in=access.organisations_with(Role.PRACTICE_MANAGER)
        )


class SignedAgreement(SealedDocument, IssuedDocument):
    """The sealed PDF of a practice agreement signed by both parties."""

    reference_prefix = "AGR"
    pdf_template = "agreements/pdf/agreement.html"
    seal_reason = "Practice agreement signed by both parties"

    class Meta(IssuedDocument.Meta):
        verbose_name = "signed practice agreement"

    def pdf_context(self):
        return {
            "organisation": self.snapshot["agreement"]["consortium"],
            "document_date": datetime.date.fromisoformat(self.snapshot["completed_on"]),
            "document_date_label": "Signed",
            "reference": self.reference,
            "agreement": self.snapshot["agreement"],
            "content_sha256": self.snapshot["content_sha256"],
            "signatures": signature_blocks(self.snapshot["signatures"]),
        }


class PracticeAgreement(SignableDocument):
    """A practice's agreement with the consortium on one version of the pack:
    invited, then signed by the practice (or declined), then countersigned."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.PROTECT, related_name="agreements"
    )
    practice = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declined_at = models.DateTimeField(null=True, blank=True, editable=False)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decline_reason = models.TextField(blank=True)
    superseded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the practice was invited to a newer version instead.",
    )
    sealed = models.OneToOneField(
        SignedAgreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="agreement",
    )

    objects = PracticeAgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["practice__name", "-version__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "practice"], name="one_agreement_per_version"
            )
        ]

    def __str__(self):
        return f"{self.practice}: {self.version}"

    # Derived state, for lists and the page.
    @property
    def state(self):
        if self.completed_at:
            return "complete"
        if self.declined_at:
            return "declined"
        if self.superseded_at:
            return "superseded"
        if any(s.party == PRACTICE for s in self.signatures.all()):
            return "signed"
        return "pending"

    def is_writable_by(self, user):
        return self.may_sign_for(user, PRACTICE) or self.may_sign_for(user, CONSORTIUM)

    def parties(self):
        return [
            Party(PRACTICE, self.content["practice"], "the practice's manager"),
            Party(
                CONSORTIUM,
                self.content["consortium"],
                "an executive member of the consortium",
            ),
        ]

    def may_sign_for(self, user, party_key):
        access = access_of(user)
        if party_key == PRACTICE:
            return self.practice_id in access.organisations_with(Role.PRACTICE_MANAGER)
        if party_key == CONSORTIUM:
            return access.is_executive_of(self.content["consortium_id"])
        return False

    def refuse_signature(self, party_key, signed_keys):
        if self.declined_at:
            return "The practice declined this agreement: it can no longer be signed."
        if self.version.status == AgreementVersion.Status.WITHDRAWN:
            return "This version has been withdrawn: it can no longer be signed."
        if not self.version.is_published:
            return "This version is not published."
        if self.superseded_at:
            return (
                "This version has been superseded by a newer one: sign the newer "
                "version you are invited to."
            )
        if party_key == CONSORTIUM and PRACTICE not in signed_keys:
            return "The practice has not signed yet: countersign after it has."
        return None

    @property
    def sealed_type(self):
        return SignedAgreement

    content_key = "agreement"

    def on_complete(self, user):
        from agreements.services import confirm_participation

        confirm_participation(self, user)


class AgreementSignature(Signature):
    document = models.ForeignKey(
        PracticeAgreement, on_delete=models.PROTECT, related_name="signatures"
    )

    history = HistoricalRecords()

    class Meta(Signature.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["document", "party"], name="one_agreement_signature_per_party"
            )
        ]
