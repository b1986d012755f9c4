"""The DES achievement review agreed by both parties.

A review of a programme as at a date is drafted from the live figures (the
objectives' achievement from their tasks) and any figures the reviewers set
differently, with a reason. What the parties sign is the review's `content`, a
JSON snapshot: the consortium declares the achievement, the PCT approves it, and
the PCT's finance approves the payment (the order of the NHS's CQRS). A change to
the figures after a signature voids the signatures (reports.services.refresh).
Once agreed it is sealed and issued; later edits change nothing in it.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from agreements.models.plan import signature_blocks
from core.documents import IssuedDocument
from core.signing import Party, SealedDocument, SignableDocument, Signature
from funding.models import AgreedInstalment, FundingScheme
from governance.roles import Role, access_of
from programmes.models import Programme

DECLARE = "consortium"
APPROVE = "pct"
FINANCE = "pct_finance"
ORDER = (DECLARE, APPROVE, FINANCE)
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def _sees_drafts(user):
    access = access_of(user)
    return access.is_superuser or bool(access.roles.keys() & {Role.EXECUTIVE, Role.PCT})


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives and PCT staff of the programme see drafts; practice managers
        see agreed reviews only."""
        reviews = self.filter(programme__in=Programme.objects.visible_to(user))
        if _sees_drafts(user):
            return reviews
        return reviews.filter(completed_at__isnull=False)


class AgreedReview(SealedDocument, IssuedDocument):
    """The sealed PDF of a review agreed by both parties."""

    reference_prefix = "REV"
    pdf_template = "reports/review/pdf/review.html"
    seal_reason = "DES achievement review agreed by both parties"

    class Meta(IssuedDocument.Meta):
        verbose_name = "agreed achievement review"

    def pdf_context(self):
        from reports.review_content import display

        review = display(self.snapshot["review"])
        return {
            "organisation": review["consortium"],
            "document_date": review["as_at"],
            "document_date_label": "As at",
            "reference": self.reference,
            "review": review,
            "content_sha256": self.snapshot["content_sha256"],
            "signatures": signature_blocks(self.snapshot["signatures"]),
            "agreed_on": datetime.date.fromisoformat(self.snapshot["completed_on"]),
        }


class AchievementReview(SignableDocument):
    """A programme's achievement review as at a date, and its signatures."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="achievement_reviews"
    )
    as_at = models.DateField(help_text="The date the review reports as at.")
    scheme = models.ForeignKey(
        FundingScheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="achievement_reviews",
        help_text="The scheme whose achievement payment the review sets.",
    )
    instalments = models.JSONField(
        default=list,
        blank=True,
        help_text="The payment proposed, as instalments: rate per patient and reason.",
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sealed = models.OneToOneField(
        AgreedReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="review",
    )
    agreed_instalments = models.ManyToManyField(
        AgreedInstalment,
        blank=True,
        related_name="reviews",
        help_text="The scheme's instalments this agreement set (or confirmed).",
    )

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "-as_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "as_at"], name="one_review_per_programme_date"
            )
        ]

    def __str__(self):
        return f"Achievement review of {self.programme} as at {self.as_at:%-d %B %Y}"

    def is_writable_by(self, user):
        return not self.is_complete and self.programme.is_writable_by(user)

    @property
    def state(self):
        if self.is_complete:
            return "agreed"
        return "signing" if self.signatures.all() else "draft"

    @property
    def agreed_on(self):
        if self.sealed is None:
            return None
        return datetime.date.fromisoformat(self.sealed.snapshot["completed_on"])

    def parties(self):
        consortium = self.content["consortium"]
        pct = self.content["pct"] or "The Primary Care Trust"
        return [
            Party(DECLARE, consortium, "an executive member of the consortium"),
            Party(APPROVE, pct, "a member of the PCT's staff"),
            Party(FINANCE, f"{pct} (finance)", "a member of the PCT's staff"),
        ]

    def may_sign_for(self, user, party_key):
        access = access_of(user)
        if party_key == DECLARE:
            return access.is_executive_of(self.content["consortium_id"])
        if party_key in (APPROVE, FINANCE):
            pct_ids = access.organisations_with(Role.PCT)
            return bool(pct_ids) and bool(
                set(self.content.get("pct_ids", [])) & pct_ids
            )
        return False

    def refuse_signature(self, party_key, signed_keys):
        before = ORDER[: ORDER.index(party_key)]
        missing = [key for key in before if key not in signed_keys]
        if missing:
            names = {p.key: p.organisation for p in self.parties()}
            if missing[0] == DECLARE:
                return "The consortium has not declared the achievement yet."
            return f"{names[missing[0]]} has not approved the achievement yet."
        if party_key == FINANCE:
            from reports.services import payment_conflict

            return payment_conflict(self)
        return None

    @property
    def sealed_type(self):
        return AgreedReview

    content_key = "review"

    def on_complete(self, user):
        from reports.services import record_agreed_payment

        record_agreed_payment(self, user)


class ReviewOverride(models.Model):
    """An objective's figures as the reviewers set them, with their reason."""

    review = models.ForeignKey(
        AchievementReview, on_delete=models.CASCADE, related_name="overrides"
    )
    objective_number = models.PositiveSmallIntegerField()
    achieved = models.DecimalField(
        "% achieved", max_digits=7, decimal_places=4, validators=PERCENT
    )
    short_consortium = models.DecimalField(
        "% not achieved due to the consortium",
        max_digits=7,
        decimal_places=4,
        validators=PERCENT,
    )
    short_other = models.DecimalField(
        "% not achieved due to the PCT or other",
        max_digits=7,
        decimal_places=4,
        validators=PERCENT,
    )
    reason = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "objective_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "objective_number"], name="one_override_per_objective"
            )
        ]

    def __str__(self):
        return f"Objective {self.objective_number}: {self.achieved}%"


class ReviewSignature(Signature):
    document = models.ForeignKey(
        AchievementReview, on_delete=models.PROTECT, related_name="signatures"
    )

    history = HistoricalRecords()

    class Meta(Signature.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["document", "party"], name="one_review_signature_per_party"
            )
        ]
