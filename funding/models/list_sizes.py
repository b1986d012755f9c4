"""A record of each import of practices' list sizes."""

from django.conf import settings
from django.db import models


class ListSizeImport(models.Model):
    """One import of list sizes from a CSV file (practice code, list size, month):
    who ran it, from which file, and what it changed. The action log names it."""

    file_name = models.CharField(max_length=200)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_count = models.PositiveIntegerField(default=0)
    changed_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name}, {self.imported_at:%Y-%m-%d %H:%M}"
