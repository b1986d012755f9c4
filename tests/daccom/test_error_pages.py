"""Errors in the site's own layout, saying what happened and offering a way on."""

import pytest
from django.test import Client
from django.urls import reverse


def test_a_reviewer_opening_an_edit_link_gets_a_page_that_explains(
    client, reviewer, task
):
    client.force_login(reviewer)
    response = client.get(reverse("programmes:edit-task", args=[task.pk]))
    assert response.status_code == 403
    assert "You cannot do that here" in response.text
    assert "signed in as a <strong>PCT reviewer</strong>" in response.text
    assert "changing it is for executive members" in response.text
    assert reverse("programmes:dashboard") in response.text
    assert "Sign out" in response.text


def test_a_missing_page_is_404_in_the_layout(client, executive):
    client.force_login(executive)
    response = client.get("/programmes/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.text and "Sign out" in response.text


@pytest.mark.django_db
def test_a_server_error_is_500_in_the_layout(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.urls_that_fail"
    client = Client(raise_request_exception=False)
    response = client.get("/fail/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "css/daccom.css" in response.text
