"""The DES review as a PDF: the review page's body on the shared PDF layout."""

from core.pdf import render_pdf


def render_review_pdf(programme, objectives, totals):
    """Filename, content type and bytes of the programme's review.

    The header's date is the programme's end: the review reports on that year,
    and a date taken from the clock would make the same review differ day to day.
    """
    context = {
        "organisation": programme.consortium.name,
        "document_date": programme.ends_on,
        "document_date_label": "Programme year ending",
        "programme": programme,
        "objectives": objectives,
        "totals": totals,
    }
    content = render_pdf("programmes/pdf/review.html", context)
    return f"review-{programme.slug}.pdf", "application/pdf", content
