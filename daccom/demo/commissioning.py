"""The business plan and the gatekeeper's part of the demo (commissioning.toml):
the service areas, the prescribing roles, the gatekeeper's criteria and the Tring
physiotherapy request, deferred at the meeting of 22 February 2007."""

from commissioning.models import (
    CriterionCheck,
    GatekeeperCriterion,
    Proposal,
    ProposalStep,
    ServiceArea,
    ServiceRole,
)
from daccom.demo.loader import create_missing, money


def load(report, data, context):
    consortium = context.organisations[data["consortium"]]
    people = context.people
    areas = {}
    for order, row in enumerate(data["service_areas"], start=1):
        area = areas[row["name"]] = create_missing(
            report,
            ServiceArea,
            {"consortium": consortium, "name": row["name"]},
            {
                "order": order,
                "level_of_input": row["level_of_input"],
                "clinical_lead": people.get(row.get("clinical_lead", "")),
                "management_lead": people.get(row.get("management_lead", "")),
                "notes": row["notes"],
            },
        )
        for role_order, role in enumerate(row.get("roles", []), start=1):
            create_missing(
                report,
                ServiceRole,
                {
                    "service_area": area,
                    "party": role["party"],
                    "description": role["description"],
                },
                {"order": role_order},
            )
    criteria = [
        create_missing(
            report,
            GatekeeperCriterion,
            {"consortium": consortium, "text": row["text"]},
            {"order": order, "notes": row["notes"]},
        )
        for order, row in enumerate(data["criteria"], start=1)
    ]
    for row in data["proposals"]:
        _load_proposal(report, row, consortium, context, areas, criteria)


def _load_proposal(report, row, consortium, context, areas, criteria):
    proposal = Proposal.objects.filter(
        consortium=consortium, title=row["title"]
    ).first()
    if proposal is not None:
        report.existing += 1
        return
    people = context.people
    proposal = create_missing(
        report,
        Proposal,
        {"consortium": consortium, "title": row["title"]},
        {
            "raised_by": row["raised_by"],
            "raised_by_organisation": context.organisations.get(
                row["raised_by_organisation"]
            ),
            "received_by": people[row["received_by"]],
            "delegate": people.get(row.get("delegate", "")),
            "recommendation": row.get("recommendation", ""),
            "recommendation_reason": row.get("recommendation_reason", ""),
            "clinical_lead": people.get(row.get("clinical_lead", "")),
            "management_lead": people.get(row.get("management_lead", "")),
            "funding_decision": row.get("funding_decision", ""),
            "funding_amount": money(row.get("funding_amount")),
            "received_on": row["received_on"],
            "service_area": areas[row["service_area"]],
            "request": row["request"],
            "notes": row["notes"],
            "stage": row["stage"],
            "decision": row["decision"],
            "decided_on": row["decided_on"],
            "minute_number": row["minute_number"],
            "decision_reason": row["decision_reason"],
        },
    )
    for check in row["checks"]:
        create_missing(
            report,
            CriterionCheck,
            {"proposal": proposal, "criterion": criteria[check["criterion"] - 1]},
            {"met": check["met"], "note": check["note"]},
        )
    for step in row["steps"]:
        create_missing(
            report,
            ProposalStep,
            {"proposal": proposal, "action": step["action"], "on": step["on"]},
            {
                "from_stage": step["from_stage"],
                "to_stage": step["to_stage"],
                "note": step["note"],
            },
        )
