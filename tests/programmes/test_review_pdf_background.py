"""A large programme's review PDF renders in the background and is served from
storage; a small one still renders in the request (issue #14)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.models import RenderedFile
from governance.models import Organisation
from governance.roles import Role
from programmes.models import TaskStatus
from programmes.pdf import review_state
from tests import factories

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
THRESHOLD = 3  # more tasks than this render in the background


@pytest.fixture(autouse=True)
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.REVIEW_PDF_BACKGROUND_ABOVE_TASKS = THRESHOLD


@pytest.fixture
def large(programme, consortium, pct):
    """Four tasks: one more than the threshold."""
    objective = factories.objective(programme, number=1, title="Prescribing")
    factories.tasks(objective, consortium, ["done", "to_do", "tbc"])
    factories.tasks(objective, pct, ["in_progress"])
    return programme


@pytest.fixture
def queued(settings):
    """Jobs wait in the database until a worker runs them."""
    settings.TASKS = DATABASE_BACKEND


def _pdf(client, programme):
    return client.get(reverse("programmes:review-pdf", args=[programme.pk]))


def _status(client, programme, **headers):
    return client.get(
        reverse("programmes:review-pdf-status", args=[programme.pk]), **headers
    )


def _body(response):
    return b"".join(response.streaming_content)


def _run_worker():
    """The worker, as `make run` starts it; it needs committed rows (the tests that
    run it use transaction=True), as its connection handling ends a test's
    transaction."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def test_a_small_review_renders_in_the_request(client, programme, consortium, reviewer):
    objective = factories.objective(programme, number=1)
    factories.tasks(objective, consortium, ["done", "to_do", "tbc"])  # 3: not above
    client.force_login(reviewer)
    response = _pdf(client, programme)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert not RenderedFile.objects.exists()


def test_a_large_review_is_queued_and_shows_its_progress(
    client, large, reviewer, queued
):
    client.force_login(reviewer)
    response = _pdf(client, large)
    status_url = reverse("programmes:review-pdf-status", args=[large.pk])
    assert response.status_code == 302 and response["Location"] == status_url
    job = RenderedFile.objects.get()
    assert job.status == RenderedFile.Status.QUEUED
    assert job.subject == large and job.requested_by == reviewer
    assert job.task_id  # the django-tasks result it waits as

    page = _status(client, large)
    assert "Waiting to be prepared" in page.text
    # htmx asks again every 2 s; without JavaScript, a plain link does.
    assert 'hx-trigger="every 2s"' in page.text
    assert f'href="{status_url}"' in page.text
    # Asking again while it waits queues nothing more.
    assert _pdf(client, large).status_code == 302
    assert RenderedFile.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_once_rendered_the_download_comes_from_storage(client, large, reviewer, queued):
    client.force_login(reviewer)
    _pdf(client, large)
    _run_worker()
    job = RenderedFile.objects.get()
    assert job.status == RenderedFile.Status.DONE

    fragment = _status(client, large, HTTP_HX_REQUEST="true")
    assert "The review PDF is ready" in fragment.text
    assert "hx-trigger" not in fragment.text  # the polling stops
    first, second = _pdf(client, large), _pdf(client, large)
    assert first["Content-Disposition"] == (
        f'attachment; filename="review-{large.slug}.pdf"'
    )
    assert first["X-Content-Type-Options"] == "nosniff"
    assert first["Content-Type"] == "application/pdf"
    with job.file.open("rb") as stored:
        content = stored.read()
    assert _body(first) == _body(second) == content
    assert "Prescribing" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert RenderedFile.objects.count() == 1  # nothing rendered again


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_changed_task_makes_the_stored_pdf_stale(
    client, large, reviewer, executive, queued
):
    client.force_login(reviewer)
    _pdf(client, large)
    _run_worker()
    task = large.objectives.get().tasks.get(status=TaskStatus.TO_DO)
    task.status = TaskStatus.DONE
    task.save()

    response = _pdf(client, large)
    assert response.status_code == 302  # not the old file
    old, new = RenderedFile.objects.order_by("created_at", "pk")
    assert new.status == RenderedFile.Status.QUEUED
    assert new.fingerprint != old.fingerprint
    _run_worker()
    assert [job.pk for job in RenderedFile.objects.all()] == [new.pk]  # old removed
    assert _pdf(client, large).status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_stale_pdf_is_offered_to_be_prepared_again(client, large, reviewer, queued):
    client.force_login(reviewer)
    _pdf(client, large)
    _run_worker()
    objective = large.objectives.get()
    objective.comment = "Agreed at the review meeting"
    objective.save()
    page = _status(client, large)
    assert "The programme has changed since the last PDF was prepared" in page.text
    response = client.post(reverse("programmes:review-pdf-status", args=[large.pk]))
    assert response.status_code == 302
    assert RenderedFile.objects.filter(status=RenderedFile.Status.QUEUED).count() == 1


def test_a_failed_render_says_so_and_can_be_tried_again(
    client, large, reviewer, monkeypatch
):
    def broken(template_name, context):
        raise RuntimeError("WeasyPrint ran out of memory")

    monkeypatch.setattr("programmes.pdf.render_pdf", broken)
    client.force_login(reviewer)
    response = _pdf(client, large)  # the immediate backend runs it at once
    assert response.status_code == 302
    job = RenderedFile.objects.get()
    assert job.status == RenderedFile.Status.FAILED
    assert job.error == "RuntimeError: WeasyPrint ran out of memory"
    page = _status(client, large)
    assert "could not be prepared" in page.text and "Try again" in page.text
    assert "out of memory" not in page.text  # the details stay in the admin
    # A failed job is not retried behind the user's back.
    assert _pdf(client, large).status_code == 302
    assert RenderedFile.objects.count() == 1

    monkeypatch.undo()
    client.post(reverse("programmes:review-pdf-status", args=[large.pk]))
    assert RenderedFile.objects.latest("created_at").status == "done"
    assert _pdf(client, large).status_code == 200


def test_the_fingerprint_follows_what_the_review_shows(large, consortium):
    before = review_state(large)
    assert review_state(large) == before
    assert before.task_count == 4
    objective = large.objectives.get()
    objective.title = "Prescribing and referrals"
    objective.save()
    renamed = review_state(large)
    assert renamed.fingerprint != before.fingerprint
    factories.task(objective, consortium)
    added = review_state(large)
    assert added.task_count == 5 and added.fingerprint != renamed.fingerprint
    objective.tasks.last().delete()
    assert review_state(large).fingerprint != added.fingerprint


def test_outsiders_never_reach_a_stored_pdf(client, large, reviewer):
    client.force_login(reviewer)
    assert _pdf(client, large).status_code == 200  # rendered and stored
    other = factories.organisation(Organisation.Kind.CONSORTIUM)
    client.force_login(factories.user(Role.EXECUTIVE, factories.person(other)))
    assert _pdf(client, large).status_code == 404
    assert _status(client, large).status_code == 404


@pytest.mark.parametrize("size", [4, 40])
def test_queries_stay_bounded(
    client, programme, consortium, reviewer, size, django_assert_max_num_queries
):
    objective = factories.objective(programme, number=1)
    factories.tasks(objective, consortium, ["done"] * size)
    client.force_login(reviewer)
    assert _pdf(client, programme).status_code == 200  # rendered and stored
    with django_assert_max_num_queries(8):
        body = _body(_pdf(client, programme))  # from storage
    assert body.startswith(b"%PDF")
    with django_assert_max_num_queries(8):
        assert _status(client, programme).status_code == 200
