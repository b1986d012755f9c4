"""A task's links to the executive's meetings (issue #18): a minute cited as its
evidence, and the meeting actions that serve it. Kept on the programmes side:
programmes may know about governance's meetings, never the reverse."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.access import get_object_for_user
from programmes.forms import CiteMinuteForm, LinkActionForm
from programmes.services import cite_minute, link_action
from programmes.views.tasks import _tasks


@require_http_methods(["GET", "POST"])
def meeting_links(request, pk):
    task, can_write = get_object_for_user(request, _tasks(), pk=pk)
    cite_form = CiteMinuteForm(user=request.user)
    link_form = LinkActionForm(user=request.user)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if "cite" in request.POST:
            cite_form = CiteMinuteForm(request.POST, user=request.user)
            if cite_form.is_valid():
                data = cite_form.cleaned_data
                cite_minute(
                    task,
                    data["minute_item"],
                    description=data["description"],
                    user=request.user,
                )
                messages.success(request, "The minute is cited as evidence.")
                return redirect(f"{task.get_absolute_url()}#evidence")
        else:
            link_form = LinkActionForm(request.POST, user=request.user)
            if link_form.is_valid():
                link_action(task, link_form.cleaned_data["action"], user=request.user)
                messages.success(request, "The action is linked to this task.")
                return redirect(request.path)
    context = {
        "task": task,
        "can_write": can_write,
        "cite_form": cite_form,
        "link_form": link_form,
        "linked": task.meeting_actions.select_related(
            "action__owner", "action__meeting"
        ),
    }
    return render(request, "programmes/meeting_links.html", context)
