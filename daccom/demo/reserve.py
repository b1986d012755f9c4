"""The demo's reserve (reserve.toml): the DES 2006/7 scheme if no other part made
it, its hourly rate, the aspiration payment's release, a contract with a key
person and invoices in every state, moved through the site's own services so
that each has its history and action log. Only adds what is missing."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from daccom.demo.loader import CHANGE_REASON, create_missing, money
from funding.models import (
    FundingScheme,
    Invoice,
    KeyPersonContract,
    Participation,
    PaymentKind,
    PaymentRelease,
)
from funding.services import move_invoice, submit_invoice
from governance.models import Organisation

INVENTED = "Invented for the demo: the seeds give no invoices."


def load(report, data, context):
    row = data["scheme"]
    programme = context.programmes[row["programme"]]
    scheme = create_missing(
        report,
        FundingScheme,
        {"name": row["name"]},
        {
            "kind": row["kind"],
            "programme": programme,
            "starts_on": row["starts_on"],
            "ends_on": row["ends_on"],
            "population_as_at": row["population_as_at"],
            "practice_share": money(row["practice_share"]),
            "hourly_rate": money(row["hourly_rate"]),
            "notes": row["notes"],
        },
    )
    if scheme.hourly_rate is None:
        # Made by another part of the demo, without the rate: fill it in once.
        scheme.hourly_rate = money(row["hourly_rate"])
        scheme._change_reason = CHANGE_REASON
        scheme.save(update_fields=["hourly_rate"])
    _participations(report, scheme, programme, row["participation_confirmed_on"])
    kinds = {
        kind["kind"]: create_missing(
            report,
            PaymentKind,
            {"scheme": scheme, "kind": kind["kind"]},
            {"max_rate_per_patient": money(kind["max_rate_per_patient"])},
        )
        for kind in data["payment_kinds"]
    }
    release = data["release"]
    create_missing(
        report,
        PaymentRelease,
        {"payment_kind": kinds[release["kind"]]},
        {"released_on": release["released_on"], "because": release["because"]},
    )
    contracts = [
        create_missing(
            report,
            KeyPersonContract,
            {"scheme": scheme, "person": context.people[item["person"]]},
            {
                "role": item["role"],
                "hours_per_year": money(item["hours_per_year"]),
                "rate": money(item["rate"]),
                "starts_on": item["starts_on"],
                "ends_on": item["ends_on"],
                "notes": item["notes"],
            },
        )
        for item in data["contracts"]
    ]
    if context.with_users:
        _invoices(report, scheme, data["invoices"], context, contracts)


def _participations(report, scheme, programme, confirmed_on):
    practices = (
        Organisation.objects.practices()
        .filter(member_of=programme.consortium, list_sizes__isnull=False)
        .distinct()
    )
    for practice in practices:
        create_missing(
            report,
            Participation,
            {"scheme": scheme, "practice": practice},
            {
                "status": Participation.Status.CONFIRMED,
                "confirmed_on": confirmed_on,
                "notes": "Date of confirmation invented for the demo.",
            },
        )


def _invoices(report, scheme, rows, context, contracts):
    users = get_user_model().objects.in_bulk(
        ["mjones", "jphipps"], field_name="username"
    )
    executive, pct = users.get("mjones"), users.get("jphipps")
    if executive is None or pct is None:
        return
    projects = {project.name: project for project in scheme.programme.projects.all()}
    contract_of = {contract.person_id: contract for contract in contracts}
    for row in rows:
        if Invoice.objects.filter(scheme=scheme, number=row["number"]).exists():
            report.existing += 1
            continue
        source = row["from"]
        person = context.people.get(source)
        hours = money(row["hours"])
        fields = {
            "number": row["number"],
            "person": person,
            "practice": None if person else context.organisations[source],
            "project": projects.get(row.get("project", "")),
            "meeting": row.get("meeting", ""),
            "meeting_on": row.get("meeting_on"),
            "contract": contract_of.get(person.pk) if row.get("contract") else None,
            "invoice_date": row["invoice_date"],
            "hours": hours,
            "rate": scheme.hourly_rate,
            "amount": money(row["amount"]),
            "description": " ".join(
                part for part in (row.get("description", ""), INVENTED) if part
            ),
        }
        upload = SimpleUploadedFile(
            f"{row['number']}.pdf", _demo_pdf(_invoice_lines(fields, scheme))
        )
        invoice = submit_invoice(scheme, fields=fields, user=executive, upload=upload)
        report.created += 1
        for name, detail in row["moves"]:
            paid_on = datetime.date.fromisoformat(detail) if name == "pay" else None
            move_invoice(
                invoice,
                name,
                user=pct if name == "pay" else executive,
                reason=detail if name != "pay" else "",
                paid_on=paid_on,
            )


def _invoice_lines(fields, scheme):
    who = fields["person"] or fields["practice"]
    work = fields["project"] or f"{fields['meeting']}, {fields['meeting_on']:%-d %B %Y}"
    return [
        f"Invoice {fields['number']}",
        f"From: {who}",
        f"To: {scheme.programme.consortium}",
        f"Date: {fields['invoice_date']:%-d %B %Y}",
        f"For: {work}",
        f"{fields['hours']} hours at £{fields['rate']} an hour: £{fields['amount']}",
        "Invented for the demo: the seeds give no invoices.",
    ]


def _demo_pdf(lines):
    """A one-page PDF showing `lines` of plain text, written by hand (no renderer:
    the demo loads in every test that uses it)."""
    text = (
        "BT /F1 12 Tf 72 760 Td 16 TL "
        + " ".join(
            "(" + line.replace("\\", "").replace("(", "[").replace(")", "]") + ") '"
            for line in lines
        )
        + " ET"
    )
    stream = text.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
