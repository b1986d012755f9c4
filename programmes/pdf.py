"""The DES review as a PDF: the review page's body on the shared PDF layout.

A small programme's review renders in the request. Above
`settings.REVIEW_PDF_BACKGROUND_ABOVE_TASKS` tasks it renders in the background
(programmes.background, core.rendering) and is served from storage for as long as
`review_fingerprint()` stays the same.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Max, Prefetch, Sum

from core.pdf import render_pdf
from programmes.models import Objective, Task

REVIEW_PDF = "programmes.review_pdf"


def render_review_pdf(programme, objectives, totals):
    """Filename, content type and bytes of the programme's review.

    The header's date is the programme's end: the review reports on that year,
    and a date taken from the clock would make the same review differ day to day.
    """
    context = {
        "organisation": programme.consortium.name,
        "document_date": programme.ends_on,
        "document_date_label": "Programme year ending",
        "programme": programme,
        "objectives": objectives,
        "totals": totals,
    }
    content = render_pdf("programmes/pdf/review.html", context)
    return f"review-{programme.slug}.pdf", "application/pdf", content


def review_objectives(programme):
    """The review's objectives with their achievement and their tasks (counted ones:
    nothing archived), fetched once: the totals are worked out from these rows."""
    return list(
        Objective.objects.filter(programme=programme)
        .counted()
        .with_achievement()
        .prefetch_related(
            Prefetch("tasks", queryset=Task.objects.active().for_display())
        )
    )


def review_figures(programme):
    """The review's objective rows and the totals worked out from those rows."""
    objectives = review_objectives(programme)
    return objectives, programme.achievement(objectives)


@dataclass(frozen=True)
class ReviewState:
    task_count: int
    fingerprint: str

    @property
    def renders_in_background(self):
        return self.task_count > settings.REVIEW_PDF_BACKGROUND_ABOVE_TASKS


def review_state(programme):
    """How big the review is, and a fingerprint of the data it shows (2 queries).

    The fingerprint hashes the programme's own fields, every objective's fields
    (titles, comments, assessments) and, for its tasks, their count, highest id,
    latest `updated_at` and the sum of their versions: every save of a task bumps
    its version and its `updated_at`, an added task raises the count or the id, a
    deleted one lowers the count. Not covered: renaming an organisation or a
    person a task names (their short name shows in the review).
    """
    tasks = Task.objects.filter(objective__programme=programme).aggregate(
        count=Count("pk"),
        last_id=Max("pk"),
        last_update=Max("updated_at"),
        versions=Sum("version"),
    )
    objectives = list(
        Objective.objects.filter(programme=programme).order_by("pk").values()
    )
    facts = {
        "programme": {
            field.attname: getattr(programme, field.attname)
            for field in programme._meta.concrete_fields
        },
        "consortium": programme.consortium.name,
        "objectives": objectives,
        "tasks": tasks,
    }
    encoded = json.dumps(facts, cls=DjangoJSONEncoder, sort_keys=True)
    return ReviewState(tasks["count"], hashlib.sha256(encoded.encode()).hexdigest())


def render_review_file(programme):
    """For core.rendering: the fingerprint (taken first), filename, type and bytes."""
    fingerprint = review_state(programme).fingerprint
    filename, media_type, content = render_review_pdf(
        programme, *review_figures(programme)
    )
    return fingerprint, filename, media_type, content
