"""After loaddemo, the business plan 2007/8 is left without objectives, so the
programme page shows what to do next (to executives, with the add buttons)."""

from django.urls import reverse

from programmes.models import Programme


def test_the_empty_business_plan_says_what_to_do_next(client, pilot, django_user_model):
    plan = Programme.objects.get(name="Business plan 2007/8")
    assert not plan.objectives.exists()
    client.force_login(django_user_model.objects.get(username="mjones"))
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "This programme has no objectives yet" in html
    assert reverse("programmes:add-objective", args=[plan.pk]) in html
    assert reverse("programmes:add-target", args=[plan.pk]) in html
    # Instead of empty achievement figures and an empty task list.
    assert reverse("programmes:tasks", args=[plan.pk]) not in html


def test_a_reader_sees_the_empty_state_without_the_buttons(
    client, pilot, pilot_reviewer
):
    plan = Programme.objects.get(name="Business plan 2007/8")
    client.force_login(pilot_reviewer)
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "has not set its objectives yet" in html
    assert reverse("programmes:add-objective", args=[plan.pk]) not in html
    # The pilot, which has objectives, lists them, still without controls.
    html = client.get(pilot.get_absolute_url()).content.decode()
    assert "1. " in html and "Move up" not in html
