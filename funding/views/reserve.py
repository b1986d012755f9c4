"""The reserve's pages: the ledger, the resource hours, contracts with key
personnel and the funding statements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.exports import export_response
from core.log import log_for
from core.tables import paginate
from core.text import file_slug
from funding import ledger
from funding.models import FundingScheme, FundingStatement, Invoice, KeyPersonContract
from funding.models.contracts import sees_the_accounts
from funding.reserve_forms import ContractForm, HourlyRateForm
from funding.reserve_tables import ContractTable, HoursTable, LedgerTable
from funding.services import issue_statement, save_contract, set_hourly_rate


def _schemes():
    return FundingScheme.objects.for_pages()


def scheme_slug(scheme):
    return file_slug(scheme.name)[:60] or f"scheme-{scheme.pk}"


@require_safe
def reserve_ledger(request, pk):
    scheme, can_write = _accounts_scheme(request, pk)
    rows = ledger.ledger(scheme)
    invoice_ids = [row.invoice_id for row in rows if row.invoice_id]
    linkable = (
        Invoice.objects.visible_to(request.user)
        .filter(pk__in=invoice_ids)
        .values_list("pk", flat=True)
        if invoice_ids
        else []
    )
    table = paginate(request, LedgerTable(rows, linkable=linkable), per_page=50)
    download = export_response(request, table, f"reserve-{scheme_slug(scheme)}")
    if download:
        return download
    context = {
        "scheme": scheme,
        "table": table,
        "can_write": can_write,
        "sees_accounts": sees_the_accounts(request.user),
        **ledger.summary(scheme, rows),
    }
    return render(request, "funding/reserve/ledger.html", context)


@require_safe
def resource_hours(request, pk):
    scheme, can_write = get_object_for_user(request, _schemes(), pk=pk)
    rows, total = ledger.hours(scheme)
    table = paginate(request, HoursTable(rows, total=total), per_page=100)
    download = export_response(request, table, f"hours-{scheme_slug(scheme)}")
    if download:
        return download
    context = {
        "scheme": scheme,
        "table": table,
        "total": total,
        "can_write": can_write,
        "sees_accounts": sees_the_accounts(request.user),
        **ledger.summary(scheme),
    }
    return render(request, "funding/reserve/hours.html", context)


def _accounts_scheme(request, pk, write=False):
    """The scheme, for pages only executives and PCT staff see (404 otherwise):
    those that name other practices' and people's invoices."""
    if not sees_the_accounts(request.user):
        raise Http404("No such scheme.")
    if write:
        return get_rw_object_for_user(request, _schemes(), pk=pk), True
    return get_object_for_user(request, _schemes(), pk=pk)


@require_safe
def contracts(request, pk):
    scheme, can_write = _accounts_scheme(request, pk)
    table = paginate(
        request,
        ContractTable(
            KeyPersonContract.objects.filter(scheme=scheme)
            .with_hours_invoiced()
            .select_related("person"),
            can_write=can_write,
        ),
    )
    download = export_response(request, table, f"contracts-{scheme_slug(scheme)}")
    if download:
        return download
    context = {
        "scheme": scheme,
        "table": table,
        "can_write": can_write,
        "sees_accounts": True,
    }
    return render(request, "funding/reserve/contracts.html", context)


@require_http_methods(["GET", "POST"])
def add_contract(request, pk):
    scheme, _ = _accounts_scheme(request, pk, write=True)
    return _contract_form(request, scheme, KeyPersonContract(scheme=scheme))


@require_http_methods(["GET", "POST"])
def change_contract(request, pk):
    contract = get_rw_object_for_user(
        request,
        KeyPersonContract.objects.select_related("scheme__programme__consortium"),
        pk=pk,
    )
    return _contract_form(request, contract.scheme, contract)


def _contract_form(request, scheme, contract):
    adding = contract.pk is None
    form = ContractForm(
        request.POST if request.method == "POST" else None,
        instance=contract,
        scheme=scheme,
    )
    if request.method == "POST" and form.is_valid():
        save_contract(form.instance, user=request.user)
        messages.success(
            request, f"Contract {'added' if adding else 'saved'}: {form.instance}."
        )
        return redirect("reserve:contracts", scheme.pk)
    context = {
        "scheme": scheme,
        "form": form,
        "contract": contract,
        "adding": adding,
        "sees_accounts": True,
        "log": [] if adding else log_for(contract),
    }
    return render(request, "funding/reserve/contract_form.html", context)


@require_http_methods(["GET", "POST"])
def statements(request, pk):
    """The scheme's issued statements; POST (executives) issues a new one."""
    scheme, can_write = _accounts_scheme(request, pk)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        statement = issue_statement(scheme, user=request.user)
        messages.success(request, f"Funding statement {statement} issued.")
        return redirect("reserve:statements", scheme.pk)
    context = {
        "scheme": scheme,
        "can_write": can_write,
        "sees_accounts": sees_the_accounts(request.user),
        "statements": FundingStatement.objects.filter(scheme=scheme).select_related(
            "issued_by"
        ),
    }
    return render(request, "funding/reserve/statements.html", context)


@require_safe
def statement_pdf(request, pk):
    statement, _ = get_object_for_user(request, FundingStatement.objects, pk=pk)
    return serve_document(request, statement)


@require_http_methods(["GET", "POST"])
def change_hourly_rate(request, pk):
    scheme = get_rw_object_for_user(request, _schemes(), pk=pk)
    form = HourlyRateForm(
        request.POST if request.method == "POST" else None,
        initial={"hourly_rate": scheme.hourly_rate},
    )
    if request.method == "POST" and form.is_valid():
        set_hourly_rate(scheme, form.cleaned_data["hourly_rate"], user=request.user)
        messages.success(request, "Hourly rate saved.")
        return redirect("reserve:hours", scheme.pk)
    context = {"scheme": scheme, "form": form, "sees_accounts": True}
    return render(request, "funding/reserve/hourly_rate.html", context)
