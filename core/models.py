from django.db import models, transaction

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
                .values_list("version", flat=True)
                .first()
            )
            self.version = max(stored or 0, self.version) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)
