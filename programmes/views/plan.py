"""Editing the plan: programmes, and the objectives, tasks, projects, FRP targets,
success criteria and resource allocations under them (issue #15).

Executive members of the programme's consortium add, change, reorder, archive,
restore and remove plan items; everyone who may read the programme sees the plan,
archived items included. Access is checked on the parent: the programme, or for a
task its objective (core.access), so outsiders get 404 and readers 403.
"""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.access import get_object_for_user, get_rw_object_for_user
from core.editing import EditConflict
from governance.models import Organisation
from governance.roles import Role, access_of
from programmes.forms import (
    FRPTargetForm,
    MoveForm,
    ObjectiveForm,
    ProgrammeForm,
    ProjectForm,
    ResourceAllocationForm,
    SuccessCriterionForm,
    TaskPlanForm,
)
from programmes.models import (
    FRPTarget,
    Objective,
    Programme,
    Project,
    ResourceAllocation,
    SuccessCriterion,
    Task,
)
from programmes.services import (
    PlanError,
    archive_plan_item,
    create_plan_item,
    move_plan_item,
    remove_plan_item,
    restore_plan_item,
    update_plan_item,
)


@dataclass(frozen=True)
class PlanKind:
    """How the views treat one kind of plan item.

    `parent_id` gives, for an item, the pk of the parent (`parent_model`) whose
    access decides; `related` is what to select with the item to reach it.
    """

    name: str
    model: type
    form: type
    parent_model: type
    parent_field: str  # the item's foreign key to its parent, when it has one
    parent_id: callable
    related: tuple
    form_needs_programme: bool = False
    movable: bool = False

    @property
    def label(self):
        return self.model._meta.verbose_name

    def new(self, parent):
        if self.name == "target":
            return self.model()
        return self.model(**{self.parent_field: parent})

    def programme_of(self, parent):
        return parent.programme if self.parent_model is Objective else parent


KINDS = {
    kind.name: kind
    for kind in (
        PlanKind(
            "objective",
            Objective,
            ObjectiveForm,
            Programme,
            "programme",
            lambda item: item.programme_id,
            ("programme",),
            movable=True,
        ),
        PlanKind(
            "task",
            Task,
            TaskPlanForm,
            Objective,
            "objective",
            lambda item: item.objective_id,
            ("objective__programme",),
            movable=True,
        ),
        PlanKind(
            "project",
            Project,
            ProjectForm,
            Programme,
            "programme",
            lambda item: item.programme_id,
            ("programme",),
        ),
        PlanKind(
            "target",
            FRPTarget,
            FRPTargetForm,
            Programme,
            "",
            lambda item: item.project.programme_id,
            ("project__programme",),
            form_needs_programme=True,
        ),
        PlanKind(
            "criterion",
            SuccessCriterion,
            SuccessCriterionForm,
            Programme,
            "programme",
            lambda item: item.programme_id,
            ("programme",),
        ),
        PlanKind(
            "resource",
            ResourceAllocation,
            ResourceAllocationForm,
            Programme,
            "programme",
            lambda item: item.programme_id,
            ("programme", "project"),
            form_needs_programme=True,
        ),
    )
}


def _parent_queryset(kind):
    if kind.parent_model is Objective:
        return Objective.objects.select_related("programme__consortium")
    return Programme.objects.select_related("consortium")


def _load_item(request, kind, pk, *, write=True):
    """(item, parent): the item, and its parent checked for the user's access."""
    item = get_object_or_404(kind.model.objects.select_related(*kind.related), pk=pk)
    lookup = {"pk": kind.parent_id(item)}
    if write:
        parent = get_rw_object_for_user(request, _parent_queryset(kind), **lookup)
    else:
        parent, _ = get_object_for_user(request, _parent_queryset(kind), **lookup)
    return item, parent


def _form(kind, parent, *args, **kwargs):
    if kind.form_needs_programme:
        kwargs["programme"] = kind.programme_of(parent)
    return kind.form(*args, **kwargs)


def _back_url(kind, parent):
    """Where an item's page sends the user back to: objectives to the programme,
    tasks to their objective, the rest to the programme's plan page."""
    if kind.name in ("objective", "task"):
        return parent.get_absolute_url()
    return reverse("programmes:plan", args=[parent.pk])


