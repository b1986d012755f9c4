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
