"""Invoices paid from the consortium's reserve, and the one table of the moves an
invoice may make."""

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel, Versioned
from governance.models import Organisation, Person
from governance.roles import Role, access_of
from programmes.models import Project

from .contracts import COMMITTED, KeyPersonContract, sees_the_accounts
from .schemes import FundingScheme

POSITIVE = [MinValueValidator(Decimal("0.01"), message="Give more than zero.")]


class InvoiceStatus(models.TextChoices):
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"


@dataclass(frozen=True)
class Transition:
    """A named move of an invoice: from which statuses, to which, and by whom."""

    name: str
    label: str
    past: str  # "approved": the message after it
    sources: tuple
    target: str
    actor: str  # Role.EXECUTIVE or Role.PCT
    action: str  # the action log's name
    needs_reason: bool = False
    needs_paid_on: bool = False
    # Asked on a page of its own before it happens (the others are one button).
    confirm: bool = False
    button: str = "btn-primary"

    @property
    def url_name(self):
        return f"reserve:{self.name}-invoice"


# Every move an invoice may make, in one place: services and pages read this.
TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "approve",
            "Approve",
            "approved",
            (InvoiceStatus.SUBMITTED,),
            InvoiceStatus.APPROVED,
            Role.EXECUTIVE,
            "funding.invoice.approved",
            button="btn-success",
        ),
        Transition(
            "request-changes",
            "Send back for changes",
            "sent back for changes",
            (InvoiceStatus.SUBMITTED,),
            InvoiceStatus.CHANGES_REQUESTED,
            Role.EXECUTIVE,
            "funding.invoice.changes_requested",
            needs_reason=True,
            confirm=True,
            button="btn-outline-secondary",
        ),
        Transition(
            "resubmit",
            "Resubmit",
            "resubmitted",
            (InvoiceStatus.CHANGES_REQUESTED,),
            InvoiceStatus.SUBMITTED,
            Role.EXECUTIVE,
            "funding.invoice.resubmitted",
        ),
        Transition(
            "reject",
            "Reject",
            "rejected",
            (InvoiceStatus.SUBMITTED, InvoiceStatus.CHANGES_REQUESTED),
            InvoiceStatus.REJECTED,
            Role.EXECUTIVE,
            "funding.invoice.rejected",
            needs_reason=True,
            confirm=True,
            button="btn-outline-danger",
        ),
        Transition(
            "pay",
            "Mark paid",
            "marked paid",
            (InvoiceStatus.APPROVED,),
            InvoiceStatus.PAID,
            Role.PCT,
            "funding.invoice.paid",
            needs_paid_on=True,
            confirm=True,
        ),
    )
}
EDITABLE = (InvoiceStatus.SUBMITTED, InvoiceStatus.CHANGES_REQUESTED)


class InvoiceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Executives and PCT staff see every invoice of the schemes they may see;
        a practice manager only those from their practices or their people."""
        visible = self.filter(scheme__in=FundingScheme.objects.visible_to(user))
        if sees_the_accounts(user):
            return visible
        practices = access_of(user).organisations_with(Role.PRACTICE_MANAGER)
        return visible.filter(
            Q(practice_id__in=practices) | Q(person__organisation_id__in=practices)
        )

    def committed(self):
        """Approved or paid: the reserve's money is promised to these."""
        return self.filter(status__in=COMMITTED)

    def for_display(self):
        return self.select_related(
            "scheme", "person__organisation", "practice", "project", "contract__person"
        )


def invoice_upload_to(instance, filename):
    """invoices/<random token>/<name>: the token keeps names unguessable."""
    return f"invoices/{secrets.token_urlsafe(16)}/{filename}"


class Invoice(Versioned, CleanTextModel):
    """An invoice to the consortium for work paid from the reserve: from a person
    or a practice, for a project or a meeting, so many hours at a rate."""

    Status = InvoiceStatus

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="invoices"
    )
    number = models.CharField(
        "invoice number", max_length=40, blank=True, help_text="As written on it."
    )
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        help_text="Who invoices: a person, or else a practice.",
    )
    practice = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        limit_choices_to={"kind": Organisation.Kind.PRACTICE},
    )
    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        help_text="The work is for a project, or else for a meeting.",
    )
    meeting = models.CharField(
        max_length=200, blank=True, help_text="e.g. “Executive Committee meeting”."
    )
    meeting_on = models.DateField("meeting date", null=True, blank=True)
    contract = models.ForeignKey(
        KeyPersonContract,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
        help_text="The key person's contract it is invoiced under, if any.",
    )
    description = models.TextField(blank=True)
    hours = models.DecimalField(max_digits=7, decimal_places=2, validators=POSITIVE)
    rate = models.DecimalField(
        "rate per hour (£)", max_digits=8, decimal_places=2, validators=POSITIVE
    )
    amount = models.DecimalField(
        "amount (£)", max_digits=10, decimal_places=2, validators=POSITIVE
    )
    invoice_date = models.DateField()
    file = models.FileField(upload_to=invoice_upload_to, blank=True, max_length=300)
    file_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.SUBMITTED
    )
    reason = models.TextField(
        blank=True, help_text="Why it was last sent back or rejected."
    )
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    paid_on = models.DateField(null=True, blank=True)

    objects = InvoiceQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-invoice_date", "-pk"]
        indexes = [models.Index(fields=["scheme", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(rate__gt=0) & Q(amount__gt=0),
                name="invoice_figures_positive",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) ^ Q(practice__isnull=True),
                name="invoice_from_a_person_or_a_practice",
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=True) ^ Q(meeting_on__isnull=True),
                name="invoice_for_a_project_or_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_on__isnull=False),
                name="paid_invoice_has_paid_date",
            ),
        ]

    def __str__(self):
        return f"Invoice {self.pk}"

    def get_absolute_url(self):
        return reverse("reserve:invoice", args=[self.pk])

    @property
    def invoiced_by(self):
        return self.person or self.practice

    @property
    def work(self):
        """What it is for: the project, or the meeting and its date."""
        if self.project_id:
            return str(self.project)
        return f"{self.meeting or 'Meeting'}, {self.meeting_on:%-d %b %Y}"

    @property
    def is_editable(self):
        return self.status in EDITABLE

    def is_writable_by(self, user):
        """Executive members of the scheme's consortium manage its invoices."""
        return self.scheme.is_writable_by(user)

    def holds_role_for(self, transition, user):
        """Whether `user` holds the role `transition` needs: an executive member
        of the scheme's consortium, or PCT staff (who pay)."""
        if transition.actor == Role.EXECUTIVE:
            return self.is_writable_by(user)
        access = access_of(user)
        return access.is_superuser or bool(access.organisations_with(Role.PCT))

    def may(self, transition, user):
        """Whether `user` may make `transition` now."""
        return self.status in transition.sources and self.holds_role_for(
            transition, user
        )

    def transitions_for(self, user):
        return [t for t in TRANSITIONS.values() if self.may(t, user)]

    def clean(self):
        errors = {}
        if bool(self.person_id) == bool(self.practice_id):
            errors["person"] = ValidationError(
                "Give who invoices: a person or a practice (one of the two).",
                code="person_or_practice",
            )
        if self.project_id and (self.meeting_on or self.meeting):
            errors["project"] = ValidationError(
                "An invoice is for a project or for a meeting, not both.",
                code="project_and_meeting",
            )
        elif not self.project_id and not self.meeting_on:
            errors["project"] = ValidationError(
                "Give the project, or the meeting's date.",
                code="project_or_meeting",
            )
        if errors:
            raise ValidationError(errors)
