"""Comments and evidence on a task: who may add them, what is accepted, and how
files are stored and served."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import uploads
from core.models import LogEntry
from programmes.models import Comment, Evidence
from programmes.services import add_evidence
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EVIDENCE_MAX_BYTES = 1000
    return tmp_path


def _upload(client, task, name, content, description="Minutes, May 2006", **extra):
    data = {"description": description, "url": "", **extra}
    if name is not None:
        data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("programmes:add-evidence", args=[task.pk]), data)


def test_an_executive_attaches_a_pdf_stored_privately(client, executive, task, media):
    client.force_login(executive)
    response = _upload(client, task, "minutes.pdf", PDF)
    assert response.status_code == 302
    assert response["Location"] == task.get_absolute_url() + "#evidence"
    evidence = Evidence.objects.get()
    assert (evidence.file_name, evidence.content_type, evidence.size) == (
        "minutes.pdf",
        "application/pdf",
        len(PDF),
    )
    # Under MEDIA_ROOT, in a folder named by a random token.
    stored = Path(evidence.file.path)
    assert stored.read_bytes() == PDF
    assert stored.is_relative_to(media / "evidence")
    assert len(stored.parent.name) >= 20
    assert LogEntry.objects.get().action == "programmes.task.evidence_added"
    page = client.get(task.get_absolute_url()).text
    assert "Minutes, May 2006" in page and "minutes.pdf" in page


@pytest.mark.parametrize(
    "name,content,error",
    [
        ("minutes.pdf", b"<html><script>alert(1)</script>", "whatever its name says"),
        ("run.exe", b"MZ\x90\x00", "whatever its name says"),
        ("minutes.pdf", PNG, "This file is a PNG image, but its name ends otherwise"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_file_is_refused_by_its_content(
    client, executive, task, name, content, error
):
    client.force_login(executive)
    response = _upload(client, task, name, content)
    assert response.status_code == 200
    assert error in response.text
    assert "Minutes, May 2006" in response.text  # what was typed is kept
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(client, executive, task, media):
    client.force_login(executive)
    response = _upload(client, task, "big.pdf", PDF + b"0" * 1000)
    # 1,037 bytes against the limit of 1,000 set above.
    assert "The file is 1.0\xa0KB; the most allowed is 1000\xa0bytes." in response.text
    assert not Evidence.objects.exists()
    assert not any(media.rglob("*.pdf"))


def test_a_link_is_accepted_if_http_or_https(client, executive, task):
    client.force_login(executive)
    ok = _upload(client, task, None, b"", url="https://daccom.example/minutes")
    assert ok.status_code == 302
    refused = _upload(client, task, None, b"", url="javascript:alert(1)")
    assert "Enter a valid URL." in refused.text
    ftp = _upload(client, task, None, b"", url="ftp://daccom.example/minutes")
    assert "Give an http or https address." in ftp.text
    assert list(Evidence.objects.values_list("url", flat=True)) == [
        "https://daccom.example/minutes"
    ]


def test_a_file_or_a_link_but_not_both(client, executive, task):
    client.force_login(executive)
    both = _upload(client, task, "m.pdf", PDF, url="https://daccom.example/m")
    neither = _upload(client, task, None, b"")
    for response in (both, neither):
        assert "Attach a file or give a link (one of the two)." in response.text
    assert not Evidence.objects.exists()


def test_readers_download_the_file_as_an_attachment(
    client, executive, practice_manager, task
):
    client.force_login(executive)
    _upload(client, task, "minutes.pdf", PDF)
    evidence = Evidence.objects.get()
    client.force_login(practice_manager)  # may read the programme
    response = client.get(reverse("programmes:evidence-file", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_outsiders_cannot_download_it(client, executive, task):
    client.force_login(executive)
    _upload(client, task, "minutes.pdf", PDF)
    outsider = factories.user(
        "executive", factories.person(factories.organisation()), username="outsider"
    )
    client.force_login(outsider)
    url = reverse("programmes:evidence-file", args=[Evidence.objects.get().pk])
    assert client.get(url).status_code == 404


def test_a_link_has_no_file_to_download(client, executive, task):
    client.force_login(executive)
    _upload(client, task, None, b"", url="https://daccom.example/m")
    url = reverse("programmes:evidence-file", args=[Evidence.objects.get().pk])
    assert client.get(url).status_code == 404


def test_no_url_serves_the_media_folder(client, executive, task):
    client.force_login(executive)
    _upload(client, task, "minutes.pdf", PDF)
    name = Evidence.objects.get().file.name
    for prefix in ("/media/", "/"):
        assert client.get(prefix + name).status_code == 404


def test_comments_show_newest_first_with_author_and_time(client, executive, task):
    client.force_login(executive)
    url = reverse("programmes:comment", args=[task.pk])
    client.post(url, {"text": "First\x0bline"})  # Word's soft break becomes a line
    response = client.post(url, {"text": "Second"})
    assert response["Location"] == task.get_absolute_url() + "#comments"
    assert [c.text for c in Comment.objects.all()] == ["Second", "First\nline"]
    page = client.get(task.get_absolute_url()).text
    assert page.index("Second") < page.index("First\nline")
    assert executive.get_full_name() in page
    actions = LogEntry.objects.values_list("action", flat=True)
    assert list(actions) == ["programmes.task.commented"] * 2


def test_an_empty_comment_is_refused(client, executive, task):
    client.force_login(executive)
    response = client.post(reverse("programmes:comment", args=[task.pk]), {"text": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Comment.objects.exists()


def test_readers_see_comments_but_no_forms(client, executive, practice_manager, task):
    client.force_login(executive)
    client.post(reverse("programmes:comment", args=[task.pk]), {"text": "Minuted"})
    client.force_login(practice_manager)
    page = client.get(task.get_absolute_url()).text
    assert "Minuted" in page
    assert reverse("programmes:comment", args=[task.pk]) not in page
    assert reverse("programmes:add-evidence", args=[task.pk]) not in page


def test_a_pct_member_may_add_to_a_task_their_pct_leads(
    client, reviewer, objective, pct
):
    pct_task = factories.task(objective, pct)
    client.force_login(reviewer)
    url = reverse("programmes:comment", args=[pct_task.pk])
    assert client.post(url, {"text": "Agreed"}).status_code == 302
    assert Comment.objects.get().author == reviewer


def test_a_very_long_file_name_is_shortened_from_the_front(client, executive, task):
    client.force_login(executive)
    response = _upload(client, task, "m" * 300 + ".pdf", PDF)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.file_name == "m" * 196 + ".pdf"
    assert len(evidence.file.name) <= 300


def test_a_file_whose_record_cannot_be_saved_is_not_left_behind(executive, task, media):
    upload = SimpleUploadedFile("minutes.pdf", PDF)
    with pytest.raises(ValidationError):
        add_evidence(
            task, description="", user=executive, upload=upload, kind=uploads.PDF
        )
    assert not Evidence.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))
