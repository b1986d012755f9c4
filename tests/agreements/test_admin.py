import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = [
    model
    for model in apps.get_app_config("agreements").get_models()
    if not model.__name__.startswith("Historical")
]


def test_every_model_is_in_the_admin():
    assert len(MODELS) == 9
    assert all(admin.site.is_registered(model) for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_its_list_opens(admin_client, model, invitation):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
