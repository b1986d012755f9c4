"""The DES achievement review: the list of a programme's reviews, drafting, the
review page (figures, signatures, signing), the reviewers' figures, the payment
proposed, and the agreed PDF served as stored."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.exports import export_response
from core.signing import SigningRefused, content_hash
from core.signing_forms import SignatureForm
from core.tables import paginate
from programmes.models import Programme
from reports.forms import DraftReviewForm, InstalmentsForm, OverrideForm
from reports.models import AchievementReview
from reports.review_content import display, review_content
from reports.services import (
    draft_review,
    refresh_review,
    remove_override,
    set_instalments,
    set_override,
)
from reports.tables import ReviewTable


def _programme(request, pk):
    return get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )


def _reviews():
    return AchievementReview.objects.select_related(
        "programme__consortium", "sealed", "scheme"
    ).prefetch_related("signatures")


def _review(request, pk):
    return get_object_for_user(request, _reviews(), pk=pk)


@require_GET
def reviews(request, pk):
    programme, can_write = _programme(request, pk)
    rows = _reviews().filter(programme=programme).visible_to(request.user)
    table = paginate(request, ReviewTable(rows))
    download = export_response(request, table, f"reviews-{programme.slug}")
    if download:
        return download
    context = {
        "programme": programme,
        "table": table,
        "can_write": can_write,
        "form": DraftReviewForm(programme=programme) if can_write else None,
    }
    return render(request, "reports/review/list.html", context)


@require_http_methods(["GET", "POST"])
def new_review(request, pk):
    programme = get_rw_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    form = DraftReviewForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            review = draft_review(
                programme,
                as_at=form.cleaned_data["as_at"],
                scheme=form.cleaned_data["scheme"],
                user=request.user,
            )
        except SigningRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The review is drafted from the live figures.")
            return redirect("review:review", review.pk)
    return render(
        request, "reports/review/new.html", {"programme": programme, "form": form}
    )


def _page(request, review, can_write, *, sign_form=None):
    blocks = []
    by_party = {s.party: s for s in review.signatures.all()}
    for party in review.parties():
        blocks.append({"party": party, "signature": by_party.get(party.key)})
    may_sign = [] if review.is_complete else review.parties_for(request.user)
    stale = False
    if review.is_complete:
        shown = display(review.sealed.snapshot["review"])
    else:
        shown = display(review.content)
        # The live figures may have moved since the draft was frozen.
        stale = content_hash(_json(review_content(review))) != review.content_sha256
    if sign_form is None and may_sign and not stale:
        sign_form = SignatureForm(
            initial={"party": may_sign[0].key, "content_sha256": review.content_sha256}
        )
    context = {
        "review": review,
        "programme": review.programme,
        "shown": shown,
        "blocks": blocks,
        "may_sign": may_sign,
        "sign_form": sign_form,
        "can_write": can_write,
        "stale": stale,
    }
    return render(request, "reports/review/detail.html", context)


def _json(content):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


@require_GET
def review(request, pk):
    review, can_write = _review(request, pk)
    return _page(request, review, can_write)


@require_POST
def sign_review(request, pk):
    review, can_write = _review(request, pk)
    if review.is_complete or not any(
        review.may_sign_for(request.user, p.key) for p in review.parties()
    ):
        raise PermissionDenied
    # Figures that moved since the draft was frozen void what was signed.
    if refresh_review(review, user=request.user):
        messages.warning(
            request,
            "The figures had changed: the review is brought up to date and must be "
            "declared again. Read it again before signing.",
        )
        return redirect("review:review", review.pk)
    review.refresh_from_db()
    form = SignatureForm(request.POST)
    signature = form.sign(review, request.user)
    if signature is None:
        return _page(request, review, can_write, sign_form=form)
    messages.success(
        request, f"Signed for {signature.organisation_name} by {signature.typed_name}."
    )
    return redirect("review:review", review.pk)


@require_POST
def refresh(request, pk):
    review = get_rw_object_for_user(request, _reviews(), pk=pk)
    if refresh_review(review, user=request.user):
        messages.warning(
            request, "The review now shows the live figures; any signatures are void."
        )
    else:
        messages.info(request, "The review already shows the live figures.")
    return redirect("review:review", review.pk)


@require_http_methods(["GET", "POST"])
def override(request, pk):
    review = get_rw_object_for_user(request, _reviews(), pk=pk)
    objectives = review.content["objectives"]
    initial = {}
    number = request.GET.get("objective")
    row = next((r for r in objectives if str(r["number"]) == number), None)
    if row is not None:
        figures = row["override"] or row["tasks_figures"]
        initial = {"objective_number": row["number"], **figures}
    form = OverrideForm(request.POST or None, objectives=objectives, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_override(
                review,
                objective_number=data["objective_number"],
                figures=data,
                reason=data["reason"],
                user=request.user,
            )
        except SigningRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(
                request,
                f"Objective {data['objective_number']}'s figures are set; any "
                "signatures are void and the review must be declared again.",
            )
            return redirect("review:review", review.pk)
    context = {"review": review, "programme": review.programme, "form": form}
    return render(request, "reports/review/override.html", context)


@require_http_methods(["GET", "POST"])
def clear_override(request, pk):
    """Go back to the tasks' figures for an objective: GET asks (it voids any
    signatures), POST does it."""
    review = get_rw_object_for_user(request, _reviews(), pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    override = review.overrides.filter(
        objective_number=source.get("objective", "")
        if source.get("objective", "").isdigit()
        else None
    ).first()
    if override is None:
        return HttpResponseBadRequest("Which objective's figures?")
    if request.method == "GET":
        context = {
            "review": review,
            "programme": review.programme,
            "override": override,
        }
        return render(request, "reports/review/clear_override.html", context)
    try:
        remove_override(
            review, objective_number=override.objective_number, user=request.user
        )
    except SigningRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            f"Objective {override.objective_number} shows the tasks' figures again.",
        )
    return redirect("review:review", review.pk)


@require_http_methods(["GET", "POST"])
def instalments(request, pk):
    review = get_rw_object_for_user(request, _reviews(), pk=pk)
    rows = review.instalments
    initial = {}
    for prefix, row in zip(("first", "second"), rows, strict=False):
        initial[f"{prefix}_rate"] = row["rate_per_patient"]
        initial[f"{prefix}_reason"] = row["reason"]
    form = InstalmentsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_instalments(review, instalments=form.instalments(), user=request.user)
        except SigningRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "The payment proposed is set.")
            return redirect("review:review", review.pk)
    context = {"review": review, "programme": review.programme, "form": form}
    return render(request, "reports/review/instalments.html", context)


@require_GET
def review_pdf(request, pk):
    review, _ = _review(request, pk)
    if review.sealed is None:
        raise Http404("The review is not agreed yet.")
    return serve_document(request, review.sealed)
