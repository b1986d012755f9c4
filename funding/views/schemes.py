"""A scheme's pages: the schemes, the funding overview, what each practice is
paid, the achievement payment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user
from core.exports import export_response
from core.tables import paginate
from funding import ledger
from funding.calculations import achievement_payment, scheme_payments
from funding.forms import InstalmentForm
from funding.models import FundingScheme, Participation, PaymentKind
from funding.services import FundingError, agree_instalment
from funding.tables import PracticePaymentTable
from funding.views.list_sizes import is_executive
from governance.roles import members_only


def readable_scheme(request, pk):
    """The scheme and whether the user manages it; 404 for outsiders."""
    return get_object_for_user(request, FundingScheme.objects.for_pages(), pk=pk)


def whole_scheme(request, pk):
    """A scheme whose every practice's part the user may see (executives, PCT
    staff); a practice manager, who sees only their own practice's, gets 403."""
    scheme, can_write = readable_scheme(request, pk)
    if not scheme.shows_every_practice_to(request.user):
        raise PermissionDenied
    return scheme, can_write


@members_only
@require_safe
def scheme_list(request):
    confirmed = Q(participations__status=Participation.Status.CONFIRMED)
    schemes = (
        FundingScheme.objects.visible_to(request.user)
        .select_related("programme")
        .annotate(practice_count=Count("participations", filter=confirmed))
    )
    own = (
        Participation.objects.visible_to(request.user)
        .filter(practice__memberships__user=request.user)
        .select_related("scheme", "practice")
    )
    context = {
        "schemes": schemes,
        "own_participations": own,
        "can_import": is_executive(request.user),
    }
    return render(request, "funding/scheme_list.html", context)


@require_safe
def scheme_detail(request, pk):
    scheme, can_write = readable_scheme(request, pk)
    payments = scheme_payments(scheme)
    own = (
        []
        if scheme.shows_every_practice_to(request.user)
        else Participation.objects.visible_to(request.user).filter(scheme=scheme)
    )
    context = {
        "scheme": scheme,
        "payments": payments,
        "can_write": can_write,
        "sees_every_practice": not own and scheme.shows_every_practice_to(request.user),
        "own_participations": own,
        "reserve": ledger.summary(scheme, with_plan=False),
    }
    return render(request, "funding/scheme_detail.html", context)


@require_safe
def practice_payments(request, pk):
    scheme, _ = whole_scheme(request, pk)
    payments = scheme_payments(scheme)
    table = paginate(request, PracticePaymentTable(payments), per_page=100)
    download = export_response(request, table, f"payments-{scheme.slug}")
    if download:
        return download
    context = {
        "scheme": scheme,
        "payments": payments,
        "table": table,
        "sees_every_practice": True,
    }
    return render(request, "funding/practice_payments.html", context)


@require_safe
def achievement(request, pk):
    scheme, can_write = readable_scheme(request, pk)
    kind = (
        PaymentKind.objects.filter(scheme=scheme, kind=PaymentKind.Kind.ACHIEVEMENT)
        .select_related("scheme__programme", "in_place_of")
        .prefetch_related("instalments")
        .first()
    )
    if kind is None:
        raise Http404("This scheme has no achievement payment.")
    payment = achievement_payment(kind)
    context = {
        "scheme": scheme,
        "payment": payment,
        "kind": kind,
        "can_write": can_write,
        "sees_every_practice": scheme.shows_every_practice_to(request.user),
    }
    return render(request, "funding/achievement.html", context)


@require_http_methods(["GET", "POST"])
def add_instalment(request, pk):
    """Record an instalment of the achievement payment agreed with the PCT."""
    scheme, can_write = readable_scheme(request, pk)
    if not can_write:
        raise PermissionDenied
    kind = get_object_or_404(
        PaymentKind, scheme=scheme, kind=PaymentKind.Kind.ACHIEVEMENT
    )
    form = InstalmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agree_instalment(kind, user=request.user, **form.cleaned_data)
        except FundingError as error:
            form.add_error("rate_per_patient", str(error))
        else:
            messages.success(request, "Instalment recorded.")
            return redirect("funding:achievement", scheme.pk)
    context = {"scheme": scheme, "kind": kind, "form": form}
    return render(request, "funding/instalment_form.html", context)
