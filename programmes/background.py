"""Work done outside web requests, by `manage.py db_worker` (django-tasks)."""

from django_tasks import task

from core.rendering import render_in_background
from programmes.models import Programme
from programmes.pdf import render_review_file


@task()
def render_review(job_id):
    """Render a programme's review PDF for core.rendering's job `job_id`."""
    render_in_background(job_id, _render_review)


def _render_review(programme):
    # The job holds a bare Programme: load what the review shows with it.
    programme = Programme.objects.select_related("consortium").get(pk=programme.pk)
    return render_review_file(programme)
