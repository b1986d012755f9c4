"""The governance framework's pages: where the consortium stands, what is missing
for the next level, and its position on each target (issue #18)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user, get_rw_object_for_user
from core.editing import EditConflict
from core.exports import export_response
from core.history import field_history
from core.log import log_for
from core.tables import paginate
from governance.framework_forms import (
    AreaForm,
    InterimFundingForm,
    LevelForm,
    PositionForm,
    TargetForm,
)
from governance.framework_services import (
    framework_areas,
    record_interim_funding,
    save_framework_item,
    standing_of,
    update_position,
)
from governance.framework_tables import FrameworkTargetTable
from governance.models import Framework, FrameworkArea, FrameworkLevel, FrameworkTarget
from governance.roles import members_only


@members_only
@require_safe
def framework_list(request):
    frameworks = Framework.objects.visible_to(request.user).select_related(
        "pct", "consortium"
    )
    context = {"frameworks": frameworks}
    return render(request, "governance/framework/framework_list.html", context)


@require_safe
def framework_detail(request, pk):
    framework, can_write = get_object_for_user(
        request, Framework.objects.select_related("pct", "consortium"), pk=pk
    )
    areas = framework_areas(framework)
    standing = standing_of(framework, areas)
    targets = (
        FrameworkTarget.objects.filter(area__framework=framework)
        .select_related("area", "position")
        .order_by("area__order", "area__name", "code")
    )
    table = paginate(request, FrameworkTargetTable(targets), per_page=100)
    download = export_response(request, table, f"framework-{framework.pk}-targets")
    if download:
        return download
    today = timezone.localdate()
    context = {
        "framework": framework,
        "standing": standing,
        "areas": areas,
        "table": table,
        "interim": [
            (
                funding,
                funding.state(today),
                funding.days_left(today),
                funding.level > standing.qualified_level,
            )
            for funding in framework.interim_funding.all()
        ],
        "can_write": can_write,
    }
    return render(request, "governance/framework/framework_detail.html", context)


@require_safe
def target_detail(request, pk):
    target, can_write = get_object_for_user(
        request,
        FrameworkTarget.objects.select_related(
            "area__framework__consortium", "position"
        ),
        pk=pk,
    )
    position = target.current_position
    context = {
        "target": target,
        "framework": target.area.framework,
        "position": position,
        "history": field_history(position, hidden=("target",)) if position.pk else [],
        "log": log_for(position) if position.pk else [],
        "can_write": can_write,
    }
    return render(request, "governance/framework/target_detail.html", context)


@require_http_methods(["GET", "POST"])
def edit_position(request, pk):
    target = get_rw_object_for_user(
        request,
        FrameworkTarget.objects.select_related(
            "area__framework__consortium", "position"
        ),
        pk=pk,
    )
    position = target.current_position
    form = PositionForm(request.POST or None, instance=position)
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = {
            name: form.cleaned_data[name]
            for name in ("status", "evidence", "plan", "plan_due")
        }
        try:
            _, changed = update_position(
                target,
                changes=changes,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as error:
            conflict = error.describe(request.user)
        else:
            if changed:
                messages.success(request, f"Position on {target.code} saved.")
            return redirect(target)
    context = {
        "target": target,
        "framework": target.area.framework,
        "form": form,
        "conflict": conflict,
    }
    return render(request, "governance/framework/position_form.html", context)


@require_http_methods(["GET", "POST"])
def add_interim_funding(request, pk):
    framework = get_rw_object_for_user(
        request, Framework.objects.select_related("consortium"), pk=pk
    )
    form = InterimFundingForm(request.POST or None)
    form.instance.framework = framework
    if request.method == "POST" and form.is_valid():
        record_interim_funding(form.instance, user=request.user)
        messages.success(request, "Interim funding recorded.")
        return redirect(framework)
    context = {"framework": framework, "form": form}
    return render(request, "governance/framework/interim_funding_form.html", context)


# The framework's structure: areas, targets and levels (the rule and funding).


def _item_page(request, framework, form, title, back_url):
    context = {"framework": framework, "form": form, "title": title, "back": back_url}
    return render(request, "governance/framework/item_form.html", context)


def _framework_queryset():
    return Framework.objects.select_related("consortium")


@require_http_methods(["GET", "POST"])
def add_area(request, pk):
    framework = get_rw_object_for_user(request, _framework_queryset(), pk=pk)
    form = AreaForm(request.POST or None, instance=FrameworkArea(framework=framework))
    if request.method == "POST" and form.is_valid():
        save_framework_item(form.instance, user=request.user)
        messages.success(request, f"Area “{form.instance}” added.")
        return redirect(framework)
    return _item_page(
        request, framework, form, "Add an area", framework.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
def add_target(request, pk):
    framework = get_rw_object_for_user(request, _framework_queryset(), pk=pk)
    form = TargetForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        save_framework_item(form.instance, user=request.user)
        messages.success(request, f"Target {form.instance.code} added.")
        return redirect(framework)
    return _item_page(
        request, framework, form, "Add a target", framework.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
def change_target(request, pk):
    target = get_rw_object_for_user(
        request,
        FrameworkTarget.objects.select_related("area__framework__consortium"),
        pk=pk,
    )
    framework = target.area.framework
    form = TargetForm(request.POST or None, instance=target, framework=framework)
    if request.method == "POST" and form.is_valid():
        save_framework_item(form.instance, user=request.user, fields=form.fields)
        return redirect(target)
    return _item_page(
        request, framework, form, f"Edit {target.code}", target.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
def change_level(request, pk):
    level = get_object_or_404(FrameworkLevel.objects.select_related("framework"), pk=pk)
    framework = get_rw_object_for_user(
        request, _framework_queryset(), pk=level.framework_id
    )
    form = LevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        save_framework_item(form.instance, user=request.user, fields=form.fields)
        messages.success(request, f"{level} saved.")
        return redirect(framework)
    return _item_page(
        request, framework, form, f"Edit {level}", framework.get_absolute_url()
    )
