"""The status reports' pages: the archive by month, a report, its narrative,
publishing it, and its PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from core.access import get_object_for_user, get_rw_object_for_user
from core.documents import serve_document
from core.editing import EditConflict
from core.exports import export_response
from core.history import field_history
from core.pdf import render_pdf
from core.tables import paginate
from governance.models import Organisation
from governance.roles import Role, access_of, members_only
from reports.models import StatusReport
from reports.models.status import SECTIONS, pdf_context
from reports.status_forms import ArchiveFilterForm, NarrativeForm, StartReportForm
from reports.status_services import (
    StatusReportError,
    publish,
    refresh_figures,
    save_narrative,
    start_report,
)
from reports.status_tables import StatusReportTable

# Fields the narrative's history leaves out: set once, or by the system.
NOT_NARRATIVE = (
    "consortium",
    "month",
    "created_by",
    "published",
    "figures",
    "figures_taken_at",
)


def _executive_consortia(user):
    access = access_of(user)
    consortia = Organisation.objects.filter(kind=Organisation.Kind.CONSORTIUM)
    if access.is_superuser:
        return consortia
    return consortia.filter(pk__in=access.organisations_with(Role.EXECUTIVE))


@members_only
@require_safe
def report_list(request):
    filters = ArchiveFilterForm(request.GET)
    if not filters.is_valid():
        return HttpResponseBadRequest("Give the year as four digits, e.g. 2007.")
    reports = StatusReport.objects.visible_to(request.user).select_related(
        "consortium", "published"
    )
    if filters.cleaned_data["year"]:
        reports = reports.filter(month__year=filters.cleaned_data["year"])
    table = paginate(request, StatusReportTable(reports))
    download = export_response(request, table, "status-reports")
    if download:
        return download
    context = {
        "table": table,
        "filters": filters,
        "can_start": _executive_consortia(request.user).exists(),
    }
    return render(request, "reports/status/report_list.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def report_start(request):
    consortia = _executive_consortia(request.user)
    if not consortia.exists():
        raise PermissionDenied("Only executive members start status reports.")
    form = StartReportForm(request.POST or None, consortia=consortia)
    if request.method == "POST" and form.is_valid():
        try:
            report = start_report(
                form.cleaned_data["consortium"],
                form.cleaned_data["month"].replace(day=1),
                user=request.user,
            )
        except StatusReportError as error:
            form.add_error("month", str(error))
        else:
            messages.success(request, f"{report} drafted.")
            return redirect(report)
    return render(request, "reports/status/report_start.html", {"form": form})


@require_safe
def report_detail(request, pk):
    report, can_write = get_object_for_user(
        request, StatusReport.objects.select_related("consortium", "published"), pk=pk
    )
    context = {
        "report": report,
        "figures": report.figures,
        "sections": _sections(report),
        "can_write": can_write,
    }
    return render(request, "reports/status/report_detail.html", context)


def _sections(report):
    """(key, heading, narrative): a published report's as published."""
    narrative = (
        report.figures.get("narrative", {})
        if report.is_published
        else report.narratives()
    )
    return [(key, heading, narrative.get(key, "")) for key, heading in SECTIONS]


@require_http_methods(["GET", "POST"])
def report_edit(request, pk):
    report = get_rw_object_for_user(
        request, StatusReport.objects.select_related("consortium"), pk=pk
    )
    form = NarrativeForm(
        request.POST or None, instance=report, initial={"version": report.version}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        changes = {key: form.cleaned_data[key] for key, _ in SECTIONS}
        try:
            save_narrative(
                report,
                changes=changes,
                expected_version=form.cleaned_data["version"],
                user=request.user,
            )
        except EditConflict as error:
            conflict = error.describe(request.user)
        except StatusReportError as error:
            messages.error(request, str(error))
            return redirect(report)
        else:
            messages.success(request, "Narrative saved.")
            return redirect(report)
    context = {
        "report": report,
        "form": form,
        "conflict": conflict,
        "history": field_history(report, hidden=NOT_NARRATIVE),
    }
    return render(request, "reports/status/report_edit.html", context)


@require_POST
def report_refresh(request, pk):
    report = get_rw_object_for_user(request, StatusReport.objects, pk=pk)
    try:
        refresh_figures(report, user=request.user)
    except StatusReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Figures gathered again from the data.")
    return redirect(report)


@require_http_methods(["GET", "POST"])
def report_publish(request, pk):
    report = get_rw_object_for_user(
        request, StatusReport.objects.select_related("consortium"), pk=pk
    )
    if request.method == "POST":
        try:
            report = publish(report, user=request.user)
        except StatusReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{report} published as {report.published.reference}."
            )
        return redirect(report)
    return render(request, "reports/status/report_publish.html", {"report": report})


@require_safe
def report_pdf(request, pk):
    """A published report's stored PDF, as issued; a draft's, made now."""
    report, _ = get_object_for_user(
        request, StatusReport.objects.select_related("consortium", "published"), pk=pk
    )
    if report.is_published:
        return serve_document(request, report.published)
    snapshot = {**report.figures, "narrative": report.narratives(), "draft": True}
    content = render_pdf("reports/status/pdf.html", pdf_context(snapshot))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="status-report-{report.month:%Y-%m}-draft.pdf"'
    )
    return response
