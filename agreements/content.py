"""What a document to sign says, frozen as JSON-safe text when it is prepared.

Figures are formatted here, once, with the site's own formatting rules: the
content is what the signers read, and its hash is what they sign.
"""

from decimal import Decimal

from django.db.models import Prefetch
from django.utils.formats import date_format

from core.formatting import gbp, gbp_thousands, pence, percent
from funding.calculations import funding_for, population
from funding.models import PaymentKind
from governance.models import Organisation
from programmes.models import FRPTarget


def _pcts(programme):
    return [p for p in programme.partners.all() if p.kind == Organisation.Kind.PCT]


def plan_content(programme, *, scheme=None, responsibilities="", notes=""):
    """The programme's plan as the parties approve it."""
    projects = programme.projects.active().prefetch_related(
        Prefetch("targets", queryset=FRPTarget.objects.active())
    )
    total_saving, share = programme.savings()
    resources = list(programme.resources.active().select_related("project"))
    leads = programme.leads.select_related("organisation")
    content = {
        "name": programme.name,
        "starts_on": date_format(programme.starts_on, "j F Y"),
        "ends_on": date_format(programme.ends_on, "j F Y"),
        "description": programme.description,
        "consortium": programme.consortium.name,
        "pct": " and ".join(p.name for p in _pcts(programme)) or "the PCT",
        "leads": [
            {"name": lead.full_name, "organisation": lead.organisation.name}
            for lead in leads
        ],
        "projects": [
            {
                "name": project.name,
                "targets": [
                    {
                        "code": target.code,
                        "title": target.title,
                        "saving": gbp_thousands(target.planned_saving),
                    }
                    for target in project.targets.all()
                ],
            }
            for project in projects
        ],
        "total_saving": gbp_thousands(total_saving),
        "frp_total_saving": gbp_thousands(programme.frp_total_saving),
        "saving_share": percent(share) if share is not None else "",
        "criteria": [
            {"letter": c.letter, "description": c.description}
            for c in programme.success_criteria.active()
        ],
        "responsibilities": responsibilities.strip(),
        "resources": [
            {"label": r.label, "basis": r.basis, "hours": f"{r.hours.normalize():,f}"}
            for r in resources
        ],
        "total_hours": f"{sum(r.hours for r in resources).normalize():,f}"
        if resources
        else "0",
        "funding": _funding(scheme) if scheme else None,
        "notes": notes.strip(),
    }
    return content


def _funding(scheme):
    """The payments the plan's approval and its success criteria release; an
    achievement payment is agreed after the year's review, not in the plan."""
    patients = population(scheme)
    payments = []
    totals = {"total": Decimal("0"), "practices": Decimal("0"), "reserve": Decimal("0")}
    planned = scheme.payment_kinds.exclude(kind=PaymentKind.Kind.ACHIEVEMENT)
    for kind in planned.order_by("kind"):
        split = funding_for(kind, patients)
        for part in totals:
            totals[part] += getattr(split, part)
        payments.append(
            {
                "kind": kind.get_kind_display(),
                "released_by": kind.released_by,
                "rate": pence(kind.max_rate_per_patient),
                "total": gbp(split.total),
                "practices": gbp(split.practices),
                "reserve": gbp(split.reserve),
            }
        )
    return {
        "scheme": scheme.name,
        "population": f"{patients:,}",
        "practice_share": percent(scheme.practice_share),
        "reserve_share": percent(scheme.reserve_share),
        "payments": payments,
        "total": {part: gbp(amount) for part, amount in totals.items()},
    }


def agreement_content(version, practice, *, consortium):
    """A practice's agreement: the version's text with its fields filled, what
    each party will do, and the documents it signs up on, each with its hash."""
    scheme = version.pack.scheme
    list_size = (
        Organisation.objects.with_list_size(scheme.population_as_at)
        .values_list("list_size", flat=True)
        .get(pk=practice.pk)
    ) or 0
    payments = []
    for kind in scheme.payment_kinds.all():
        split = funding_for(kind, list_size)
        payments.append(
            f"{kind.get_kind_display()}: {pence(kind.max_rate_per_patient)} a patient "
            f"× {list_size:,} = {gbp(split.total)}, of which "
            f"{percent(scheme.practice_share)} ({gbp(split.practices)}) is paid to "
            "the practice"
        )
    term = (
        f"{date_format(scheme.starts_on, 'j F Y')} to "
        f"{date_format(scheme.ends_on, 'j F Y')}"
    )
    fields = {
        "practice": practice.name,
        "code": practice.code or "",
        "list_size": f"{list_size:,}",
        "payments": "; ".join(payments) or "as the scheme sets out",
        "term": term,
        "consortium": consortium.name,
    }
    return {
        "scheme": scheme.name,
        "version": version.number,
        "practice": practice.name,
        "practice_code": practice.code or "",
        "list_size": f"{list_size:,}",
        "list_size_as_at": date_format(scheme.population_as_at, "j F Y"),
        "consortium": consortium.name,
        "consortium_id": consortium.pk,
        "term": term,
        "payments": payments,
        "text": fill_fields(version.agreement_text, fields),
        "practice_undertakes": fill_fields(version.practice_undertakes, fields),
        "consortium_undertakes": fill_fields(version.consortium_undertakes, fields),
        "documents": [
            {
                "title": document.title,
                "kind": "PDF" if document.is_file else "text",
                "file_name": document.file_name,
                "sha256": document.sha256,
            }
            for document in version.documents.all()
        ],
    }


def fill_fields(text, fields):
    for name, value in fields.items():
        text = text.replace("{" + name + "}", value)
    return text
