"""The DES review as a PDF, rendered by WeasyPrint from the page's template."""

from django.template.loader import render_to_string
from django.utils.text import slugify
from weasyprint import HTML


def render_review_pdf(programme, objectives, totals):
    html = render_to_string(
        "programmes/pdf/review.html",
        {"programme": programme, "objectives": objectives, "totals": totals},
    )
    content = HTML(string=html).write_pdf()
    filename = f"review-{slugify(programme.name)}.pdf"
    return filename, "application/pdf", content
