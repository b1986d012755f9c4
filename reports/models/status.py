"""The monthly programme status report: drafted by an executive, then published.

A draft shows the figures live (as at the end of its month where the history
allows) with the executive's narrative under each heading. Publishing freezes
it: a PublishedStatusReport, an issued document holding the snapshot of every
figure and paragraph and the PDF made from it, which no later edit changes.
"""

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.documents import IssuedDocument
from core.models import CleanTextModel, Versioned
from core.pdf import render_pdf
from governance.models import Organisation
from governance.roles import Role, access_of

# The seed report's headings, in its order: (snapshot key, heading).
SECTIONS = (
    ("funding", "Funding"),
    ("framework", "The PbC Governance Framework"),
    ("les", "The LES"),
    ("projects", "Projects and Progress"),
)


def readers_of(user):
    """Consortia whose published reports `user` may read: their own (executives,
    and managers of member practices); PCT staff read every consortium's."""
    access = access_of(user)
    if access.is_superuser or access.organisations_with(Role.PCT):
        return None  # all
    return access.organisations | access.consortia_of_practices


class StatusReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published reports for their readers; drafts for executives only."""
        access = access_of(user)
        if access.is_superuser:
            return self
        consortia = readers_of(user)
        published = Q(published__isnull=False)
        if consortia is not None:
            published &= Q(consortium_id__in=consortia)
        drafts = Q(
            published__isnull=True,
            consortium_id__in=access.organisations_with(Role.EXECUTIVE),
        )
        return self.filter(published | drafts)


class PublishedStatusReport(IssuedDocument):
    """A status report as published: its snapshot and its PDF, never changed."""

    consortium = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField()

    reference_prefix = "PSR"

    class Meta(IssuedDocument.Meta):
        verbose_name = "published status report"

    def render(self):
        return render_pdf("reports/status/pdf.html", pdf_context(self.snapshot))

    def filename(self):
        return f"status-report-{self.month:%Y-%m}-{self.reference}.pdf"


def pdf_context(snapshot):
    """What the PDF template needs, from a snapshot alone (JSON form)."""
    return {
        "organisation": snapshot["consortium"],
        "document_date": datetime.date.fromisoformat(snapshot["as_at"]),
        "document_date_label": "As at",
        "report": snapshot,
        "figures": snapshot,
        "sections": [
            (key, heading, snapshot["narrative"].get(key, ""))
            for key, heading in SECTIONS
        ],
    }


class StatusReport(Versioned, CleanTextModel):
    """A consortium's status report for a month: its narrative under each
    heading; the figures come from the data (see reports.status)."""

    consortium = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="status_reports",
        limit_choices_to={"kind": Organisation.Kind.CONSORTIUM},
    )
    month = models.DateField(help_text="The first day of the month reported on.")
    funding = models.TextField("funding narrative", blank=True)
    framework = models.TextField("governance framework narrative", blank=True)
    les = models.TextField("LES narrative", blank=True)
    projects = models.TextField("projects and progress narrative", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="Empty when the system drafted it (the demo).",
    )
    figures = models.JSONField(
        encoder=DjangoJSONEncoder,
        default=dict,
        editable=False,
        help_text="The figures as last gathered from the data (reports.status).",
    )
    figures_taken_at = models.DateTimeField(null=True, editable=False)
    published = models.OneToOneField(
        PublishedStatusReport,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="draft",
    )

    objects = StatusReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version", "figures"])

    class Meta:
        ordering = ["-month", "consortium__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "month"], name="one_status_report_a_month"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="status_report_month_starts_on_1st"
            ),
        ]

    def __str__(self):
        return f"Programme Status Report – {self.month:%B %Y}"

    def get_absolute_url(self):
        return reverse("status:report", args=[self.pk])

    def is_writable_by(self, user):
        return self.published_id is None and access_of(user).is_executive_of(
            self.consortium_id
        )

    @property
    def is_published(self):
        return self.published_id is not None

    @property
    def month_end(self):
        next_month = (self.month + datetime.timedelta(days=32)).replace(day=1)
        return next_month - datetime.timedelta(days=1)

    def narratives(self):
        return {key: getattr(self, key) for key, _ in SECTIONS}
