"""The status report's figures, gathered from the data as a plain snapshot.

Every figure a status report shows is gathered here, once, into JSON-ready
values: a draft keeps the latest gathering (refreshed on request), a published
report keeps it for ever. Templates only show the snapshot.

Achievement comes from the recorded history as at the report's date
(programmes.as_at); where the history does not reach back that far the live
figures are given and the snapshot says so. Payments and instalments count
only those agreed by the date; the framework position and the sign-up are as
recorded now (their history is not kept in a form that can be replayed).
"""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from agreements.models import AgreementPack
from agreements.progress import sign_up_progress
from commissioning.models import Proposal, ServiceArea, Stage
from funding import ledger
from funding.calculations import ordered_kinds, population
from funding.models import FundingScheme, PaymentKind
from governance.framework_services import framework_areas, standing_of
from governance.models import Framework, InterimFunding
from programmes.as_at import NoHistory, achievement_as_at
from programmes.models import Project

SAVINGS_CHART_WIDTH = 380
SAVINGS_BAR_HEIGHT = 18

# The commissioning process's milestone steps, in order (the seed's a, b, c).
MILESTONE_STEPS = (
    Stage.LEADS_IDENTIFIED,
    Stage.CHECKLIST_AGREED,
    Stage.CASE_DRAFTED,
    Stage.CASE_SUBMITTED,
    Stage.CASE_APPROVED,
    Stage.IN_PROGRAMME,
)


def report_date(report, today=None):
    """The day a report's figures stand at: its month's end, or today while the
    month is still running."""
    today = today or timezone.localdate()
    return min(report.month_end, today)


def gather(report, today=None):
    """The snapshot of `report`'s figures and narrative."""
    as_at = report_date(report, today)
    consortium = report.consortium
    schemes = list(
        FundingScheme.objects.filter(
            programme__consortium=consortium, starts_on__lte=as_at
        )
        .select_related("programme")
        .order_by("starts_on", "pk")
    )
    return {
        "title": str(report),
        "month": report.month,
        "as_at": as_at,
        "consortium": consortium.name,
        "consortium_short": consortium.short_name,
        "narrative": report.narratives(),
        "funding": _funding(schemes, as_at),
        "framework": _framework(consortium, as_at),
        "les": _sign_up(schemes),
        "projects": _projects(consortium, schemes, as_at),
    }


def _achievement(programme, as_at):
    try:
        past = achievement_as_at(programme, as_at)
        return past.totals, True
    except NoHistory:
        return programme.achievement(), False


def _funding(schemes, as_at):
    rows = []
    achievements = {}
    for scheme in schemes:
        patients = population(scheme)
        kinds = []
        for kind in ordered_kinds(scheme):
            instalments = [
                {
                    "order": instalment.order,
                    "rate": instalment.rate_per_patient,
                    "reason": instalment.reason,
                    "agreed_on": instalment.agreed_on,
                }
                for instalment in kind.instalments.all()
                if instalment.agreed_on <= as_at
            ]
            row = {
                "label": kind.get_kind_display(),
                "max_rate": kind.max_rate_per_patient,
                "instalments": instalments,
                "agreed_rate": sum((i["rate"] for i in instalments), Decimal("0")),
                "in_place_of": kind.in_place_of.get_kind_display()
                if kind.in_place_of_id
                else "",
            }
            if kind.kind == PaymentKind.Kind.ACHIEVEMENT:
                if scheme.programme_id not in achievements:
                    achievements[scheme.programme_id] = _achievement(
                        scheme.programme, as_at
                    )
                totals, from_history = achievements[scheme.programme_id]
                row["achieved"] = totals.achieved
                row["earned_rate"] = (
                    kind.max_rate_per_patient * (totals.achieved or 0) / 100
                ).quantize(Decimal("0.01"))
                row["from_history"] = from_history
            kinds.append(row)
        # Money in and out by the report's date; approvals as they stand now.
        rows_by_then = [row for row in ledger.ledger(scheme) if row.on <= as_at]
        reserve = ledger.figures(scheme, rows_by_then)
        chart = ledger.chart(reserve.received, reserve.paid, reserve.approved)
        rows.append(
            {
                "name": scheme.name,
                "kind": scheme.get_kind_display(),
                "year": scheme.year_label,
                "patients": patients,
                "practice_share": scheme.practice_share,
                "reserve_share": scheme.reserve_share,
                "kinds": kinds,
                "reserve": {
                    "received": reserve.received,
                    "paid": reserve.paid,
                    "approved": reserve.approved,
                    "available": reserve.available,
                },
                "reserve_chart": {
                    "width": chart["width"],
                    "segments": [
                        {k: v for k, v in segment.items()}
                        for segment in chart["segments"]
                    ],
                    "received": chart["received"],
                },
            }
        )
    return {"schemes": rows}