def _context(kind, parent, **extra):
    programme = kind.programme_of(parent)
    return {
        "kind": kind,
        "parent": parent,
        "programme": programme,
        "objective": parent if kind.parent_model is Objective else None,
        "back_url": _back_url(kind, parent),
        **extra,
    }


@require_safe
def programme_plan(request, pk):
    """Every plan item of a programme, with the controls for executives; archived
    items too when asked (`?archived=1`), so they can be found and restored."""
    programme, can_write = get_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    show_archived = request.GET.get("archived") == "1"

    def listed(queryset):
        return queryset if show_archived else queryset.filter(archived_at=None)

    projects = listed(programme.projects.all()).prefetch_related(
        Prefetch("targets", queryset=listed(FRPTarget.objects.all()))
    )
    context = {
        "programme": programme,
        "can_write": can_write,
        "show_archived": show_archived,
        "objectives": listed(programme.objectives.all()),
        "projects": projects,
        "criteria": listed(programme.success_criteria.all()),
        "resources": listed(programme.resources.select_related("project")),
    }
    return render(request, "programmes/plan/plan.html", context)


@require_http_methods(["GET", "POST"])
def add_item(request, pk, kind):
    kind = KINDS[kind]
    parent = get_rw_object_for_user(request, _parent_queryset(kind), pk=pk)
    instance = kind.new(parent)
    if request.method == "POST":
        form = _form(kind, parent, request.POST, instance=instance)
        if form.is_valid():
            item = create_plan_item(form.instance, user=request.user)
            messages.success(request, f"Added {kind.label} “{item}”.")
            return redirect(_back_url(kind, parent))
    else:
        form = _form(kind, parent, instance=instance)
    context = _context(kind, parent, form=form, adding=True)
    return render(request, "programmes/plan/form.html", context)


@require_http_methods(["GET", "POST"])
def change_item(request, pk, kind):
    kind = KINDS[kind]
    item, parent = _load_item(request, kind, pk)
    if request.method == "POST":
        form = _form(kind, parent, request.POST, instance=item)
        if form.is_valid():
            try:
                item, changed = update_plan_item(
                    form.instance,
                    fields=form.edited_fields,
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                )
            except EditConflict as conflict:
                return _render_conflict(request, kind, parent, form, conflict)
            if changed:
                messages.success(request, f"Saved {kind.label} “{item}”.")
            else:
                messages.info(request, "Nothing to save: no field was changed.")
            return redirect(_back_url(kind, parent))
    else:
        form = _form(kind, parent, instance=item)
    context = _context(kind, parent, form=form, item=item)
    return render(request, "programmes/plan/form.html", context)


def _render_conflict(request, kind, parent, form, conflict):
    """The user's values again, against the newer version, beside the message."""
    newer = conflict.current
    data = form.data.copy()
    data["version"] = newer.version
    form = _form(kind, parent, data, instance=copy.copy(newer))
    form.is_valid()
    context = _context(kind, parent, form=form, item=newer, conflict=conflict)
    return render(request, "programmes/plan/form.html", context, status=409)


@require_http_methods(["GET", "POST"])
def archive_item(request, pk, kind):
    kind = KINDS[kind]
    item, parent = _load_item(request, kind, pk)
    if request.method == "POST":
        _, archived = archive_plan_item(item, user=request.user)
        if archived:
            messages.success(
                request,
                f"Archived {kind.label} “{item}”: it no longer counts in the "
                "figures. You can restore it from the archived items.",
            )
        return redirect(_back_url(kind, parent))
    context = _context(kind, parent, item=item, action="archive")
    return render(request, "programmes/plan/confirm.html", context)


@require_POST
def restore_item(request, pk, kind):
    kind = KINDS[kind]
    item, parent = _load_item(request, kind, pk)
    _, restored = restore_plan_item(item, user=request.user)
    if restored:
        messages.success(request, f"Restored {kind.label} “{item}”.")
    return redirect(_back_url(kind, parent))


