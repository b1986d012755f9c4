"""Drafting and publishing status reports: each change logged, in one transaction."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.editing import refuse_if_stale
from core.log import log_action
from reports.models import PublishedStatusReport, StatusReport
from reports.models.status import SECTIONS
from reports.status import gather


class StatusReportError(Exception):
    """A status report change that cannot be made; the message says why."""


def _as_json(snapshot):
    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


@transaction.atomic
def start_report(consortium, month, *, user):
    """A new draft for `consortium` and `month` (the 1st), its figures gathered."""
    if month > timezone.localdate().replace(day=1):
        raise StatusReportError("A status report cannot be for a month to come.")
    report = StatusReport(consortium=consortium, month=month, created_by=user)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        raise StatusReportError(
            f"{consortium.short_name} already has a status report for {month:%B %Y}."
        ) from None
    take_figures(report)
    log_action(report, "status_report.started", user=user)
    return report


def take_figures(report):
    """Gather the draft's figures from the data now and keep them."""
    report.figures = _as_json(gather(report))
    report.figures_taken_at = timezone.now()
    report.save(update_fields=["figures", "figures_taken_at"])


@transaction.atomic
def refresh_figures(report, *, user):
    locked = StatusReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_published:
        raise StatusReportError("A published report cannot change.")
    take_figures(locked)
    log_action(locked, "status_report.figures_refreshed", user=user)
    return locked


@transaction.atomic
def save_narrative(report, *, changes, expected_version, user):
    """Save the narrative under each heading (`changes`: section key → text)."""
    locked = StatusReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_published:
        raise StatusReportError("A published report cannot change.")
    refuse_if_stale(locked, expected_version)
    changed = [key for key, _ in SECTIONS if getattr(locked, key) != changes[key]]
    for key in changed:
        setattr(locked, key, changes[key])
    if changed:
        locked.save(update_fields=changed)
        log_action(
            locked, "status_report.narrative_saved", user=user, data={"fields": changed}
        )
    return locked


@transaction.atomic
def publish(report, *, user):
    """Freeze the report: its figures gathered afresh, with its narrative, become
    an issued document (snapshot and PDF) that no later edit changes."""
    locked = StatusReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_published:
        raise StatusReportError("This report is published already.")
    snapshot = gather(locked)
    document = PublishedStatusReport.issue(
        snapshot,
        issued_by=user,
        consortium=locked.consortium,
        month=locked.month,
    )
    locked.figures = document.snapshot
    locked.figures_taken_at = document.issued_at
    locked.published = document
    locked.save(update_fields=["figures", "figures_taken_at", "published"])
    log_action(
        locked,
        "status_report.published",
        user=user,
        data={"reference": document.reference},
    )
    return locked
