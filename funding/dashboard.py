"""The dashboard's panel of invoices waiting for the user: for approval (executive
members) or for payment (PCT staff). Two queries, whatever the data."""

from core.dashboard import Panel
from governance.roles import Role, access_of

SHOWN = 8


def invoices_waiting(request):
    from funding.models import Invoice, InvoiceStatus

    access = access_of(request.user)
    consortia = access.organisations_with(Role.EXECUTIVE)
    if consortia or access.is_superuser:
        invoices = Invoice.objects.filter(status=InvoiceStatus.SUBMITTED)
        if not access.is_superuser:
            invoices = invoices.filter(scheme__programme__consortium_id__in=consortia)
        heading = "Invoices waiting for your approval"
    elif access.organisations_with(Role.PCT):
        invoices = Invoice.objects.visible_to(request.user).filter(
            status=InvoiceStatus.APPROVED
        )
        heading = "Invoices approved, waiting for payment"
    else:
        return None
    count = invoices.count()
    if not count:
        return None
    shown = list(invoices.for_display().order_by("invoice_date", "pk")[:SHOWN])
    return Panel(
        "funding/reserve/_dashboard_panel.html",
        {
            "heading": heading,
            "count": count,
            "invoices": shown,
            "more": count - len(shown),
        },
        order=50,
    )
