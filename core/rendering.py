"""Documents too big to render in a web request (STYLE.md §14): rendered by a
background task, stored, then served from storage (models.RenderedFile).

A view asks `rendered_file_for(subject, kind, fingerprint, task)`: it returns the
finished file for that state of the data (serve it with `serve_rendered_file`),
or the job that is preparing it (show its progress), or queues a new one. The
fingerprint is the caller's hash of the data the document shows, so a change to
the data asks for a new file and an old one is never served as current.

The task (a django-tasks `@task()` in the app that knows the document) calls
`render_in_background(job_id, render)`, where `render(subject)` returns
(fingerprint, filename, media_type, bytes) and computes the fingerprint before it
reads the data: a change made while it renders then makes the file stale, never
a stale file look current. A failure is recorded on the job (and raised again, so
the worker logs it); asking again is an explicit `render_again`.
"""

import hashlib
import io
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils import timezone

from core.models import RenderedFile

logger = logging.getLogger(__name__)

ERROR_LENGTH = 2000


class RenderedFileChanged(Exception):
    """A stored file no longer matches the SHA-256 taken when it was rendered."""


def latest_rendered_file(subject, kind):
    """The newest file of `kind` about `subject`, whatever its state, or None."""
    return RenderedFile.objects.about(subject, kind).first()


def rendered_file_for(subject, kind, fingerprint, task, user=None):
    """The file of `kind` about `subject` for the data in state `fingerprint`.

    1. The newest job for that fingerprint, finished, pending or failed (a failed
       one waits for the user to ask again).
    2. Else a new job, queued.
    """
    job = RenderedFile.objects.about(subject, kind).filter(fingerprint=fingerprint)
    return job.first() or _queue(subject, kind, fingerprint, task, user)


def render_again(subject, kind, fingerprint, task, user=None):
    """Queue a new job, unless one for this fingerprint is already on its way."""
    pending = (
        RenderedFile.objects.about(subject, kind)
        .filter(fingerprint=fingerprint)
        .filter(status__in=[RenderedFile.Status.QUEUED, RenderedFile.Status.RUNNING])
        .first()
    )
    if pending is not None and not pending.is_overdue:
        return pending
    return _queue(subject, kind, fingerprint, task, user)


def _queue(subject, kind, fingerprint, task, user):
    job = RenderedFile.objects.create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        fingerprint=fingerprint,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    # The job row is committed (views run in autocommit), so a worker can find it.
    # A backend that runs the task at once (tests, TASKS_BACKEND) has finished it
    # by the time enqueue() returns.
    result = task.enqueue(job.pk)
    RenderedFile.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def render_in_background(job_id, render):
    """Run job `job_id`: render its subject with `render` and store the file.

    1. Claim the job (queued → running); a job already claimed is left alone.
    2. Render, then store the bytes and their SHA-256 and mark it done; on an
       error mark it failed with the error, and raise it again.
    3. Remove older finished files of the same kind about the same subject.
    """
    claimed = RenderedFile.objects.filter(
        pk=job_id, status=RenderedFile.Status.QUEUED
    ).update(status=RenderedFile.Status.RUNNING, started_at=timezone.now())
    if not claimed:
        logger.warning("Rendered file %s: not queued, left alone.", job_id)
        return
    job = RenderedFile.objects.get(pk=job_id)
    try:
        subject = job.subject
        if subject is None:
            raise LookupError("What this file was about no longer exists.")
        fingerprint, filename, media_type, content = render(subject)
    except Exception as error:
        job.status = RenderedFile.Status.FAILED
        job.error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        raise
    job.fingerprint = fingerprint
    job.filename = filename
    job.media_type = media_type
    job.sha256 = hashlib.sha256(content).hexdigest()
    job.file.save(filename, ContentFile(content), save=False)
    job.status = RenderedFile.Status.DONE
    job.finished_at = timezone.now()
    job.save()
    _discard_older(job)


def _discard_older(job):
    older = (
        RenderedFile.objects.filter(
            content_type_id=job.content_type_id,
            object_id=job.object_id,
            kind=job.kind,
            created_at__lt=job.created_at,
        )
        .exclude(status__in=[RenderedFile.Status.QUEUED, RenderedFile.Status.RUNNING])
        .exclude(pk=job.pk)
    )
    for old in older:
        if old.file:
            old.file.storage.delete(old.file.name)
        old.delete()


def serve_rendered_file(request, job):
    """The stored file as a download, byte for byte as rendered.

    The caller's view checks that `request.user` may see the job's subject.
    """
    with job.file.open("rb") as stored:
        content = stored.read()
    if hashlib.sha256(content).hexdigest() != job.sha256:
        logger.error("Rendered file %s: %s has changed.", job.pk, job.file.name)
        raise RenderedFileChanged(f"{job.file.name} has changed since it was made.")
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=job.filename,
        content_type=job.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
