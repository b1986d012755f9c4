"""The funding statement: a scheme's reserve, invoices and hours as issued."""

from django.db import models

from core.documents import IssuedDocument, IssuedDocumentQuerySet
from core.pdf import render_pdf

from .schemes import FundingScheme, sees_every_practice


class FundingStatementQuerySet(IssuedDocumentQuerySet):
    def visible_to(self, user):
        """Executives and PCT staff only: a statement names every invoice's payee."""
        if not sees_every_practice(user):
            return self.none()
        return self.filter(scheme__in=FundingScheme.objects.visible_to(user))


class FundingStatement(IssuedDocument):
    """A scheme's funding statement as issued: numbered, stored once, never changed.
    Everyone who may see the scheme may download it."""

    reference_prefix = "FST"

    scheme = models.ForeignKey(
        FundingScheme, on_delete=models.PROTECT, related_name="statements"
    )

    objects = FundingStatementQuerySet.as_manager()

    class Meta(IssuedDocument.Meta):
        pass

    def is_writable_by(self, user):
        return False  # issued: nobody changes it

    def render(self):
        from funding.statements import statement_context

        return render_pdf(
            "funding/reserve/pdf/statement.html",
            statement_context(self.snapshot, self.reference),
        )
