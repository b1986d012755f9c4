"""The demo's funding schemes (funding.toml): the 2006/7 DES and the 2007/8 LES."""

from daccom.demo.loader import create_missing, money
from funding.models import AgreedInstalment, FundingScheme, Participation, PaymentKind
from governance.models import PracticeListSize


def load(report, data, context):
    sizes = data["list_sizes"]
    for key, size in sizes["sizes"].items():
        create_missing(
            report,
            PracticeListSize,
            {"practice": context.organisations[key], "month": sizes["month"]},
            {"size": size},
        )
    for row in data["schemes"]:
        _load_scheme(report, row, context)


def _load_scheme(report, row, context):
    scheme = create_missing(
        report,
        FundingScheme,
        {"name": row["name"]},
        {
            "kind": row["kind"],
            "programme": context.programmes[row["programme"]],
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "population_as_at": row["population_as_at"],
            "practice_share": money(row["practice_share"]),
            "notes": row["notes"],
        },
    )
    kinds = {}
    for kind_row in row["payment_kinds"]:
        kind = kinds[kind_row["kind"]] = create_missing(
            report,
            PaymentKind,
            {"scheme": scheme, "kind": kind_row["kind"]},
            {
                "max_rate_per_patient": money(kind_row["max_rate_per_patient"]),
                "in_place_of": kinds.get(kind_row.get("in_place_of", "")),
                "notes": kind_row["notes"],
            },
        )
        for instalment in kind_row.get("instalments", []):
            create_missing(
                report,
                AgreedInstalment,
                {"payment_kind": kind, "order": instalment["order"]},
                {
                    "rate_per_patient": money(instalment["rate_per_patient"]),
                    "reason": instalment["reason"],
                    "agreed_on": instalment["agreed_on"],
                    "notes": instalment["notes"],
                },
            )
    for group in row.get("participations", []):
        for key in group["practices"]:
            create_missing(
                report,
                Participation,
                {"scheme": scheme, "practice": context.organisations[key]},
                {
                    "status": group["status"],
                    "confirmed_on": group.get("confirmed_on"),
                    "notes": group["notes"],
                },
            )
