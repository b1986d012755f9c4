"""Issued documents (STYLE.md §6): a numbered, stored file that never changes.

A concrete document type subclasses `IssuedDocument`, sets `reference_prefix`
and implements `render()`, which builds the file's bytes from the record alone
(its snapshot, reference, issue time and issuer), so the same record always
renders the same bytes. `issue()` stores the snapshot, the bytes and their
SHA-256 together; after that the row can be neither edited nor deleted. Serve
the file with `serve_document()` from a view that has checked the user may see it.

The snapshot is stored as JSON through DjangoJSONEncoder: a Decimal becomes its
digits as a string ("2660000.00", never a float), a date "2007-03-31", a
datetime ISO 8601 text. `issue()` stores and renders that JSON form, so a
freshly issued record and one read back from the database render alike;
`render()` turns the strings back into Decimals and dates where it needs them.

Foreign keys that point at a document type should use on_delete=PROTECT: a
cascade deletes rows without calling delete().
"""

import hashlib
import io
import json
import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify

logger = logging.getLogger(__name__)

REFERENCE_ATTEMPTS = 5


class DocumentIsIssued(Exception):
    """An issued document was asked to change or go away."""


class DocumentTampered(Exception):
    """A stored file no longer matches the SHA-256 recorded when it was issued."""


def document_upload_to(instance, filename):
    """documents/<year>/<random token>/<name>: the token keeps names unguessable."""
    year = timezone.localtime(instance.issued_at).year
    return f"documents/{year}/{secrets.token_urlsafe(16)}/{filename}"


class IssuedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise DocumentIsIssued("Issued documents cannot be changed.")

    def bulk_update(self, *args, **kwargs):
        # Before bulk_update's own transaction, which an error would spoil.
        raise DocumentIsIssued("Issued documents cannot be changed.")

    def delete(self):
        raise DocumentIsIssued("Issued documents cannot be deleted.")

    def bulk_create(self, *args, **kwargs):
        raise DocumentIsIssued("Issue documents one at a time, with issue().")


class IssuedDocument(models.Model):
    """A document as issued: its reference number, the facts it shows (snapshot),
    the stored file and its SHA-256, and when and by whom it was issued."""

    reference = models.CharField(max_length=40, unique=True, editable=False)
    snapshot = models.JSONField(encoder=DjangoJSONEncoder, editable=False)
    file = models.FileField(upload_to=document_upload_to, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    issued_at = models.DateTimeField(editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="Empty when the system issued it.",
    )

    objects = IssuedDocumentQuerySet.as_manager()

    reference_prefix = "DOC"
    media_type = "application/pdf"
    extension = "pdf"

    class Meta:
        abstract = True
        # Related lookups and Django's internals use the guarded queryset too.
        base_manager_name = "objects"
        ordering = ["-issued_at"]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DocumentIsIssued(f"{self.reference} is issued: it cannot change.")
        # Never an UPDATE, even for a copy that carries an existing primary key.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentIsIssued(f"{self.reference} is issued: it cannot be deleted.")

    def render(self):
        """The file's bytes, from this record's fields alone."""
        raise NotImplementedError

    def filename(self):
        """The name a download carries, e.g. "DOC-2007-00001.pdf"."""
        return f"{self.reference}.{self.extension}"

    @classmethod
    def issue(cls, snapshot, *, issued_by=None, **fields):
        """Issue a new document showing `snapshot`, and return it.

        1. The snapshot goes through JSON first: what is rendered is what is kept.
        2. Inside one transaction: take the next reference number, render the
           bytes from the record (nothing else is read, so rendering never sees
           half-saved rows), store the file and save the row.
        3. If another issue took that number first, try the next one.
        """
        snapshot = json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))
        issued_at = timezone.now()
        for _attempt in range(REFERENCE_ATTEMPTS):
            document = cls(
                snapshot=snapshot,
                issued_at=issued_at,
                issued_by=issued_by,
                reference=cls._next_reference(issued_at),
                **fields,
            )
            try:
                with transaction.atomic():
                    document._store(document.render())
                    document.save()
            except IntegrityError:
                document._discard_file()
                if cls._base_manager.filter(reference=document.reference).exists():
                    continue
                raise
            except BaseException:
                document._discard_file()
                raise
            return document
        raise DocumentIsIssued("No free reference number: try again.")

    @classmethod
    def _next_reference(cls, issued_at):
        """PREFIX-YEAR-00001, counting up within the year."""
        stem = f"{cls.reference_prefix}-{timezone.localtime(issued_at).year}-"
        last = (
            cls._base_manager.filter(reference__startswith=stem)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        number = int(last.removeprefix(stem)) + 1 if last else 1
        return f"{stem}{number:05d}"

    def _store(self, content):
        self.sha256 = hashlib.sha256(content).hexdigest()
        name = f"{slugify(self.reference)}.{self.extension}"
        self.file.save(name, ContentFile(content), save=False)

    def _discard_file(self):
        if self.file:
            self.file.storage.delete(self.file.name)

    def read(self):
        """The stored bytes, checked against the SHA-256 taken when issued."""
        with self.file.open("rb") as stored:
            content = stored.read()
        if hashlib.sha256(content).hexdigest() != self.sha256:
            logger.error(
                "Issued document %s: the stored file %s does not match its SHA-256.",
                self.reference,
                self.file.name,
            )
            raise DocumentTampered(f"{self.reference}: the stored file has changed.")
        return content


def serve_document(request, document, filename=None):
    """The stored file as a download, byte for byte as issued.

    The caller's view checks that `request.user` may see `document`. A file that
    no longer matches its SHA-256 raises DocumentTampered (a server error and a
    logged error): a changed document is never served as if it were the original.
    """
    response = FileResponse(
        io.BytesIO(document.read()),
        as_attachment=True,
        filename=filename or document.filename(),
        content_type=document.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
