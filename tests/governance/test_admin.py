import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

OUR_APPS = ("governance", "programmes")
OUR_MODELS = [
    model
    for app in OUR_APPS
    for model in apps.get_app_config(app).get_models()
    if not model.__name__.startswith("Historical")
]


def test_every_model_is_in_the_admin():
    assert all(admin.site.is_registered(model) for model in OUR_MODELS)


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m.__name__)
def test_admin_lists_load(admin_client, demo, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url, {"q": "a"}).status_code == 200


def test_admin_shows_a_tasks_history(admin_client, demo):
    from programmes.models import Task

    task = Task.objects.first()
    url = reverse("admin:programmes_task_history", args=[task.pk])
    assert "Loaded from the demo data" in admin_client.get(url).text


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m.__name__)
def test_every_admin_list_can_be_searched(model):
    assert admin.site._registry[model].search_fields
