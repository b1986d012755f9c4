import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from core.text import normalise_text


class CleanTextModel(models.Model):
    """Text fields lose control characters before validation, on every write path
    that validates (forms, admin, the demo loader, services)."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not (
                exclude and field.name in exclude
            ):
                value = getattr(self, field.attname)
                multiline = isinstance(field, models.TextField)
                setattr(self, field.attname, normalise_text(value, multiline=multiline))
        super().clean_fields(exclude=exclude)


class Versioned(models.Model):
    """Optimistic locking: every save, whoever makes it (a view, the admin, the demo
    loader), bumps `version`, so a form loaded before it is refused as stale."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        with transaction.atomic(using=kwargs.get("using")):
            # One past the stored version (locked), not past this copy's, which may
            # be older: two saves from the same stale copy must not share a number.
            stored = (
                type(self)
                ._base_manager.select_for_update()
                .filter(pk=self.pk)
                .order_by()  # a default ordering may join what cannot be locked
                .values_list("version", flat=True)
                .first()
            )
            self.version = max(stored or 0, self.version) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)


class LogEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        # Joined rather than looked up, so a cold content-type cache costs nothing.
        opts = obj._meta.concrete_model._meta
        return self.filter(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id=obj.pk,
        )


class LogEntry(models.Model):
    """A named action on an object (`programmes.task.status_changed`,
    `funding.invoice.approved`): who did it, when, and its facts as JSON.

    Field history (django-simple-history) says what a record looked like; the log
    says what someone did. Written only by services, through `core.log.log_action`.
    """

    when = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "log entries"
        ordering = ["-when", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-when"], name="log_by_object"
            )
        ]

    def __str__(self):
        return f"{self.action} by {self.user or 'the system'} at {self.when}"

    @property
    def description(self):
        """`programmes.task.status_changed` reads “Status changed”."""
        return self.action.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def rendered_file_upload_to(instance, filename):
    """rendered/<year>/<random token>/<name>: the token keeps names unguessable."""
    year = timezone.localtime(instance.created_at).year
    return f"rendered/{year}/{secrets.token_urlsafe(16)}/{filename}"


class RenderedFileQuerySet(models.QuerySet):
    def about(self, subject, kind):
        """Files of `kind` ("programmes.review_pdf") about `subject`, newest first."""
        opts = subject._meta.concrete_model._meta
        return self.filter(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id=subject.pk,
            kind=kind,
        ).order_by("-created_at", "-pk")


class RenderedFile(models.Model):
    """A document rendered in the background, kept while the data it shows holds.

    `kind` names the document ("programmes.review_pdf"), `subject` the object it
    is about, and `fingerprint` the state of the data it was rendered from: a
    request whose fingerprint matches a finished file gets that file from
    storage; a different fingerprint means the data changed, and a new file is
    rendered. Unlike an issued document, it is a copy that can be made again.
    core.rendering queues, runs and serves these files.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be prepared"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=rendered_file_upload_to, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RenderedFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "kind", "-created_at"],
                name="rendered_file_by_subject",
            )
        ]

    def __str__(self):
        return f"{self.kind} of {self.content_type_id}:{self.object_id} ({self.status})"

    @property
    def is_ready(self):
        return self.status == self.Status.DONE

    @property
    def is_pending(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_failed(self):
        return self.status == self.Status.FAILED

    @property
    def is_overdue(self):
        """Still pending long after it was asked for: the worker may be down."""
        limit = datetime.timedelta(minutes=settings.RENDERED_FILE_OVERDUE_MINUTES)
        return self.is_pending and timezone.now() - self.created_at > limit
