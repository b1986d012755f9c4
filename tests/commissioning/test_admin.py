import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = [
    model
    for model in apps.get_app_config("commissioning").get_models()
    if not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_load_and_search(admin_client, proposal, service_role, model):
    assert admin.site.is_registered(model)
    assert admin.site._registry[model].search_fields
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "a"}).status_code == 200


def test_a_proposals_stage_is_not_edited_in_the_admin(admin_client, proposal):
    url = reverse("admin:commissioning_proposal_change", args=[proposal.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert 'name="stage"' not in response.content.decode()
