"""Objectives and tasks: reading them, and updating a task's status."""

import copy
import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.template import RequestContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.access import get_object_for_user, get_rw_object_for_user
from core.editing import EditConflict, take_pending_edit
from core.exports import export_response
from core.history import field_history
from core.log import log_for
from core.middleware import keeps_edit_over_sign_in
from core.tables import paginate
from programmes.forms import (
    NOTE_LABEL,
    BulkChangeForm,
    CommentForm,
    EvidenceForm,
    TaskFilterForm,
    TaskUpdateForm,
)
from programmes.models import (
    ACTIVE,
    Objective,
    Programme,
    Task,
    TaskStatus,
)
from programmes.services import BulkOutcome, bulk_update_tasks, update_task
from programmes.tables import TaskListTable, TaskTable
from programmes.views.plan import objective_page_plan


def _objectives_with_achievement():
    return Objective.objects.with_achievement().select_related("programme__consortium")


@require_safe
def objective_detail(request, pk):
    objective, can_write = get_object_for_user(
        request, _objectives_with_achievement(), pk=pk
    )
    may_update = can_write or objective.programme.has_tasks_updatable_by(request.user)
    table = paginate(
        request,
        TaskTable(
            objective.tasks.filter(ACTIVE).for_display().with_can_update(request.user),
            editable=may_update,
        ),
    )
    download = export_response(
        request, table, f"objective-{objective.number}-{objective.programme.slug}"
    )
    if download:
        return download
    context = {
        "objective": objective,
        "programme": objective.programme,
        "table": table,
        "can_write": can_write,
        **objective_page_plan(objective, can_write),
    }
    return render(request, "programmes/objective_detail.html", context)


@require_safe
def task_list(request, pk):
    programme, can_write = get_object_for_user(request, Programme.objects, pk=pk)
    form = TaskFilterForm(request.GET, programme=programme)
    if not form.is_valid():
        context = {"programme": programme, "form": form, "table": None}
        return render(request, "programmes/task_list.html", context, status=400)
    may_update = programme.has_tasks_updatable_by(request.user)
    tasks = (
        form.filter(
            Task.objects.active().filter(objective__programme=programme).for_display(),
            request.user,
        )
        .with_can_update(request.user)
        .order_by("objective__number", "order")
    )
    table = paginate(
        request,
        TaskListTable(
            tasks,
            editable=may_update,
            inline=False,
            show_objective=True,
            selectable=may_update,
        ),
    )
    table.tbody_cache_key = _task_rows_key(request, programme)
    download = export_response(request, table, f"tasks-{programme.slug}")
    if download:
        return download
    context = {
        "programme": programme,
        "form": form,
        "table": table,
        "bulk_form": BulkChangeForm() if may_update else None,
    }
    return render(request, "programmes/task_list.html", context)


def _task_rows_key(request, programme):
    """The task list's rows are cached under everything they depend on: the
    programme's revision (its tasks and objectives, and the organisations, people
    and memberships they name: see programmes.models), the user (what they may
    update), the page asked for (filters, order, page, and the way back from the
    edit page), and the day (overdue badges)."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return (
        f"programmes:task-rows:{programme.pk}:{programme.revision}:"
        f"{request.user.pk}:{timezone.localdate().isoformat()}:{path}"
    )


@require_POST
def bulk_change(request, pk):
    """Change many tasks at once: the choice, a confirmation, then the outcome."""
    programme, _ = get_object_for_user(request, Programme.objects, pk=pk)
    if not programme.has_tasks_updatable_by(request.user):
        raise PermissionDenied
    form = BulkChangeForm(request.POST)
    back = _safe_next(request) or reverse("programmes:tasks", args=[programme.pk])
    if not form.is_valid():
        context = {"programme": programme, "form": form, "back": back}
        return render(request, "programmes/bulk_change.html", context)
    versions = form.cleaned_data["task"]
    tasks = (
        _tasks()
        .visible_to(request.user)
        .filter(objective__programme=programme, pk__in=versions)
        .order_by("objective__number", "order")
    )
    selection = [(task, versions[task.pk]) for task in tasks]
    change = {name: form.cleaned_data[name] for name in ("status", "date", "note")}
    if request.POST.get("confirmed") != "yes":
        context = {
            "programme": programme,
            "form": form,
            "back": back,
            "selection": selection,
            "change": change,
            "new_status": TaskStatus(change["status"]).label
            if change["status"]
            else None,
        }
        return render(request, "programmes/bulk_change.html", context)
    outcomes = bulk_update_tasks(selection, **change, user=request.user)
    context = {
        "programme": programme,
        "back": back,
        "outcomes": outcomes,
        "saved": sum(o.outcome == BulkOutcome.SAVED for o in outcomes),
    }
    return render(request, "programmes/bulk_change_done.html", context)


@require_safe
def task_detail(request, pk):
    task, can_write = get_object_for_user(request, _tasks(), pk=pk)
    return render_task_page(request, task, can_write)


def _tasks():
    return Task.objects.for_display().select_related("objective__programme")


def render_task_page(
    request, task, can_write, comment_form=None, evidence_form=None, status=200
):
    """The task page; with a form bound to what was posted when it had errors."""
    if can_write:
        comment_form = comment_form or CommentForm()
        evidence_form = evidence_form or EvidenceForm()
    context = {
        "task": task,
        "can_write": can_write,
        # Status updates may be the PCT's too; the plan (lead, owner) is not.
        "can_change_plan": task.objective.programme.is_writable_by(request.user),
        "history": field_history(task, hidden=("objective",)),
        "log": log_for(task),
        "comments": task.comments.select_related("author"),
        "evidence": task.evidence.select_related("added_by", "minute_item__meeting"),
        "comment_form": comment_form,
        "evidence_form": evidence_form,
        "note_label": NOTE_LABEL,
    }
    return render(request, "programmes/task_detail.html", context, status=status)


@require_safe
def task_row(request, pk):
    """One task row: what htmx puts back when an inline edit is cancelled."""
    task, can_write = get_object_for_user(
        request,
        _tasks(),
        pk=pk,
    )
    return _render_row(request, task, can_write)


def _render_row(request, task, can_write, objective=None, saved=False):
    """One task row for htmx, with the focus back on its Edit button (and, after a
    save, a visible "Saved")."""
    table = TaskTable([task], editable=can_write)
    table.focus_edit = True
    table.saved = saved
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
        _tasks(),
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
        "conflict": conflict.describe(request.user),
        "newer": newer,
        "next": _safe_next(request),
    }
    return render(request, template, context, status=409)


def _after_save(request, task, changed):
    if request.htmx:
        task = Task.objects.for_display().get(pk=task.pk)
        objective = _objectives_with_achievement().get(pk=task.objective_id)
        return _render_row(request, task, True, objective=objective, saved=True)
    if changed:
        messages.success(
            request, f"Saved: “{task}” is now {task.get_status_display()}."
        )
    else:
        messages.info(request, "Nothing to save: the task already had those values.")
    return redirect(_safe_next(request) or task.objective.get_absolute_url())
