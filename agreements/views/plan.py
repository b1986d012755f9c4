"""The plan approved by both parties: the approval page, preparing, signing, the PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.forms import PreparePlanForm
from agreements.models import PlanApproval
from agreements.services import prepare_plan_approval
from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.signing import SigningRefused
from core.signing_forms import SignatureForm
from programmes.models import Programme


def _approval(programme):
    return (
        PlanApproval.objects.filter(programme=programme)
        .select_related("sealed", "scheme", "programme")
        .prefetch_related("signatures")
        .first()
    )


def _page(request, programme, can_write, *, sign_form=None, prepare_form=None):
    approval = _approval(programme)
    blocks = []
    may_sign = []
    if approval is not None:
        by_party = {s.party: s for s in approval.signatures.all()}
        for party in approval.parties():
            blocks.append({"party": party, "signature": by_party.get(party.key)})
        if not approval.is_complete:
            may_sign = approval.parties_for(request.user)
    if sign_form is None and may_sign:
        sign_form = SignatureForm(
            initial={
                "party": may_sign[0].key,
                "content_sha256": approval.content_sha256,
            }
        )
    can_prepare = can_write and (approval is None or not blocks_signed(blocks))
    if prepare_form is None and can_prepare:
        prepare_form = PreparePlanForm(programme=programme)
    context = {
        "programme": programme,
        "approval": approval,
        "blocks": blocks,
        "may_sign": may_sign,
        "sign_form": sign_form,
        # A refused preparation shows its form and message even once signed.
        "prepare_form": prepare_form if can_prepare or prepare_form else None,
    }
    return render(request, "agreements/plan_approval.html", context)


def blocks_signed(blocks):
    return any(block["signature"] for block in blocks)


def _programme(request, pk):
    return get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )


@require_GET
def plan_approval(request, pk):
    programme, can_write = _programme(request, pk)
    return _page(request, programme, can_write)


@require_POST
def prepare_plan(request, pk):
    programme = get_rw_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    form = PreparePlanForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            prepare_plan_approval(
                programme,
                user=request.user,
                scheme=form.cleaned_data["scheme"],
                responsibilities=form.cleaned_data["responsibilities"],
                notes=form.cleaned_data["notes"],
            )
        except SigningRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The plan is ready for both parties to sign.")
            return redirect("agreements:plan-approval", pk=programme.pk)
    return _page(request, programme, True, prepare_form=form)


@require_http_methods(["POST"])
def sign_plan(request, pk):
    programme, can_write = _programme(request, pk)
    approval = _approval(programme)
    if approval is None:
        raise Http404("This plan has not been prepared for signature.")
    if not any(approval.may_sign_for(request.user, p.key) for p in approval.parties()):
        raise PermissionDenied
    form = SignatureForm(request.POST)
    signature = form.sign(approval, request.user)
    if signature is None:
        return _page(request, programme, can_write, sign_form=form)
    messages.success(
        request, f"Signed for {signature.organisation_name} by {signature.typed_name}."
    )
    return redirect("agreements:plan-approval", pk=programme.pk)


@require_GET
def plan_pdf(request, pk):
    programme, _ = _programme(request, pk)
    approval = _approval(programme)
    if approval is None or approval.sealed is None:
        raise Http404("The plan is not signed by both parties yet.")
    return serve_document(request, approval.sealed)
