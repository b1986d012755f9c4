import pytest
from django.urls import reverse

from governance.roles import Role
from tests import factories


def _signed_in_as(page):
    return page.text.split('data-testid="signed-in-as">')[1].split("</span>")[0]


@pytest.mark.parametrize(
    "role,label",
    [
        ("executive", "Executive member"),
        ("pct", "PCT reviewer"),
        ("practice_manager", "Practice manager"),
    ],
)
def test_the_navigation_shows_the_user_and_role(client, users, role, label):
    user = users[role]
    client.force_login(user)
    shown = _signed_in_as(client.get(reverse("programmes:dashboard")))
    assert user.get_full_name().startswith("User Number")
    assert shown.startswith(f"{user.get_full_name()} <span")
    assert f">{label}" in shown


def test_a_user_without_a_name_is_shown_by_username(client, pct):
    user = factories.user(Role.PCT, organisation_=pct, first_name="", last_name="")
    client.force_login(user)
    shown = _signed_in_as(client.get(reverse("programmes:dashboard")))
    assert shown.startswith(f"{user.username} <span")
