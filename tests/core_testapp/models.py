import datetime
from decimal import Decimal

from core.documents import IssuedDocument
from core.pdf import render_pdf


class Certificate(IssuedDocument):
    """A one-page PDF showing an organisation, a date and an amount."""

    reference_prefix = "CERT"

    def render(self):
        context = {
            "organisation": self.snapshot["organisation"],
            "document_date": datetime.date.fromisoformat(self.snapshot["date"]),
            "document_date_label": "Issued",
            "reference": self.reference,
            "amount": Decimal(self.snapshot["amount"]),
        }
        return render_pdf("core_testapp/certificate.html", context)
