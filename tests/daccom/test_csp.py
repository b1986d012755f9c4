"""The Content Security Policy: on every page, and nothing inline for it to block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from programmes.models import Objective, Programme, Task

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# WeasyPrint renders these to PDF; no browser ever loads them.
PDF_TEMPLATES = "pdf"

STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc\s*=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _policy(response):
    return response.headers["Content-Security-Policy"]


def test_a_signed_in_page_carries_the_policy(client, executive):
    client.force_login(executive)

    response = client.get(reverse("programmes:dashboard"))

    assert response.status_code == 200
    directives = dict(
        part.strip().split(" ", 1) for part in _policy(response).split(";")
    )
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["base-uri"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "script-src" not in directives  # default-src 'self' applies
    assert "style-src" not in directives
    assert "'unsafe-inline'" not in _policy(response)
    assert "'unsafe-eval'" not in _policy(response)


def test_the_sign_in_page_carries_the_policy(client):
    response = client.get(reverse("login"))

    assert "'unsafe-inline'" not in _policy(response)


def _page_templates():
    return [
        path
        for path in sorted(TEMPLATES_DIR.rglob("*.html"))
        if PDF_TEMPLATES not in path.relative_to(TEMPLATES_DIR).parts
    ]


@pytest.mark.parametrize(
    "path", _page_templates(), ids=lambda p: str(p.relative_to(TEMPLATES_DIR))
)
def test_no_template_has_inline_style_or_script(path):
    text = path.read_text(encoding="utf-8")

    assert not STYLE_ATTRIBUTE.search(text), "style= attribute: use static/css"
    assert not STYLE_ELEMENT.search(text), "<style> element: use static/css"
    assert not INLINE_SCRIPT.search(text), "<script> without src: use static/js"
    assert not EVENT_HANDLER.search(text), "on…= handler: use static/js"


def test_the_page_templates_are_found():
    assert len(_page_templates()) > 10


def test_rendered_pages_have_no_inline_style_or_script(client, pilot):
    """Also what crispy-forms and django-tables2 add to our templates."""
    client.force_login(get_user_model().objects.get(username="mjones"))
    programme = Programme.objects.first()
    objective = Objective.objects.filter(notes__gt="").first()
    task = Task.objects.first()
    urls = [
        reverse("programmes:dashboard"),
        reverse("programmes:programmes"),
        reverse("programmes:programme", args=[programme.pk]),
        reverse("programmes:achievement", args=[programme.pk]),
        reverse("programmes:tasks", args=[programme.pk]),
        reverse("programmes:review", args=[programme.pk]),
        reverse("programmes:objective", args=[objective.pk]),
        reverse("programmes:task", args=[task.pk]),
        reverse("programmes:edit-task", args=[task.pk]),
    ]

    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert not STYLE_ATTRIBUTE.search(html), url
        assert not STYLE_ELEMENT.search(html), url
        assert not INLINE_SCRIPT.search(html), url
        assert not EVENT_HANDLER.search(html), url
