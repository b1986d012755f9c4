"""Which practices take part in a scheme, and each practice's own part."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user
from core.editing import EditConflict
from core.exports import export_response
from core.log import log_for
from core.pdf import render_pdf
from core.tables import paginate
from funding.calculations import scheme_payments
from funding.forms import ParticipationForm
from funding.models import Participation
from funding.services import record_participation
from funding.tables import ParticipationTable
from funding.views.schemes import whole_scheme
from governance.models import Organisation


def _participation(request, pk):
    return get_object_for_user(
        request,
        Participation.objects.select_related(
            "scheme__programme__consortium", "practice"
        ),
        pk=pk,
    )


@require_safe
def participation_list(request, pk):
    """Every practice of the consortium and whether it takes part; the history."""
    scheme, can_write = whole_scheme(request, pk)
    practices = list(
        Organisation.objects.practices()
        .filter(member_of=scheme.programme.consortium)
        .with_list_size(scheme.population_as_at)
        .order_by("name")
    )
    recorded = {p.practice_id: p for p in Participation.objects.filter(scheme=scheme)}
    for practice in practices:
        practice.participation = recorded.get(practice.pk)
    table = paginate(
        request,
        ParticipationTable(practices, scheme=scheme, can_write=can_write),
        per_page=100,
    )
    download = export_response(request, table, f"participation-{scheme.slug}")
    if download:
        return download
    history = (
        Participation.history.filter(scheme_id=scheme.pk)
        .select_related("history_user", "practice")
        .order_by("-history_date")[:50]
    )
    context = {
        "scheme": scheme,
        "table": table,
        "history": history,
        "can_write": can_write,
        "sees_every_practice": True,
    }
    return render(request, "funding/participation_list.html", context)


@require_http_methods(["GET", "POST"])
def add_participation(request, pk):
    """Record a practice that has no participation record in the scheme yet."""
    scheme, can_write = whole_scheme(request, pk)
    if not can_write:
        raise PermissionDenied
    practice_pk = request.POST.get("practice") or request.GET.get("practice")
    practice = (
        Organisation.objects.practices()
        .filter(member_of=scheme.programme.consortium, pk=practice_pk)
        .exclude(participations__scheme=scheme)
        .first()
        if str(practice_pk or "").isdigit()
        else None
    )
    if practice is None:
        if request.method == "POST":
            messages.error(request, "Choose a practice of the consortium to record.")
        return redirect("funding:participations", scheme.pk)
    form = ParticipationForm(
        request.POST or None,
        instance=Participation(scheme=scheme, practice=practice),
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        participation = record_participation(
            scheme, practice, changes=changes, user=request.user
        )
        messages.success(request, f"Recorded: {participation}.")
        return redirect("funding:participations", scheme.pk)
    context = {"scheme": scheme, "practice": practice, "form": form, "adding": True}
    return render(request, "funding/participation_form.html", context)


@require_http_methods(["GET", "POST"])
def change_participation(request, pk):
    participation, can_write = _participation(request, pk)
    if not can_write:
        raise PermissionDenied
    scheme, practice = participation.scheme, participation.practice
    form = ParticipationForm(request.POST or None, instance=participation)
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            record_participation(
                scheme,
                practice,
                changes=changes,
                user=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = error.describe(request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved: {practice} in {scheme}.")
            return redirect("funding:participations", scheme.pk)
    context = {
        "scheme": scheme,
        "practice": practice,
        "participation": participation,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "funding/participation_form.html", context)


def _practice_part(participation):
    """The scheme's payments and this practice's row of them (None when it does
    not take part)."""
    payments = scheme_payments(participation.scheme)
    return payments, payments.for_practice(participation.practice_id)


@require_safe
def participation_detail(request, pk):
    """A practice's part in a scheme: its participation, list size, each payment
    and the total; its history. A practice manager sees only their own."""
    participation, can_write = _participation(request, pk)
    payments, row = _practice_part(participation)
    context = {
        "participation": participation,
        "scheme": participation.scheme,
        "practice": participation.practice,
        "payments": payments,
        "row": row,
        "lines": _lines(payments, row),
        "can_write": can_write,
        "history": participation.history.select_related("history_user")[:20],
        "log": log_for(participation, limit=20),
    }
    return render(request, "funding/participation_detail.html", context)


def _lines(payments, row):
    if row is None:
        return []
    return [(line, row.amounts[line.key]) for line in payments.lines]


@require_safe
def payment_statement(request, pk):
    """The practice's payment statement as PDF, for its practice manager and for
    executives and PCT staff."""
    participation, _ = _participation(request, pk)
    payments, row = _practice_part(participation)
    if row is None:
        raise Http404("This practice does not take part in the scheme.")
    scheme = participation.scheme
    context = {
        "organisation": scheme.programme.consortium.name,
        "document_date": scheme.ends_on,
        "document_date_label": "Scheme year ending",
        "scheme": scheme,
        "participation": participation,
        "practice": participation.practice,
        "payments": payments,
        "row": row,
        "lines": _lines(payments, row),
    }
    content = render_pdf("funding/pdf/statement.html", context)
    filename = f"payment-statement-{participation.practice.code}-{scheme.slug}.pdf"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
