import io

from django.urls import reverse
from pypdf import PdfReader

from programmes.models import Task

PILOT = "PbC pilot programme 2006/7"


def _get(client, programme):
    return client.get(reverse("programmes:review-pdf", args=[programme.pk]))


def _pages(response):
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def _flat(text):
    """The text as one line: table cells wrap, some after a hyphen."""
    return " ".join(text.replace("-\n", "-").split())


def test_it_downloads_under_the_programmes_name(client, pilot, pilot_reviewer):
    client.force_login(pilot_reviewer)
    response = _get(client, pilot)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="review-pbc-pilot-2006-07.pdf"'
    )


def test_it_shows_the_reviews_figures(client, pilot, pilot_reviewer):
    client.force_login(pilot_reviewer)
    text = _flat(" ".join(_pages(_get(client, pilot))))
    # README: (8/8 + 10/10 + 4/13 + 4/4 + 6/13 + 1/3 + 5/5 + 2/7) / 8 = 67.35%,
    # 95p × 67.35% = 64p earned, 31p short.
    assert "67% achievement" in text
    assert "Represents 32% non-achievement" in text
    assert "Total achievement of 95p per patient" in text
    assert "64p per patient" in text and "31p per patient" in text
    assert "3. COPD and Heart Failure service redesign" in text


def test_every_page_has_the_header_and_its_number(client, pilot, pilot_reviewer):
    client.force_login(pilot_reviewer)
    pages = _pages(_get(client, pilot))
    count = len(pages)
    assert count >= 3  # 63 tasks in eight tables
    for number, text in enumerate(pages, start=1):
        assert "DacCom PbC Ltd Programme year ending 31 March 2007" in text
        assert f"Page {number} of {count}" in text
    assert "Review of progress against objectives" in pages[0]
    last = (
        Task.objects.filter(objective__programme=pilot)
        .order_by("objective__number", "order")
        .last()
    )
    assert _flat(last.description) in _flat(pages[-1])
    assert _flat(last.description) not in _flat(pages[0])


def test_the_same_review_gives_the_same_bytes_on_another_day(
    client, pilot, pilot_reviewer, time_machine
):
    client.force_login(pilot_reviewer)
    time_machine.move_to("2007-04-02 10:00 +01:00", tick=False)
    first = _get(client, pilot).content
    time_machine.move_to("2007-11-20 16:45 +00:00", tick=False)
    client.force_login(pilot_reviewer)
    assert _get(client, pilot).content == first
    assert "produced" not in " ".join(_pages(_get(client, pilot)))
