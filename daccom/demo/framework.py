"""The governance framework's part of the demo (framework.toml): a framework with
illustrative areas and targets, qualifying for Level 3, and the interim funding
at Level 3 to the end of June 2007."""

from daccom.demo.loader import create_missing, money
from governance.models import (
    Framework,
    FrameworkArea,
    FrameworkLevel,
    FrameworkTarget,
    InterimFunding,
    TargetPosition,
)


def load(report, data, context):
    row = data["framework"]
    framework = create_missing(
        report,
        Framework,
        {
            "consortium": context.organisations[row["consortium"]],
            "name": row["name"],
            "version": row["version"],
        },
        {
            "pct": context.organisations[row["pct"]],
            "effective_from": row["effective_from"],
            "notes": row["notes"],
        },
    )
    for level in data["levels"]:
        create_missing(
            report,
            FrameworkLevel,
            {"framework": framework, "number": level["number"]},
            {
                "name": level["name"],
                "description": level["description"],
                "funding_per_patient": money(level["funding_per_patient"]),
                "funding_note": level["funding_note"],
            },
        )
    for funding in data["interim_funding"]:
        create_missing(
            report,
            InterimFunding,
            {
                "framework": framework,
                "level": funding["level"],
                "starts_on": funding["starts_on"],
            },
            {
                "ends_on": funding["ends_on"],
                "targets_due_by": funding["targets_due_by"],
                "warn_days_before": funding["warn_days_before"],
                "notes": funding["notes"],
            },
        )
    for order, area_row in enumerate(data["areas"], start=1):
        area = create_missing(
            report,
            FrameworkArea,
            {"framework": framework, "name": area_row["name"]},
            {
                "order": order,
                "description": "Illustrative: invented for the demo (the seeds give "
                "the rule, not the areas).",
            },
        )
        for target_row in area_row["targets"]:
            target = create_missing(
                report,
                FrameworkTarget,
                {"area": area, "code": target_row["code"]},
                {
                    "title": target_row["title"],
                    "level": target_row["level"],
                    "description": "Illustrative target, invented for the demo.",
                },
            )
            create_missing(
                report,
                TargetPosition,
                {"target": target},
                {
                    "status": target_row["status"],
                    "evidence": target_row.get("evidence", ""),
                    "plan": target_row.get("plan", ""),
                    "plan_due": target_row.get("plan_due"),
                },
            )
