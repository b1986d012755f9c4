"""Funding's panels on the dashboard, each in one query whatever the data: a
practice manager's own practice's funding; invoices waiting for the user, for
approval (executive members) or for payment (PCT staff)."""

from django.db.models import Count, Window

from core.dashboard import Panel
from funding.models import Participation
from governance.roles import Role, access_of

SHOWN = 8


def practice_funding_panel(request):
    """Their own practices' part in each scheme, for a practice manager."""
    practices = access_of(request.user).organisations_with(Role.PRACTICE_MANAGER)
    if not practices:
        return None
    participations = list(
        Participation.objects.visible_to(request.user)
        .filter(practice_id__in=practices)
        .select_related("scheme", "practice")
        .order_by("-scheme__starts_on", "practice__name")
    )
    if not participations:
        return None
    return Panel(
        "funding/_dashboard_panel.html",
        {"participations": participations},
        order=50,
    )


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
    # One query: each row carries the count of them all (a window over the set).
    shown = list(
        invoices.for_display()
        .annotate(waiting=Window(Count("pk")))
        .order_by("invoice_date", "pk")[:SHOWN]
    )
    if not shown:
        return None
    count = shown[0].waiting
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
