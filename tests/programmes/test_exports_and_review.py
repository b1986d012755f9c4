import csv
import io

from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook
from weasyprint import HTML

from programmes.models import Objective, Programme, Task
from programmes.pdf import render_review_pdf


def _pilot():
    return Programme.objects.get(name="PbC pilot programme 2006/7")


def test_the_achievement_csv_has_the_reviews_columns(client, demo, reviewer):
    client.force_login(reviewer)
    response = client.get(
        reverse("programmes:achievement", args=[_pilot().pk]), {"_export": "csv"}
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="achievement-pbc-pilot-2006-07.csv"'
    )
    assert response.content.startswith("\ufeff".encode())  # Excel: it is UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == [
        "No.",
        "Objective",
        "% achieved",
        "% not achieved due to DacCom",
        "% not achieved due to PCT or other",
        "Comment",
    ]
    assert rows[3][:6] == [
        "3",
        "COPD and Heart Failure service redesign",
        "30.00",
        "0.00",
        "70.00",
        "Stopped by new PCT",
    ]
    assert rows[3][6] == "30.77"  # as computed from the tasks
    assert rows[9][1:5] == ["Total % achievement", "67.35", "8.24", "24.40"]
    assert len(rows) == 10


def test_the_task_xlsx_holds_every_task(client, demo, reviewer):
    client.force_login(reviewer)
    objective = Objective.objects.get(programme=_pilot(), number=5)
    response = client.get(
        reverse("programmes:objective", args=[objective.pk]), {"_export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("#", "Task", "Responsibility", "Status")
    assert len(rows) == 1 + 13
    assert any("Currently underway" in row for row in rows)


def test_exports_defuse_spreadsheet_formulas(client, executive, task):
    task.note = '=HYPERLINK("http://evil")'
    task.save()
    client.force_login(executive)
    response = client.get(
        reverse("programmes:objective", args=[task.objective.pk]), {"_export": "csv"}
    )
    assert "'=HYPERLINK" in response.content.decode()


def test_an_unknown_export_format_shows_the_page(client, executive, task):
    client.force_login(executive)
    response = client.get(
        reverse("programmes:objective", args=[task.objective.pk]), {"_export": "exe"}
    )
    assert response["Content-Type"].startswith("text/html")


def test_the_review_page_has_the_summary_and_every_task(client, demo, practice_manager):
    client.force_login(practice_manager)
    page = client.get(reverse("programmes:review", args=[_pilot().pk])).text
    assert "67% achievement" in page
    assert "Represents 32% non-achievement" in page
    assert "64p per patient" in page and "31p per patient" in page
    descriptions = Task.objects.filter(objective__programme=_pilot()).values_list(
        "description", flat=True
    )
    assert len(descriptions) == 63
    for description in descriptions:
        assert escape(description) in page


def test_the_review_pdf_runs_over_several_pages(client, demo, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("programmes:review-pdf", args=[_pilot().pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="review-pbc-pilot-2006-07.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_the_review_pdf_renders_the_review(demo):
    programme = _pilot()
    objectives = Objective.objects.filter(programme=programme).with_achievement()
    filename, content_type, content = render_review_pdf(
        programme, objectives, programme.achievement()
    )
    assert content.startswith(b"%PDF") and filename.endswith(".pdf")
    from django.template.loader import render_to_string

    html = render_to_string(
        "programmes/pdf/review.html",
        {
            "programme": programme,
            "objectives": objectives,
            "totals": programme.achievement(),
        },
    )
    assert len(HTML(string=html).render().pages) >= 3
