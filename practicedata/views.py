"""Practice data pages: an indicator across the consortium's practices, a
practice across its indicators, importing and entering returns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from core.access import get_object_for_user
from core.dates import add_years
from core.exports import export_response
from core.tables import paginate
from governance.models import Organisation
from governance.roles import Role, access_of, members_only
from practicedata import charts, figures, returns
from practicedata.forms import PeriodForm, ReturnForm, ReturnImportForm
from practicedata.models import (
    Indicator,
    PlanAction,
    ReturnImport,
    practices_visible_to,
    sees_every_practice,
)
from practicedata.services import (
    ImportRefused,
    import_returns,
    read_returns,
    record_return,
)
from practicedata.tables import IndicatorPracticeTable
from programmes.models import Programme


def _period(request, default_month):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, form.period_or(default_month)


def _latest_month(indicators):
    latest = Indicator.objects.filter(pk__in=[i.pk for i in indicators]).aggregate(
        latest=Max("returns__month")
    )["latest"]
    return latest or timezone.localdate()


@members_only
@require_safe
def index(request):
    """The indicators of the programmes the user sees, the practices whose data
    they may see, and (for executives) the latest imports of returns."""
    indicators = list(
        Indicator.objects.visible_to(request.user)
        .select_related("programme")
        .order_by("-programme__starts_on", "programme__name", "name")
    )
    programmes = {}
    for indicator in indicators:
        programmes.setdefault(indicator.programme, []).append(indicator)
    writable = [p for p in programmes if p.is_writable_by(request.user)]
    imports = (
        ReturnImport.objects.filter(programme__in=writable).select_related(
            "imported_by", "programme"
        )[:20]
        if writable
        else []
    )
    practices = practices_visible_to(request.user).order_by("name")
    context = {
        "programmes": programmes,
        "writable": writable,
        "imports": imports,
        "practices": practices,
    }
    return render(request, "practicedata/index.html", context)


@require_safe
def indicator_detail(request, pk):
    """Every practice's figure for the period, the consortium's trend against its
    target, and each practice against the others."""
    indicator, can_write = get_object_for_user(
        request, Indicator.objects.select_related("programme__consortium"), pk=pk
    )
    form, period = _period(request, _latest_month([indicator]))
    if period is None:
        return HttpResponseBadRequest("Choose a period and a month such as 2007-04.")
    practices = Organisation.objects.practices().filter(
        member_of=indicator.programme.consortium
    )
    targets = figures.targets_for_year(indicator, period)
    rows = list(figures.practice_rows(indicator, period, practices))
    for row in rows:
        row.target = figures.practice_target(indicator, targets, period, row)
        row.met = figures.meets(indicator, row.value, row.target)
    own = set()
    if not sees_every_practice(request.user):
        own = access_of(request.user).organisations_with(Role.PRACTICE_MANAGER)
        rows = [row for row in rows if row.pk in own]
    table = paginate(request, IndicatorPracticeTable(rows), per_page=100)
    download = export_response(
        request, table, f"{indicator.code}-{period.first:%Y-%m}-{period.kind}"
    )
    if download:
        return download
    year = figures.Period.of("ytd", period.last)
    consortium = figures.consortium_figures(indicator, year, practices, targets)
    chosen = (
        consortium
        if year == period
        else figures.consortium_figures(indicator, period, practices, targets)
    )
    trend = charts.trend(
        year.months,
        {
            "Consortium": [
                (consortium.by_month.get(m) or {}).get("total") for m in year.months
            ],
            "A year before": [
                (consortium.baseline_by_month.get(add_years(m, -1)) or {}).get("total")
                for m in year.months
            ],
        },
        target=[
            figures.monthly_target(
                indicator, targets.get(None), m, consortium.baseline_by_month
            )
            for m in year.months
        ]
        if targets.get(None)
        else None,
    )
    dots = charts.strip(
        [(row.name, row.value, row.pk) for row in rows],
        consortium=chosen.value,
        target=chosen.target,
        highlight=next(iter(own), None),
    )
    context = {
        "indicator": indicator,
        "programme": indicator.programme,
        "period": period,
        "form": form,
        "table": table,
        "consortium": chosen,
        "consortium_target": targets.get(None),
        "met": figures.meets(indicator, chosen.value, chosen.target),
        "trend": trend,
        "dots": dots,
        "late": returns.late_or_missing(
            indicator,
            [row for row in rows],
            period,
            timezone.localdate(),
        )
        if rows
        else [],
        "can_write": can_write,
    }
    return render(request, "practicedata/indicator_detail.html", context)


@require_safe
def practice_detail(request, pk):
    """A practice's indicators against target and the consortium, its returns,
    obligations and action plan."""
    practice = get_object_or_404(
        practices_visible_to(request.user).select_related("member_of"), pk=pk
    )
    every = list(
        Indicator.objects.visible_to(request.user)
        .filter(programme__consortium=practice.member_of)
        .select_related("programme")
        .annotate(latest=Max("returns__month"))
        .order_by("-programme__starts_on", "-programme__pk", "name")
    )
    programmes = list(dict.fromkeys(indicator.programme for indicator in every))
    chosen = request.GET.get("programme")
    programme = next(
        (p for p in programmes if str(p.pk) == chosen),
        programmes[0] if programmes else None,
    )
    indicators = [i for i in every if i.programme == programme]
    latest = max((i.latest for i in indicators if i.latest), default=None)
    form, period = _period(request, latest or timezone.localdate())
    if period is None:
        return HttpResponseBadRequest("Choose a period and a month such as 2007-04.")
    peers = Organisation.objects.practices().filter(member_of=practice.member_of_id)
    year = figures.Period.of("ytd", period.last)
    today = timezone.localdate()
    panels = []
    all_targets = figures.targets_by_indicator(indicators, period)
    consortium_sums = figures.monthly_sums(indicators, year, peers)
    own_sums = figures.monthly_sums(indicators, year, [practice])
    for indicator in indicators:
        targets = all_targets.get(indicator.pk, {})
        rows = list(figures.practice_rows(indicator, period, peers))
        mine = next((row for row in rows if row.pk == practice.pk), None)
        target = (
            figures.practice_target(indicator, targets, period, mine) if mine else None
        )
        consortium = figures.consortium_figures(
            indicator, year, peers, targets, consortium_sums
        )
        own_months = {
            month: row["total"] for month, row in own_sums.get(indicator.pk, {}).items()
        }
        panels.append(
            {
                "indicator": indicator,
                "value": mine.value if mine else None,
                "baseline": mine.baseline if mine else None,
                "change": mine.change if mine else None,
                "position": mine.position if mine else None,
                "of": sum(1 for row in rows if row.value is not None),
                "target": target,
                "met": figures.meets(indicator, mine.value if mine else None, target),
                "trend": charts.trend(
                    year.months,
                    {
                        practice.short_name or practice.name: [
                            own_months.get(m) for m in year.months
                        ],
                        "Consortium": [
                            (consortium.by_month.get(m) or {}).get("total")
                            for m in year.months
                        ],
                    },
                    target=[
                        figures.monthly_target(
                            indicator,
                            targets.get(None),
                            m,
                            consortium.baseline_by_month,
                        )
                        for m in year.months
                    ]
                    if targets.get(None)
                    else None,
                ),
                "dots": charts.strip(
                    [("", row.value, row.pk) for row in rows],
                    target=target,
                    highlight=practice.pk,
                ),
            }
        )
    grid = returns.return_grid(practice, indicators, year.year_start, today)
    # The actions with their plans, in one query; grouped by plan here.
    plans = {}
    for action in (
        PlanAction.objects.filter(plan__practice=practice)
        .select_related("plan__scheme", "indicator")
        .order_by("-plan__scheme__starts_on", "due_on", "pk")
    ):
        plans.setdefault(action.plan, []).append(action)
    context = {
        "practice": practice,
        "programme": programme,
        "programmes": programmes,
        "period": period,
        "form": form,
        "panels": panels,
        "grid": grid,
        "months": year.months and [cell.month for cell in grid[0][1]] if grid else [],
        "obligations": returns.obligations_with_outcomes(practice, grid, today),
        "plans": plans,
        "today": today,
        "can_enter": practice.pk
        in access_of(request.user).organisations_with(Role.PRACTICE_MANAGER),
    }
    return render(request, "practicedata/practice_detail.html", context)


@require_http_methods(["GET", "POST"])
def import_returns_view(request, pk):
    """GET: the form. POST: check every row and show what would change, or every
    error with its line; with `confirm`, import."""
    programme, can_write = get_object_for_user(request, Programme.objects, pk=pk)
    if not can_write:
        raise PermissionDenied
    form = ReturnImportForm(request.POST or None, request.FILES or None)
    rows, errors = None, None
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["content"]
        file_name = form.cleaned_data["file_name"] or "returns.csv"
        try:
            rows = read_returns(
                content,
                practices=list(
                    Organisation.objects.practices().filter(
                        member_of=programme.consortium_id
                    )
                ),
                indicators=list(programme.indicators.all()),
            )
        except ImportRefused as refused:
            errors = refused.errors
        else:
            if request.POST.get("confirm") == "import":
                imported = import_returns(
                    rows, programme=programme, file_name=file_name, user=request.user
                )
                messages.success(
                    request,
                    f"Imported {file_name}: {imported.created_count} new, "
                    f"{imported.changed_count} changed, "
                    f"{imported.unchanged_count} unchanged.",
                )
                return redirect("practicedata:index")
        form = ReturnImportForm(initial={"content": content, "file_name": file_name})
    counts = None
    if rows is not None:
        counts = {
            outcome: sum(1 for row in rows if row.outcome == outcome)
            for outcome in ("new", "changed", "unchanged")
        }
    context = {
        "programme": programme,
        "form": form,
        "rows": rows,
        "errors": errors,
        "counts": counts,
    }
    return render(request, "practicedata/import_returns.html", context)


@require_http_methods(["GET", "POST"])
def enter_return(request, pk):
    """A practice manager enters their own practice's return for a month."""
    practice = get_object_or_404(
        practices_visible_to(request.user).select_related("member_of"), pk=pk
    )
    if practice.pk not in access_of(request.user).organisations_with(
        Role.PRACTICE_MANAGER
    ):
        raise PermissionDenied
    indicators = Indicator.objects.visible_to(request.user).filter(
        programme__consortium=practice.member_of_id
    )
    form = ReturnForm(request.POST or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        record_return(
            practice,
            data["indicator"],
            data["month"],
            value=data["value"],
            budget=data["budget"],
            user=request.user,
        )
        messages.success(
            request, f"Recorded {data['indicator']} for {data['month']:%B %Y}."
        )
        return redirect("practicedata:practice", practice.pk)
    context = {"practice": practice, "form": form}
    return render(request, "practicedata/return_form.html", context)
