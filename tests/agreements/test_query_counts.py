"""The agreement pages run the same number of queries whatever the number of
practices and agreements."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.services import invite_practices
from governance.models import Membership, Organisation
from tests import factories


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_practices(consortium, published, executive, manager, how_many):
    practices = [
        factories.organisation(
            Organisation.Kind.PRACTICE, list_size=1000, member_of=consortium
        )
        for _ in range(how_many)
    ]
    for practice in practices:
        Membership.objects.create(
            user=manager, organisation=practice, role=Membership.Role.PRACTICE_MANAGER
        )
    invite_practices(published, user=executive, practices=practices)


@pytest.mark.parametrize("page", ["pack", "list"])
def test_the_pages_stay_flat(
    client, published, executive, practice_manager, consortium, invitation, page
):
    """A manager of many practices, and a pack of many: 2 practices, then 22."""
    user = executive if page == "pack" else practice_manager
    url = (
        reverse("agreements:pack", args=[published.pack_id])
        if page == "pack"
        else reverse("agreements:agreements")
    )
    client.force_login(user)
    _add_practices(consortium, published, executive, practice_manager, 1)
    client.get(url)  # warm the content-type cache
    small = _count(client, url)
    _add_practices(consortium, published, executive, practice_manager, 20)
    assert _count(client, url) == small <= 10


def test_the_dashboard_panel_stays_flat(
    client, published, executive, practice_manager, consortium, invitation
):
    client.force_login(practice_manager)
    url = reverse("programmes:dashboard")
    client.get(url)
    small = _count(client, url)
    _add_practices(consortium, published, executive, practice_manager, 10)
    response = client.get(url)
    assert response.content.decode().count("read the documents, then sign") == 11
    assert _count(client, url) == small
