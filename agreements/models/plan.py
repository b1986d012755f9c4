"""The programme's plan approved by both parties: signed for the consortium and
for the Primary Care Trust (PCT), then sealed. Its approval releases the funding
scheme's aspiration payment."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from core.documents import IssuedDocument
from core.signing import Party, SealedDocument, SignableDocument, Signature
from funding.models import FundingScheme
from governance.models import Organisation
from governance.roles import access_of
from programmes.models import Programme

CONSORTIUM = "consortium"
PCT = "pct"


def signature_blocks(blocks):
    """Signature blocks from a snapshot, with their time as local text."""
    return [
        {
            **block,
            "signed_at_text": date_format(
                timezone.localtime(datetime.datetime.fromisoformat(block["signed_at"])),
                "j F Y, H:i",
            ),
        }
        for block in blocks
    ]


class SignedPlan(SealedDocument, IssuedDocument):
    """The sealed PDF of a plan signed by both parties."""

    reference_prefix = "PLAN"
    pdf_template = "agreements/pdf/plan.html"
    seal_reason = "Plan approved by both parties"

    class Meta(IssuedDocument.Meta):
        verbose_name = "signed plan"

    def pdf_context(self):
        completed = self.snapshot["completed_on"]
        return {
            "organisation": self.snapshot["plan"]["consortium"],
            "document_date": datetime.date.fromisoformat(completed),
            "document_date_label": "Approved",
            "reference": self.reference,
            "plan": self.snapshot["plan"],
            "content_sha256": self.snapshot["content_sha256"],
            "signatures": signature_blocks(self.snapshot["signatures"]),
        }


class PlanApprovalQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))


class PlanApproval(SignableDocument):
    """A programme's plan, frozen as it stood when prepared for signature."""

    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="approval"
    )
    scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_approvals",
        help_text="The scheme whose aspiration payment the approval releases.",
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sealed = models.OneToOneField(
        SignedPlan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="approval",
    )

    objects = PlanApprovalQuerySet.as_manager()
    history = HistoricalRecords()

    def __str__(self):
        return f"Approval of {self.content.get('name', self.programme_id)}"

    def is_writable_by(self, user):
        return self.programme.is_writable_by(user)

    @property
    def approved_on(self):
        """The day the last party signed, as the sealed document shows it."""
        if self.sealed is None:
            return None
        return datetime.date.fromisoformat(self.sealed.snapshot["completed_on"])

    def parties(self):
        return [
            Party(
                CONSORTIUM,
                self.content["consortium"],
                "the programme lead or an executive member of the consortium",
            ),
            Party(PCT, self.content["pct"], "the PCT's programme lead"),
        ]

    def may_sign_for(self, user, party_key):
        access = access_of(user)
        consortium_id = self.programme.consortium_id
        if party_key == CONSORTIUM:
            return (
                access.is_executive_of(consortium_id)
                or self._leads(user).filter(organisation_id=consortium_id).exists()
            )
        if party_key == PCT:
            return (
                self._leads(user)
                .filter(organisation__kind=Organisation.Kind.PCT)
                .exists()
            )
        return False

    def _leads(self, user):
        return self.programme.leads.filter(user_id=user.pk)

    @property
    def sealed_type(self):
        return SignedPlan

    content_key = "plan"

    def on_complete(self, user):
        from agreements.services import release_aspiration_payment

        release_aspiration_payment(self, user)


class PlanSignature(Signature):
    document = models.ForeignKey(
        PlanApproval, on_delete=models.PROTECT, related_name="signatures"
    )

    history = HistoricalRecords()

    class Meta(Signature.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["document", "party"], name="one_plan_signature_per_party"
            )
        ]
