"""The programme's pages: dashboard, programmes, figures and the review."""

from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.access import get_object_for_user
from core.exports import export_response
from core.tables import paginate
from governance.models import Person
from governance.roles import members_only
from programmes.models import (
    ZERO,
    FRPTarget,
    Objective,
    Programme,
    Project,
    Task,
)
from programmes.pdf import render_review_pdf
from programmes.tables import ObjectiveTable, TargetTable


@members_only
@require_safe
def dashboard(request):
    person = getattr(request.user, "person", None)
    my_tasks = (
        Task.objects.visible_to(request.user)
        .open()
        .for_display()
        .filter(owner=person)
        .order_by("date", "pk")
        if person is not None
        else Task.objects.none()
    )
    context = {
        "person": person,
        "my_tasks": my_tasks[:50],
        "programmes": Programme.objects.visible_to(request.user).with_headlines(),
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
    targets = FRPTarget.objects.filter(project__programme=programme).select_related(
        "project"
    )
    total_saving, saving_share = programme.savings()
    target_table = paginate(request, TargetTable(targets, total=total_saving))
    download = export_response(request, target_table, f"frp-targets-{programme.slug}")
    if download:
        return download
    resources = programme.resources.select_related("project")
    context = {
        "programme": programme,
        "projects": Project.objects.filter(programme=programme).with_saving(),
        "target_table": target_table,
        "total_saving": total_saving,
        "saving_share": saving_share,
        "criteria": programme.success_criteria.all(),
        "resources": resources,
        "total_hours": resources.aggregate(total=Coalesce(Sum("hours"), ZERO))["total"],
        "totals": programme.achievement(),
    }
    return render(request, "programmes/programme_detail.html", context)


@require_safe
def achievement(request, pk):
    programme, can_write = get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
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
    download = export_response(request, table, f"achievement-{programme.slug}")
    if download:
        return download
    context = {"programme": programme, "table": table, "totals": totals}
    return render(request, "programmes/achievement.html", context)


@require_safe
def review(request, pk):
    programme, objectives, totals = _review_data(request, pk)
    context = {"programme": programme, "objectives": objectives, "totals": totals}
    return render(request, "programmes/review.html", context)


@require_safe
def review_pdf(request, pk):
    programme, objectives, totals = _review_data(request, pk)
    filename, content_type, content = render_review_pdf(programme, objectives, totals)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _review_data(request, pk):
    programme, _ = get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    objectives = list(
        Objective.objects.filter(programme=programme)
        .counted()
        .with_achievement()
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.for_display()))
    )
    return programme, objectives, programme.achievement(objectives)
