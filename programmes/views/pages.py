"""The programme's pages: dashboard, programmes, figures and the review."""

from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user
from core.dashboard import panels_for
from core.exports import export_response
from core.rendering import (
    latest_rendered_file,
    render_again,
    rendered_file_for,
    serve_rendered_file,
)
from core.tables import paginate
from governance.models import Person
from governance.roles import members_only
from programmes.as_at import NoHistory, achievement_as_at
from programmes.background import render_review
from programmes.forms import AsAtForm
from programmes.models import (
    ZERO,
    FRPTarget,
    Objective,
    Programme,
    Project,
    Task,
)
from programmes.pdf import (
    REVIEW_PDF,
    render_review_pdf,
    review_figures,
    review_state,
)
from programmes.tables import ObjectiveTable, TargetTable
from programmes.views.plan import programme_page_plan


@members_only
@require_safe
def dashboard(request):
    person = getattr(request.user, "person", None)
    my_tasks = (
        Task.objects.visible_to(request.user)
        .open()
        .active()
        .for_display()
        .filter(owner=person)
        .order_by("date", "pk")
        if person is not None
        else Task.objects.none()
    )
    context = {
        "person": person,
        "my_tasks": my_tasks[:50],
        "my_work": my_tasks.work_counts(),
        "my_programmes": Programme.objects.filter(
            pk__in=my_tasks.values("objective__programme")
        ),
        "programmes": Programme.objects.visible_to(request.user).with_headlines(),
        "panels": panels_for(request),
    }
    return render(request, "programmes/dashboard.html", context)


@members_only
@require_safe
def programme_list(request):
    context = {
        "programmes": Programme.objects.visible_to(request.user).with_headlines()
    }
    return render(request, "programmes/programme_list.html", context)


@require_safe
def programme_detail(request, pk):
    programme, can_write = get_object_for_user(
        request,
        Programme.objects.select_related("consortium").prefetch_related(
            "partners",
            Prefetch("leads", queryset=Person.objects.select_related("organisation")),
        ),
        pk=pk,
    )
    targets = (
        FRPTarget.objects.active()
        .filter(project__programme=programme)
        .select_related("project")
    )
    total_saving, saving_share = programme.savings()
    target_table = paginate(request, TargetTable(targets, total=total_saving))
    download = export_response(request, target_table, f"frp-targets-{programme.slug}")
    if download:
        return download
    resources = programme.resources.active().select_related("project")
    context = {
        "programme": programme,
        "projects": Project.objects.active().filter(programme=programme).with_saving(),
        "target_table": target_table,
        "total_saving": total_saving,
        "saving_share": saving_share,
        "criteria": programme.success_criteria.active(),
        "resources": resources,
        "total_hours": resources.aggregate(total=Coalesce(Sum("hours"), ZERO))["total"],
        "can_write": can_write,
        **programme_page_plan(programme),  # with the totals
    }
    return render(request, "programmes/programme_detail.html", context)


@require_safe
def achievement(request, pk):
    programme, can_write = get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    as_at_form = AsAtForm(request.GET)
    day = as_at_form.cleaned_data["as_at"] if as_at_form.is_valid() else None
    past = None
    if day is not None:
        try:
            past = achievement_as_at(programme, day)
        except NoHistory:
            as_at_form.add_error(
                "as_at", "Nothing of this programme was recorded by that date."
            )
    if past is not None:
        rows, totals = past.rows, past.totals
    else:
        # Every row, so that the table can sort by a figure and the total is the
        # weighted mean of exactly these rows.
        rows = list(
            Objective.objects.filter(programme=programme).counted().with_achievement()
        )
        totals = programme.achievement(rows)
    table = paginate(
        request,
        ObjectiveTable(
            rows, totals=totals, consortium_name=programme.consortium.short_name
        ),
    )
    basename = f"achievement-{programme.slug}" + (f"-{day:%Y-%m-%d}" if past else "")
    download = export_response(request, table, basename)
    if download:
        return download
    context = {
        "programme": programme,
        "table": table,
        "totals": totals,
        "as_at_form": as_at_form,
        "as_at": past.day if past else None,
    }
    status = 400 if as_at_form.errors else 200
    return render(request, "programmes/achievement.html", context, status=status)


@require_safe
def review(request, pk):
    programme, objectives, totals = _review_data(request, pk)
    context = {"programme": programme, "objectives": objectives, "totals": totals}
    return render(request, "programmes/review.html", context)


@require_safe
def review_pdf(request, pk):
    """The review as a PDF: rendered here for a small programme; for a large one
    served from storage when ready, else rendered in the background while the
    progress page shows (asking for it only fills that store)."""
    programme = _readable_programme(request, pk)
    state = review_state(programme)
    if not state.renders_in_background:
        filename, content_type, content = render_review_pdf(
            programme, *review_figures(programme)
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    job = rendered_file_for(
        programme, REVIEW_PDF, state.fingerprint, render_review, request.user
    )
    if job.is_ready:
        return serve_rendered_file(request, job)
    return redirect("programmes:review-pdf-status", programme.pk)


@require_http_methods(["GET", "POST"])
def review_pdf_status(request, pk):
    """How the review PDF's preparation is going; POST prepares it again. Anyone
    who may read the review may ask: it changes nothing but the stored copy."""
    programme = _readable_programme(request, pk)
    state = review_state(programme)
    if request.method == "POST":
        render_again(
            programme, REVIEW_PDF, state.fingerprint, render_review, request.user
        )
        return redirect("programmes:review-pdf-status", programme.pk)
    job = latest_rendered_file(programme, REVIEW_PDF)
    context = {
        "programme": programme,
        "job": job,
        "current": job is not None and job.fingerprint == state.fingerprint,
        "task_count": state.task_count,
    }
    template = (
        "programmes/_review_pdf_status.html"
        if request.htmx
        else "programmes/review_pdf_status.html"
    )
    return render(request, template, context)


def _readable_programme(request, pk):
    programme, _ = get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    return programme


def _review_data(request, pk):
    programme = _readable_programme(request, pk)
    return programme, *review_figures(programme)
