"""The demo's 2006/7 review, agreed: exactly the seed review's figures (worked by
hand in tests/programmes/test_demo_figures.py) and its task wording as written."""

import io

from django.urls import reverse
from pypdf import PdfReader

from core.formatting import achievement, pence
from funding.models import AgreedInstalment, PaymentKind, PaymentRelease
from programmes.models import Task
from reports.models import AchievementReview
from reports.review_content import display

# The seed review's summary: % achieved, % not achieved due to DacCom, due to PCT
# or other (objectives 3, 5, 6 and 8 as the review assesses them).
SUMMARY = {
    1: ("100%", "0%", "0%"),
    2: ("100%", "0%", "0%"),
    3: ("30%", "0%", "70%"),
    4: ("100%", "0%", "0%"),
    5: ("40%", "0%", "60%"),
    6: ("30%", "0%", "70%"),
    7: ("100%", "0%", "0%"),
    8: ("100%", "0%", "0%"),
}
# Task wordings transcribed from the seed review (objective 1 and 3).
SEED_TASKS = [
    (
        1,
        "Establish a mechanism for the Executive to report to and be held to "
        "account by the member practices",
        "Yes – Locality meetings and “Hot Topics”",
    ),
    (
        1,
        "Establish the corporate governance arrangements",
        "Yes – incorporated as a limited company with directors",
    ),
    (
        1,
        "Agree a commissioning plan with the PCT reflecting the priorities of the PCT",
        None,
    ),
    (
        3,
        "Undertake financial/activity analysis, assess viability and agree a "
        "commissioning process to select preferred provider",
        "Stopped by new PCT at this stage",
    ),
]


def _review(pilot):
    return AchievementReview.objects.select_related("sealed").get(programme=pilot)


def test_the_demo_review_is_agreed_with_the_seed_figures(pilot):
    review = _review(pilot)
    assert review.state == "agreed"
    shown = display(review.sealed.snapshot["review"])
    rows = {
        o["number"]: tuple(
            achievement(o["shown"][p])
            for p in ("achieved", "short_consortium", "short_other")
        )
        for o in shown["objectives"]
    }
    assert rows == SUMMARY
    totals = shown["totals"]
    assert achievement(totals["achieved"]) == "67%"
    assert achievement(totals["not_achieved"]) == "32%"
    payment = shown["payment"]
    assert pence(payment["earned_per_patient"]) == "64p"
    assert pence(payment["max_per_patient"]) == "95p"
    assert [pence(i["rate_per_patient"]) for i in payment["instalments"]] == [
        "64p",
        "31p",
    ]
    assert sum(len(o["tasks"]) for o in shown["objectives"]) == 63


def test_every_task_is_worded_as_written(pilot):
    shown = display(_review(pilot).sealed.snapshot["review"])
    by_objective = {o["number"]: o["tasks"] for o in shown["objectives"]}
    for number, description, note in SEED_TASKS:
        task = next(t for t in by_objective[number] if t["description"] == description)
        if note:
            assert note in (task["note"] or task["status"])
    stored = list(
        Task.objects.filter(objective__programme=pilot)
        .order_by("objective__number", "order", "pk")
        .values_list("description", flat=True)
    )
    frozen = [t["description"] for o in shown["objectives"] for t in o["tasks"]]
    assert frozen == stored


def test_the_demo_instalments_are_not_recorded_twice(pilot):
    kind = PaymentKind.objects.get(scheme__programme=pilot, kind="achievement")
    assert kind.instalments.count() == 2
    review = _review(pilot)
    assert set(review.agreed_instalments.all()) == set(kind.instalments.all())
    assert PaymentRelease.objects.filter(payment_kind=kind).count() == 1
    assert AgreedInstalment.objects.filter(payment_kind=kind).count() == 2


def test_the_agreed_pdf_reads_as_the_seed(pilot, client, pilot_reviewer):
    review = _review(pilot)
    client.force_login(pilot_reviewer)
    response = client.get(reverse("review:pdf", args=[review.pk]))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    # Words only: the layout wraps lines where the columns are narrow.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert 4 <= len(reader.pages) <= 8
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "As at 31 March 2007" in text
    for phrase in (
        "67% achievement",
        "Represents 32% non-",
        "64p per patient",
        "31p per patient",
        "Stopped by new PCT",
        "incorporated as a limited company with directors",
        "Mark Jones",
        "John Phipps",
    ):
        assert phrase in text, phrase


def test_a_later_task_edit_changes_nothing_in_the_agreed_review(pilot, client):
    review = _review(pilot)
    stored = review.sealed.file.read()
    snapshot = review.sealed.snapshot
    Task.objects.filter(objective__programme=pilot).update(status="to_do")
    review = _review(pilot)
    assert review.sealed.snapshot == snapshot
    assert review.sealed.file.open("rb").read() == stored
