import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = [
    model
    for model in apps.get_app_config("funding").get_models()
    if not model.__name__.startswith("Historical")
]


def test_every_model_is_in_the_admin_and_searchable():
    assert all(admin.site.is_registered(model) for model in MODELS)
    assert all(admin.site._registry[model].search_fields for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_load_and_search(admin_client, participation, model):
    url = reverse(f"admin:funding_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "a"}).status_code == 200
