from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from programmes.models import (
    ActionForTask,
    Comment,
    Evidence,
    ResourceAllocation,
    SuccessCriterion,
)
from programmes.services import update_task
from tests import factories

MODELS = [
    model
    for model in apps.get_app_config("programmes").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.fixture
def one_of_each(task, programme):
    target = factories.target(programme, "1000.00")
    SuccessCriterion.objects.create(programme=programme, letter="a", description="Met")
    ResourceAllocation.objects.create(
        programme=programme, project=target.project, label="GP time", hours=Decimal(10)
    )
    Comment.objects.create(task=task, author=task.owner.user, text="Minuted: a")
    Evidence.objects.create(
        task=task,
        added_by=task.owner.user,
        description="Minutes",
        url="https://a.example",
    )
    meeting = factories.meeting(factories.committee(programme.consortium), "2007-02-22")
    action = factories.action(meeting, task.owner, "2007-03-31", description="a")
    ActionForTask.objects.create(action=action, task=task)


def test_every_model_is_in_the_admin():
    assert len(MODELS) == 10
    assert all(admin.site.is_registered(model) for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_load_and_search(admin_client, one_of_each, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert admin_client.get(url, {"q": "a"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_list_can_be_searched(model):
    assert admin.site._registry[model].search_fields


def test_admin_shows_a_tasks_history(admin_client, task, executive):
    changes = {"status": "stopped", "date": None, "note": "Stopped by new PCT"}
    update_task(task.pk, changes=changes, expected_version=1, user=executive)
    url = reverse("admin:programmes_task_history", args=[task.pk])
    page = admin_client.get(url).text
    assert f">{executive.username}</a>" in page
    assert "Stopped by new PCT" in page