@require_http_methods(["GET", "POST"])
def remove_item(request, pk, kind):
    kind = KINDS[kind]
    item, parent = _load_item(request, kind, pk)
    if request.method == "POST":
        try:
            remove_plan_item(item, parent=parent, user=request.user)
        except PlanError as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"Removed {kind.label} “{item}”.")
        return redirect(_back_url(kind, parent))
    context = _context(
        kind, parent, item=item, action="remove", removable=item.can_be_removed()
    )
    return render(request, "programmes/plan/confirm.html", context)


@require_POST
def move_item(request, pk, kind):
    kind = KINDS[kind]
    item, parent = _load_item(request, kind, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Say which way to move it: up or down.")
    if item.is_archived:
        messages.error(request, f"Restore the {kind.label} before moving it.")
    else:
        move_plan_item(item, form.cleaned_data["direction"], user=request.user)
    return redirect(f"{_back_url(kind, parent)}#{kind.name}-{item.pk}")


def _consortia_run_by(user):
    """Consortia the user is an executive member of (all of them for a superuser)."""
    consortia = Organisation.objects.filter(kind=Organisation.Kind.CONSORTIUM)
    access = access_of(user)
    if access.is_superuser:
        return consortia
    return consortia.filter(pk__in=access.organisations_with(Role.EXECUTIVE))


@require_http_methods(["GET", "POST"])
def add_programme(request):
    consortia = _consortia_run_by(request.user)
    if not consortia.exists():
        raise PermissionDenied
    if request.method == "POST":
        form = ProgrammeForm(request.POST, consortia=consortia)
        if form.is_valid():
            programme = create_plan_item(form.instance, user=request.user, m2m=form.m2m)
            messages.success(
                request, f"Added programme “{programme}”: now give it objectives."
            )
            return redirect(programme)
    else:
        form = ProgrammeForm(consortia=consortia, initial={"consortium": consortia[0]})
    context = {"form": form, "adding": True, "programme": None}
    return render(request, "programmes/plan/programme_form.html", context)


@require_http_methods(["GET", "POST"])
def change_programme(request, pk):
    programme = get_rw_object_for_user(
        request, Programme.objects.select_related("consortium"), pk=pk
    )
    # Its own consortium stays on offer, even to a superuser of none.
    consortia = _consortia_run_by(request.user) | Organisation.objects.filter(
        pk=programme.consortium_id
    )
    if request.method == "POST":
        form = ProgrammeForm(request.POST, instance=programme, consortia=consortia)
        if form.is_valid():
            try:
                programme, changed = update_plan_item(
                    form.instance,
                    fields=form.edited_fields,
                    expected_version=form.cleaned_data["version"],
                    user=request.user,
                    m2m=form.m2m,
                )
            except EditConflict as conflict:
                data = form.data.copy()
                data["version"] = conflict.current.version
                form = ProgrammeForm(
                    data, instance=copy.copy(conflict.current), consortia=consortia
                )
                form.is_valid()
                context = {"form": form, "programme": programme, "conflict": conflict}
                return render(
                    request, "programmes/plan/programme_form.html", context, status=409
                )
            if changed:
                messages.success(request, f"Saved programme “{programme}”.")
            else:
                messages.info(request, "Nothing to save: no field was changed.")
            return redirect(programme)
    else:
        form = ProgrammeForm(instance=programme, consortia=consortia)
    context = {"form": form, "programme": programme}
    return render(request, "programmes/plan/programme_form.html", context)


def programme_page_plan(programme):
    """What the programme page adds for the plan: its counted (active) objectives
    with their figures, and the programme's totals worked out from those rows."""
    objectives = list(
        Objective.objects.filter(programme=programme).counted().with_achievement()
    )
    return {
        "plan_objectives": objectives,
        "totals": programme.achievement(objectives),
    }


def objective_page_plan(objective, can_write):
    """What the objective page adds for executives: its tasks in order, active and
    archived, for the move, edit and archive controls."""
    if not can_write:
        return {}
    tasks = list(objective.tasks.select_related("owner").order_by("order", "pk"))
    return {
        "plan_tasks": [task for task in tasks if not task.is_archived],
        "archived_tasks": [task for task in tasks if task.is_archived],
    }
