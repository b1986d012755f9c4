"""Objectives and tasks: reading them, and updating a task's status."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.template import RequestContext
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user, get_rw_object_for_user
from core.editing import EditConflict, take_pending_edit
from core.exports import export_response
from core.history import field_history
from core.log import log_for
from core.middleware import keeps_edit_over_sign_in
from core.tables import paginate
from programmes.forms import TaskFilterForm, TaskUpdateForm
from programmes.models import (
    Objective,
    Programme,
    Task,
)
from programmes.services import update_task
from programmes.tables import TaskTable


def _objectives_with_achievement():
    return Objective.objects.with_achievement().select_related("programme__consortium")


@require_safe
def objective_detail(request, pk):
    objective, can_write = get_object_for_user(
        request, _objectives_with_achievement(), pk=pk
    )
    table = paginate(
        request, TaskTable(objective.tasks.for_display(), editable=can_write)
    )
    download = export_response(
        request, table, f"objective-{objective.number}-{objective.programme.slug}"
    )
    if download:
        return download
    context = {"objective": objective, "programme": objective.programme, "table": table}
    return render(request, "programmes/objective_detail.html", context)


@require_safe
def task_list(request, pk):
    programme, can_write = get_object_for_user(request, Programme.objects, pk=pk)
    form = TaskFilterForm(request.GET, programme=programme)
    if not form.is_valid():
        context = {"programme": programme, "form": form, "table": None}
        return render(request, "programmes/task_list.html", context, status=400)
    tasks = form.filter(
        Task.objects.filter(objective__programme=programme).for_display()
    ).order_by("objective__number", "order")
    table = paginate(
        request,
        TaskTable(tasks, editable=can_write, inline=False, show_objective=True),
    )
    download = export_response(request, table, f"tasks-{programme.slug}")
    if download:
        return download
    context = {"programme": programme, "form": form, "table": table}
    return render(request, "programmes/task_list.html", context)


@require_safe
def task_detail(request, pk):
    task, can_write = get_object_for_user(
        request,
        Task.objects.for_display().select_related("objective__programme"),
        pk=pk,
    )
    context = {
        "task": task,
        "can_write": can_write,
        "history": field_history(task, hidden=("objective",)),
        "log": log_for(task),
    }
    return render(request, "programmes/task_detail.html", context)


@require_safe
def task_row(request, pk):
    """One task row: what htmx puts back when an inline edit is cancelled."""
    task, can_write = get_object_for_user(
        request,
        Task.objects.for_display().select_related("objective__programme"),
        pk=pk,
    )
    return _render_row(request, task, can_write)


def _render_row(request, task, can_write, objective=None):
    """One task row for htmx, with the focus back on its Edit button."""
    table = TaskTable([task], editable=can_write)
    table.focus_edit = True
    table.return_url = task.objective.get_absolute_url()
    # Template columns read the table's context, which {% render_table %} would set.
    table.context = RequestContext(request, {"table": table, "request": request})
    context = {"row": table.rows[0], "table": table, "objective": objective}
    return render(request, "programmes/_task_row.html", context)


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None


@keeps_edit_over_sign_in(
    "status", "date", "note", "shortfall_due_to", "shortfall_reason", "version"
)
@require_http_methods(["GET", "POST"])
def edit_task(request, pk):
    task = get_rw_object_for_user(
        request,
        Task.objects.for_display().select_related("objective__programme"),
        pk=pk,
    )
    template = (
        "programmes/_task_row_form.html"
        if request.htmx
        else "programmes/task_edit.html"
    )
    if request.method == "POST":
        form = TaskUpdateForm(request.POST, instance=task)
        if form.is_valid():
            try:
                task, changed = update_task(
                    task.pk,
                    changes=form.changes,
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                )
            except EditConflict as conflict:
                return _render_conflict(request, template, form, conflict)
            return _after_save(request, task, changed)
    else:
        form = TaskUpdateForm(instance=task, initial=take_pending_edit(request))
    context = {"task": task, "form": form, "next": _safe_next(request)}
    return render(request, template, context)


def _render_conflict(request, template, form, conflict):
    newer = Task.objects.for_display().get(pk=conflict.current.pk)
    data = form.data.copy()
    data["version"] = newer.version
    # Validating writes the posted values onto the instance: keep `newer` as stored.
    form = TaskUpdateForm(data, instance=copy.copy(newer))
    form.is_valid()
    context = {
        "task": newer,
        "form": form,
        "conflict": conflict,
        "newer": newer,
        "next": _safe_next(request),
    }
    return render(request, template, context, status=409)


def _after_save(request, task, changed):
    if request.htmx:
        task = Task.objects.for_display().get(pk=task.pk)
        objective = _objectives_with_achievement().get(pk=task.objective_id)
        return _render_row(request, task, True, objective=objective)
    if changed:
        messages.success(
            request, f"Saved: “{task}” is now {task.get_status_display()}."
        )
    else:
        messages.info(request, "Nothing to save: the task already had those values.")
    return redirect(_safe_next(request) or task.objective.get_absolute_url())
