"""The access helpers and the class-view mixin, through a view of their own."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.views.generic import DetailView

from core.access import ObjectAccessMixin, get_object_for_user, get_rw_object_for_user
from programmes.models import Task


class TaskView(ObjectAccessMixin, DetailView):
    queryset = Task.objects.select_related("objective__programme")
    template_name = "programmes/task_detail.html"


class EditTaskView(TaskView):
    write_access = True


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_member_reads_and_an_executive_writes(task, reviewer, executive):
    obj, can_write = get_object_for_user(_request(reviewer), Task.objects, pk=task.pk)
    assert (obj, can_write) == (task, False)
    assert get_rw_object_for_user(_request(executive), Task.objects, pk=task.pk) == task


def test_a_reader_asking_to_write_is_refused(task, reviewer):
    with pytest.raises(PermissionDenied):
        get_rw_object_for_user(_request(reviewer), Task.objects, pk=task.pk)


def test_an_outsider_is_told_nothing_exists(task, no_role_user):
    with pytest.raises(Http404):
        get_object_for_user(_request(no_role_user), Task.objects, pk=task.pk)


def test_the_mixin_gives_class_views_the_same_answers(task, reviewer, no_role_user):
    response = TaskView.as_view()(_request(reviewer), pk=task.pk)
    assert response.status_code == 200
    assert response.context_data["can_write"] is False
    with pytest.raises(PermissionDenied):
        EditTaskView.as_view()(_request(reviewer), pk=task.pk)
    with pytest.raises(Http404):
        TaskView.as_view()(_request(no_role_user), pk=task.pk)
