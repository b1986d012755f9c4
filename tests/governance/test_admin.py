import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = [
    model
    for model in apps.get_app_config("governance").get_models()
    if not model.__name__.startswith("Historical")
]


def test_every_model_is_in_the_admin():
    assert sorted(m.__name__ for m in MODELS) == sorted(
        [
            "Framework",
            "FrameworkLevel",
            "FrameworkArea",
            "FrameworkTarget",
            "TargetPosition",
            "InterimFunding",
            "Organisation",
            "PracticeListSize",
            "Person",
            "Membership",
            "Committee",
            "CommitteeMembership",
            "Meeting",
            "Attendance",
            "MinuteItem",
            "Action",
            "CalendarFeed",
            "MeetingRecord",
        ]
    )
    assert all(admin.site.is_registered(model) for model in MODELS)


# The lists load empty here but for the fixture's organisations and person (the
# framework's and the meetings' own tests fill theirs).
ROWS = {"Organisation": 2, "PracticeListSize": 1, "Person": 1, "Membership": 1}
ROWS.update({m.__name__: 0 for m in MODELS if m.__name__ not in ROWS})


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_lists_load_and_search(admin_client, executive, practice, model):
    # `executive` brings the consortium, a person and a membership; `practice` is
    # the second organisation, with one list size.
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == ROWS[model.__name__]
    assert admin_client.get(url, {"q": "a"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_admin_list_can_be_searched(model):
    assert admin.site._registry[model].search_fields
