"""Practice agreements: the packs, their versions and documents, invitations,
signing, declining, countersigning and the sealed PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.forms import DeclineForm, DocumentForm, VersionForm
from agreements.models import (
    AgreementDocument,
    AgreementPack,
    AgreementVersion,
    PracticeAgreement,
)
from agreements.models.packs import CONSORTIUM, PLACEHOLDERS, PRACTICE
from agreements.progress import sign_up_progress
from agreements.services import (
    add_document,
    add_version,
    decline_agreement,
    invite_practices,
    publish_version,
    withdraw_version,
)
from agreements.tables import ProgressTable
from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.exports import export_response
from core.signing import SigningRefused
from core.signing_forms import SignatureForm
from core.tables import paginate
from governance.models import Organisation
from governance.roles import members_only

PLACEHOLDER_HELP = "Fields filled per practice: " + ", ".join(
    f"{{{name}}} ({what})" for name, what in PLACEHOLDERS.items()
)


@members_only
@require_GET
def agreement_list(request):
    """Executives and PCT staff: the packs; practice managers: their agreements."""
    packs = AgreementPack.objects.visible_to(request.user).select_related("scheme")
    agreements = (
        PracticeAgreement.objects.visible_to(request.user)
        .select_related("practice", "version__pack")
        .prefetch_related("signatures")
        .order_by("practice__name", "-version__number")
    )
    if packs:
        agreements = agreements.none()
    return render(
        request,
        "agreements/agreement_list.html",
        {"packs": packs, "agreements": agreements},
    )


def _pack(request, pk, write=False):
    queryset = AgreementPack.objects.select_related("scheme__programme")
    if write:
        return get_rw_object_for_user(request, queryset, pk=pk), True
    return get_object_for_user(request, queryset, pk=pk)


@require_GET
def pack_detail(request, pk):
    pack, can_write = _pack(request, pk)
    progress = sign_up_progress(pack)
    table = paginate(request, ProgressTable(progress.rows), per_page=100)
    download = export_response(request, table, f"sign-up-progress-{pack.pk}")
    if download:
        return download
    versions = pack.versions.prefetch_related("documents")
    latest_published = next((v for v in versions if v.is_published), None)
    # A new version may follow a published or withdrawn one, never a draft.
    context = {
        "pack": pack,
        "can_write": can_write,
        "progress": progress,
        "table": table,
        "versions": versions,
        "latest_published": latest_published,
        "has_draft": any(not v.is_published for v in versions),
    }
    return render(request, "agreements/pack_detail.html", context)


@require_http_methods(["GET", "POST"])
def new_version(request, pk):
    pack, _ = _pack(request, pk, write=True)
    latest = pack.versions.order_by("-number").first()
    if latest is not None and not latest.is_published:
        messages.error(request, "Finish and publish the draft version first.")
        return redirect("agreements:pack", pk=pack.pk)
    initial = {}
    if latest is not None:
        initial = {
            "agreement_text": latest.agreement_text,
            "practice_undertakes": latest.practice_undertakes,
            "consortium_undertakes": latest.consortium_undertakes,
        }
    form = VersionForm(
        request.POST or None, initial=initial, help_text=PLACEHOLDER_HELP
    )
    if request.method == "POST" and form.is_valid():
        version = add_version(pack, user=request.user, **form.cleaned_data)
        messages.success(request, f"Version {version.number} drafted.")
        return redirect("agreements:pack", pk=pack.pk)
    return render(request, "agreements/version_form.html", {"pack": pack, "form": form})


def _version(request, pk):
    version = get_object_or_404(AgreementVersion.objects.select_related("pack"), pk=pk)
    pack, _ = _pack(request, version.pack_id, write=True)
    return version


@require_http_methods(["GET", "POST"])
def new_document(request, pk):
    version = _version(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_document(
                version,
                user=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                text=form.cleaned_data["text"],
            )
        except SigningRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, "Document added.")
            return redirect("agreements:pack", pk=version.pack_id)
    return render(
        request,
        "agreements/document_form.html",
        {"version": version, "pack": version.pack, "form": form},
    )


@require_POST
def publish(request, pk):
    version = _version(request, pk)
    try:
        publish_version(version, user=request.user)
    except SigningRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Version {version.number} published.")
    return redirect("agreements:pack", pk=version.pack_id)


@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """GET asks to confirm; POST withdraws."""
    version = _version(request, pk)
    if request.method == "GET":
        return render(
            request,
            "agreements/withdraw_confirm.html",
            {"version": version, "pack": version.pack},
        )
    try:
        withdraw_version(version, user=request.user)
    except SigningRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Version {version.number} withdrawn.")
    return redirect("agreements:pack", pk=version.pack_id)


@require_POST
def invite(request, pk):
    version = _version(request, pk)
    consortium_id = version.pack.scheme.programme.consortium_id
    chosen = request.POST.getlist("practice")
    practices = Organisation.objects.practices().filter(member_of_id=consortium_id)
    if chosen:
        practices = practices.filter(pk__in=[c for c in chosen if c.isdigit()])
    try:
        created = invite_practices(version, user=request.user, practices=practices)
    except SigningRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{len(created)} practice(s) invited.")
    return redirect("agreements:pack", pk=version.pack_id)


def _agreement(request, pk):
    return get_object_for_user(
        request,
        PracticeAgreement.objects.select_related(
            "practice", "version__pack", "sealed"
        ).prefetch_related("signatures"),
        pk=pk,
    )


def _agreement_page(request, agreement, *, sign_form=None, decline_form=None):
    by_party = {s.party: s for s in agreement.signatures.all()}
    blocks = [
        {"party": party, "signature": by_party.get(party.key)}
        for party in agreement.parties()
    ]
    state = agreement.state
    may_sign = []
    if state in ("pending", "signed"):
        may_sign = agreement.parties_for(request.user)
    if state == "pending":
        # The countersignature waits for the practice to sign.
        may_sign = [party for party in may_sign if party.key != CONSORTIUM]
    if sign_form is None and may_sign:
        sign_form = SignatureForm(
            initial={
                "party": may_sign[0].key,
                "content_sha256": agreement.content_sha256,
            }
        )
    can_decline = state == "pending" and agreement.may_sign_for(request.user, PRACTICE)
    if decline_form is None and can_decline:
        decline_form = DeclineForm()
    documents = agreement.version.documents.all()
    context = {
        "agreement": agreement,
        "content": agreement.content,
        "state": state,
        "blocks": blocks,
        "documents": documents,
        "may_sign": may_sign,
        "sign_form": sign_form,
        "decline_form": decline_form,
        "countersign": bool(may_sign) and may_sign[0].key == CONSORTIUM,
    }
    return render(request, "agreements/agreement_detail.html", context)


@require_GET
def agreement_detail(request, pk):
    agreement, _ = _agreement(request, pk)
    return _agreement_page(request, agreement)


@require_POST
def sign_agreement(request, pk):
    agreement, can_write = _agreement(request, pk)
    if not can_write:
        raise PermissionDenied
    form = SignatureForm(request.POST)
    signature = form.sign(agreement, request.user)
    if signature is None:
        return _agreement_page(request, agreement, sign_form=form)
    messages.success(
        request, f"Signed for {signature.organisation_name} by {signature.typed_name}."
    )
    return redirect("agreements:agreement", pk=agreement.pk)


@require_POST
def decline(request, pk):
    agreement, can_write = _agreement(request, pk)
    if not agreement.may_sign_for(request.user, PRACTICE):
        raise PermissionDenied
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            decline_agreement(
                agreement, user=request.user, reason=form.cleaned_data["reason"]
            )
        except SigningRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The practice has declined the agreement.")
            return redirect("agreements:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, decline_form=form)


@require_GET
def agreement_pdf(request, pk):
    agreement, _ = _agreement(request, pk)
    if agreement.sealed is None:
        raise Http404("The agreement is not signed by both parties yet.")
    return serve_document(request, agreement.sealed)


@require_GET
def document_file(request, pk):
    document, _ = get_object_for_user(request, AgreementDocument.objects, pk=pk)
    if not document.is_file:
        return render(request, "agreements/document_text.html", {"document": document})
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=document.file_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
