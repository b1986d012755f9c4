"""The business plan's service areas and the gatekeeper's pages (issue #18).

Executive members of a consortium edit its plan and move its proposals; PCT staff
read every consortium's and record the PCT Governance Committee's decisions on
business cases; practice managers read their consortium's.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from commissioning import services
from commissioning.forms import (
    MOVE_FORMS,
    CriterionForm,
    ProposalFilterForm,
    ProposalForm,
    ServiceAreaForm,
    ServiceRoleForm,
)
from commissioning.models import (
    MOVES,
    GatekeeperCriterion,
    Proposal,
    ServiceArea,
    ServiceRole,
)
from commissioning.services import ProposalError
from commissioning.tables import ProposalTable, ServiceAreaTable
from core.access import get_object_for_user, get_rw_object_for_user
from core.editing import EditConflict
from core.exports import export_response
from core.log import log_for
from core.tables import paginate
from governance.models import Organisation
from governance.roles import Role, access_of, members_only

AREA_RELATED = ("consortium", "clinical_lead", "management_lead")


def _executive_consortia(user):
    """The consortia the user may add records to (403 when none)."""
    access = access_of(user)
    if access.is_superuser:
        consortia = set(
            Organisation.objects.filter(kind=Organisation.Kind.CONSORTIUM).values_list(
                "pk", flat=True
            )
        )
    else:
        consortia = access.organisations_with(Role.EXECUTIVE)
    if not consortia:
        raise PermissionDenied
    return consortia


def _may_add(user):
    access = access_of(user)
    return access.is_superuser or bool(access.organisations_with(Role.EXECUTIVE))


# Service areas


@members_only
@require_safe
def service_area_list(request):
    areas = ServiceArea.objects.visible_to(request.user).select_related(*AREA_RELATED)
    table = paginate(request, ServiceAreaTable(areas), per_page=50)
    download = export_response(request, table, "business-plan-service-areas")
    if download:
        return download
    context = {"table": table, "may_add": _may_add(request.user)}
    return render(request, "commissioning/service_area_list.html", context)


@require_http_methods(["GET", "POST"])
def add_service_area(request):
    consortia = _executive_consortia(request.user)
    form = ServiceAreaForm(request.POST or None, consortia=consortia)
    if request.method == "POST" and form.is_valid():
        area, _ = services.save_service_area(
            form.instance, fields=None, user=request.user
        )
        messages.success(request, f"{area} added to the business plan.")
        return redirect(area)
    context = {
        "form": form,
        "title": "Add a service area",
        "back_url": reverse("commissioning:service-areas"),
    }
    return render(request, "commissioning/form.html", context)


@require_safe
def service_area_detail(request, pk):
    area, can_write = get_object_for_user(
        request,
        ServiceArea.objects.select_related(*AREA_RELATED).prefetch_related(
            "roles",
            Prefetch("proposals", queryset=Proposal.objects.select_related("delegate")),
        ),
        pk=pk,
    )
    context = {"area": area, "can_write": can_write, "log": log_for(area)}
    return render(request, "commissioning/service_area_detail.html", context)


@require_http_methods(["GET", "POST"])
def change_service_area(request, pk):
    area = get_rw_object_for_user(
        request, ServiceArea.objects.select_related("consortium"), pk=pk
    )
    form = ServiceAreaForm(request.POST or None, instance=area)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_service_area(
                form.instance,
                fields=[name for name in form.fields if name != "version"],
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as error:
            conflict = error.describe(request.user)
        else:
            return redirect(area)
    context = {
        "form": form,
        "title": f"Edit {area}",
        "back_url": area.get_absolute_url(),
        "conflict": conflict,
    }
    return render(request, "commissioning/form.html", context)


@require_http_methods(["GET", "POST"])
def add_service_role(request, pk):
    area = get_rw_object_for_user(
        request, ServiceArea.objects.select_related("consortium"), pk=pk
    )
    form = ServiceRoleForm(request.POST or None)
    form.instance.service_area = area
    if request.method == "POST" and form.is_valid():
        services.add_service_role(form.instance, user=request.user)
        messages.success(request, "Role added.")
        return redirect(area)
    context = {
        "form": form,
        "title": f"Add a role in {area}",
        "back_url": area.get_absolute_url(),
    }
    return render(request, "commissioning/form.html", context)


@require_http_methods(["GET", "POST"])
def remove_service_role(request, pk):
    role = get_rw_object_for_user(
        request, ServiceRole.objects.select_related("service_area__consortium"), pk=pk
    )
    area = role.service_area
    if request.method == "POST":
        services.remove_service_role(role, user=request.user)
        messages.success(request, "Role removed.")
        return redirect(area)
    context = {"role": role, "area": area}
    return render(request, "commissioning/confirm_remove_role.html", context)


# The gatekeeper


@members_only
@require_safe
def criteria(request):
    context = {
        "criteria": GatekeeperCriterion.objects.visible_to(request.user)
        .filter(active=True)
        .select_related("consortium"),
        "may_add": _may_add(request.user),
    }
    return render(request, "commissioning/criteria.html", context)


@require_http_methods(["GET", "POST"])
def add_criterion(request):
    form = CriterionForm(
        request.POST or None, consortia=_executive_consortia(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.add_criterion(form.instance, user=request.user)
        messages.success(request, "Criterion added to the gatekeeper's checklist.")
        return redirect("commissioning:criteria")
    context = {
        "form": form,
        "title": "Add a gatekeeper criterion",
        "back_url": reverse("commissioning:criteria"),
    }
    return render(request, "commissioning/form.html", context)


@members_only
@require_safe
def proposal_list(request):
    filters = ProposalFilterForm(request.GET)
    proposals = Proposal.objects.visible_to(request.user).select_related(
        "service_area", "delegate"
    )
    if filters.is_valid():
        if filters.cleaned_data["stage"]:
            proposals = proposals.filter(stage=filters.cleaned_data["stage"])
        if query := filters.cleaned_data["q"]:
            proposals = proposals.filter(
                Q(title__icontains=query)
                | Q(raised_by__icontains=query)
                | Q(request__icontains=query)
            )
    table = paginate(request, ProposalTable(proposals))
    download = export_response(request, table, "gatekeeper-proposals")
    if download:
        return download
    context = {"table": table, "filters": filters, "may_add": _may_add(request.user)}
    return render(request, "commissioning/proposal_list.html", context)


@require_http_methods(["GET", "POST"])
def add_proposal(request):
    form = ProposalForm(
        request.POST or None, consortia=_executive_consortia(request.user)
    )
    if request.method == "POST" and form.is_valid():
        proposal = services.create_proposal(form.instance, user=request.user)
        messages.success(request, "Proposal recorded: check it against the criteria.")
        return redirect(proposal)
    context = {
        "form": form,
        "title": "Record a proposal for new work",
        "back_url": reverse("commissioning:proposals"),
    }
    return render(request, "commissioning/form.html", context)


@require_safe
def proposal_detail(request, pk):
    proposal, can_write = get_object_for_user(
        request,
        Proposal.objects.select_related(
            "consortium",
            "service_area",
            "raised_by_organisation",
            "received_by",
            "delegate",
            "clinical_lead",
            "management_lead",
            "project__programme",
        ).prefetch_related(
            Prefetch("checks__criterion"),
            Prefetch("steps"),
        ),
        pk=pk,
    )
    context = {
        "proposal": proposal,
        "moves": proposal.next_moves(request.user),
        "can_write": can_write,
        "log": log_for(proposal),
        "minute": proposal.recording_minute(request.user),
    }
    return render(request, "commissioning/proposal_detail.html", context)


@require_http_methods(["GET", "POST"])
def move_proposal(request, pk, action):
    proposal, _ = get_object_for_user(
        request, Proposal.objects.select_related("consortium"), pk=pk
    )
    if not proposal.may_make(action, request.user):
        raise PermissionDenied
    move = MOVES[action]
    if not proposal.allows(action):
        context = {"proposal": proposal, "move": move}
        return render(
            request, "commissioning/move_not_possible.html", context, status=409
        )
    form = MOVE_FORMS[action](request.POST or None, proposal=proposal)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.advance(
                proposal,
                action,
                user=request.user,
                on=form.cleaned_data["on"],
                to=form.to(),
                note=form.cleaned_data.get("note", ""),
                **form.details(),
            )
        except ProposalError as refused:
            error = str(refused)
        else:
            messages.success(request, f"{move.label}: done.")
            return redirect(proposal)
    context = {"proposal": proposal, "move": move, "form": form, "error": error}
    return render(request, "commissioning/move_form.html", context)