def _framework(consortium, as_at):
    framework = (
        Framework.objects.filter(consortium=consortium, effective_from__lte=as_at)
        .select_related("pct")
        .order_by("-effective_from", "-pk")
        .first()
    )
    if framework is None:
        return None
    standing = standing_of(framework, framework_areas(framework))
    shown = standing.shown_level
    interim = (
        InterimFunding.objects.filter(framework=framework, starts_on__lte=as_at)
        .order_by("-starts_on", "-pk")
        .first()
    )
    return {
        "name": framework.name,
        "version": framework.version,
        "pct": framework.pct.short_name,
        "qualified_level": standing.qualified_level,
        "shown_level": shown.level.number if shown else None,
        "areas": [
            {
                "name": area.area.name,
                "targets": len(area.targets),
                "met": len(area.met),
                "planned": len(area.planned),
                "to_meet": area.to_meet,
                "more_to_meet": area.more_to_meet,
                "needing_plans": len(area.needing_plans),
                "qualifies": area.qualifies,
            }
            for area in (shown.areas if shown else [])
        ],
        "interim": {
            "level": interim.level,
            "starts_on": interim.starts_on,
            "ends_on": interim.ends_on,
            "targets_due_by": interim.targets_due_by,
        }
        if interim
        else None,
    }


def _sign_up(schemes):
    packs = AgreementPack.objects.filter(
        scheme__in=[s for s in schemes if s.kind == FundingScheme.Kind.LES]
    ).select_related("scheme__programme")
    rows = []
    for pack in packs:
        progress = sign_up_progress(pack)
        share = progress.share_signed
        rows.append(
            {
                "title": pack.title,
                "scheme": pack.scheme.name,
                "practices": len(progress.rows),
                "invited": progress.invited,
                "signed": progress.signed,
                "declined": progress.declined,
                "pending": progress.pending,
                "patients_signed": progress.list_size_signed,
                "patients_total": progress.list_size_total,
                "share_signed": share.quantize(Decimal("0.1")) if share else None,
            }
        )
    return {"packs": rows}


def _projects(consortium, schemes, as_at):
    """Each business-plan service and where its proposals stand, and the savings
    planned by the programmes' projects (for the chart)."""
    proposals = Proposal.objects.filter(received_on__lte=as_at).order_by(
        "received_on", "pk"
    )
    areas = ServiceArea.objects.filter(consortium=consortium).prefetch_related(
        Prefetch("proposals", queryset=proposals, to_attr="proposals_by_date")
    )
    services = []
    for area in areas:
        latest = area.proposals_by_date[-1] if area.proposals_by_date else None
        services.append(
            {
                "name": area.name,
                "level_of_input": area.get_level_of_input_display(),
                "proposals": len(area.proposals_by_date),
                "stage": latest.get_stage_display() if latest else "",
                "step": _step_number(latest.stage) if latest else 0,
            }
        )
    programmes = {scheme.programme_id for scheme in schemes}
    projects = (
        Project.objects.active()
        .filter(programme_id__in=programmes)
        .with_saving()
        .order_by("programme", "order", "name")
    )
    savings = [
        {"name": project.name, "saving": project.planned_saving}
        for project in projects
        if project.planned_saving
    ]
    return {
        "steps": [stage.label for stage in MILESTONE_STEPS],
        "services": services,
        "savings": savings,
        "savings_chart": _savings_chart(savings),
    }


def _step_number(stage):
    """How far along the milestone process (1 to 6); 0 before it or outside it."""
    if stage in MILESTONE_STEPS:
        return MILESTONE_STEPS.index(stage) + 1
    return 0


def _savings_chart(savings):
    """Horizontal bars in whole SVG units, the largest saving the full width."""
    largest = max((row["saving"] for row in savings), default=0)
    bars = []
    for index, row in enumerate(savings):
        width = int(row["saving"] * SAVINGS_CHART_WIDTH / largest) if largest else 0
        bars.append(
            {
                "name": row["name"],
                "saving": row["saving"],
                "y": index * (SAVINGS_BAR_HEIGHT + 8),
                "text_y": index * (SAVINGS_BAR_HEIGHT + 8) + 13,
                "width": max(width, 1),
            }
        )
    return {
        "width": SAVINGS_CHART_WIDTH + 300,
        "height": len(bars) * (SAVINGS_BAR_HEIGHT + 8),
        "bars": bars,
    }
