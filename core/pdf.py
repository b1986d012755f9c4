"""PDFs: HTML from `templates/<app>/pdf/` rendered by WeasyPrint, one print stylesheet.

A PDF template extends "core/pdf/base.html". Its context names the organisation
and the document's own date (`document_date`, with `document_date_label`), which
the header of every page shows. Nothing in a PDF may depend on the time it is
rendered: the same facts give the same bytes.
"""

from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, URLFetcher

STYLESHEET = "core/pdf.css"
REQUIRED_CONTEXT = ("organisation", "document_date")


def render_pdf(template_name, context):
    """The template rendered as PDF bytes, with the base print stylesheet."""
    missing = [name for name in REQUIRED_CONTEXT if context.get(name) is None]
    if missing:
        raise ValueError(f"A PDF needs {', '.join(missing)} in its context.")
    html = render_to_string(template_name, context)
    # A PDF holds only what its template writes: text from users must not make the
    # server fetch a URL or read a file. Inline data: URLs (e.g. a logo) are fine.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    return document.write_pdf(stylesheets=[CSS(filename=_stylesheet_path())])


def _stylesheet_path():
    # The source file, found as collectstatic finds it: no web server needed.
    path = finders.find(STYLESHEET)
    if path is None:
        raise ImproperlyConfigured(f"The PDF stylesheet {STYLESHEET} is missing.")
    return path
