"""Discussion and evidence on a task: comments, files and links."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from core.access import get_object_for_user, get_rw_object_for_user
from programmes.forms import CommentForm, EvidenceForm
from programmes.models import Evidence
from programmes.services import add_comment, add_evidence
from programmes.views.tasks import _tasks, render_task_page


@require_POST
def comment_on_task(request, pk):
    task = get_rw_object_for_user(request, _tasks(), pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return render_task_page(request, task, True, comment_form=form)
    add_comment(task, text=form.cleaned_data["text"], user=request.user)
    messages.success(request, "Your comment was added.")
    return redirect(f"{task.get_absolute_url()}#comments")


@require_POST
def add_task_evidence(request, pk):
    task = get_rw_object_for_user(request, _tasks(), pk=pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_task_page(request, task, True, evidence_form=form)
    data = form.cleaned_data
    evidence = add_evidence(
        task,
        description=data["description"],
        user=request.user,
        upload=data["file"],
        kind=getattr(form, "kind", None),
        url=data["url"],
    )
    messages.success(request, f"Evidence added: “{evidence}”.")
    return redirect(f"{task.get_absolute_url()}#evidence")


@require_safe
def evidence_file(request, pk):
    """An evidence file, to those who may read the programme: always as a download,
    with the type found in its content when it was uploaded."""
    evidence, _ = get_object_for_user(
        request,
        Evidence.objects.select_related(
            "task__objective__programme", "task__lead_organisation", "task__owner"
        ),
        pk=pk,
    )
    if not evidence.file:
        raise Http404("This evidence is a link, not a file.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file is missing from storage.") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.file_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
