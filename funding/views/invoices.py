"""Invoices paid from the reserve: the table, one invoice with its moves, adding
and correcting one, and its PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user, get_rw_object_for_user
from core.exports import export_response
from core.history import field_history
from core.log import log_for
from core.tables import paginate
from funding.models import TRANSITIONS, FundingScheme, Invoice
from funding.models.contracts import sees_the_accounts
from funding.reserve_forms import InvoiceFilterForm, InvoiceForm, PaidForm, ReasonForm
from funding.reserve_tables import InvoiceTable
from funding.services import change_invoice as change_invoice_service
from funding.services import move_invoice, submit_invoice
from funding.views.reserve import scheme_slug


def _invoices():
    return Invoice.objects.for_display().select_related("scheme__programme__consortium")


@require_safe
def invoice_list(request, pk):
    scheme, can_write = get_object_for_user(
        request, FundingScheme.objects.for_pages(), pk=pk
    )
    form = InvoiceFilterForm(request.GET, scheme=scheme)
    if not form.is_valid():
        context = {
            "scheme": scheme,
            "form": form,
            "table": None,
            "sees_accounts": sees_the_accounts(request.user),
        }
        return render(request, "funding/invoices/list.html", context, status=400)
    invoices = form.filter(
        Invoice.objects.visible_to(request.user).filter(scheme=scheme).for_display()
    )
    table = paginate(request, InvoiceTable(invoices))
    download = export_response(request, table, f"invoices-{scheme_slug(scheme)}")
    if download:
        return download
    context = {
        "scheme": scheme,
        "form": form,
        "table": table,
        "can_write": can_write,
        "own_practice_only": not sees_the_accounts(request.user),
        "sees_accounts": sees_the_accounts(request.user),
    }
    return render(request, "funding/invoices/list.html", context)


@require_safe
def invoice_detail(request, pk):
    invoice, can_write = get_object_for_user(request, _invoices(), pk=pk)
    return _invoice_page(request, invoice, can_write)


def _invoice_page(request, invoice, can_write, status=200, **forms):
    context = {
        "invoice": invoice,
        "scheme": invoice.scheme,
        "can_write": can_write,
        "transitions": invoice.transitions_for(request.user),
        "history": field_history(invoice, hidden=("scheme",)),
        "log": log_for(invoice),
        "sees_accounts": sees_the_accounts(request.user),
        **forms,
    }
    return render(request, "funding/invoices/detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
def add_invoice(request, pk):
    scheme = get_rw_object_for_user(
        request, FundingScheme.objects.for_pages(), pk=pk
    )
    form = InvoiceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        scheme=scheme,
    )
    if request.method == "POST" and form.is_valid():
        invoice = submit_invoice(
            scheme,
            fields=form.fields_to_save(),
            user=request.user,
            upload=form.cleaned_data["upload"],
        )
        messages.success(request, f"{invoice} submitted for approval.")
        return redirect(invoice)
    context = {"scheme": scheme, "form": form, "invoice": None, "sees_accounts": True}
    return render(request, "funding/invoices/form.html", context)


@require_http_methods(["GET", "POST"])
def change_invoice(request, pk):
    invoice = get_rw_object_for_user(request, _invoices(), pk=pk)
    if not invoice.is_editable:
        messages.error(
            request,
            f"{invoice} is {invoice.get_status_display().lower()}: it can no "
            "longer be changed.",
        )
        return redirect(invoice)
    form = InvoiceForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        instance=invoice,
        scheme=invoice.scheme,
    )
    if request.method == "POST" and form.is_valid():
        change_invoice_service(
            invoice,
            fields=form.fields_to_save(),
            user=request.user,
            upload=form.cleaned_data["upload"],
        )
        messages.success(request, f"{invoice} saved.")
        return redirect(invoice)
    context = {
        "scheme": invoice.scheme,
        "form": form,
        "invoice": invoice,
        "sees_accounts": True,
    }
    return render(request, "funding/invoices/form.html", context)


@require_http_methods(["GET", "POST"])
def move(request, pk, transition):
    """Make a named move (TRANSITIONS). A move that asks something first (a
    reason, the date paid) or that undoes work (reject) has its own page; the
    others are a button (POST only)."""
    move_ = TRANSITIONS[transition]
    if request.method == "GET" and not move_.confirm:
        return HttpResponseNotAllowed(["POST"])
    invoice, _ = get_object_for_user(request, _invoices(), pk=pk)
    if not invoice.holds_role_for(move_, request.user):
        raise PermissionDenied
    if invoice.status not in move_.sources:
        messages.error(
            request,
            f"{invoice} is {invoice.get_status_display().lower()}: it cannot be "
            f"{move_.past} now.",
        )
        return redirect(invoice)
    form_class = (
        PaidForm if move_.needs_paid_on else ReasonForm if move_.needs_reason else None
    )
    form = None
    if form_class is not None:
        form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "GET" or (form is not None and not form.is_valid()):
        return _confirm_page(request, invoice, move_, form)
    data = form.cleaned_data if form is not None else {}
    try:
        move_invoice(
            invoice,
            move_.name,
            user=request.user,
            reason=data.get("reason", ""),
            paid_on=data.get("paid_on"),
        )
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect(invoice)
    messages.success(request, f"{invoice} {move_.past}.")
    return redirect(invoice)


def _confirm_page(request, invoice, move_, form):
    context = {
        "invoice": invoice,
        "scheme": invoice.scheme,
        "move": move_,
        "form": form,
        "sees_accounts": sees_the_accounts(request.user),
    }
    return render(request, "funding/invoices/confirm.html", context)


@require_safe
def invoice_file(request, pk):
    """The invoice's PDF, to those who may see the invoice: always a download."""
    invoice, _ = get_object_for_user(request, _invoices(), pk=pk)
    if not invoice.file:
        raise Http404("No file is attached.")
    try:
        handle = invoice.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing from storage.") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=invoice.file_name or f"invoice-{invoice.pk}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
