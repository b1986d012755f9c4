import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from governance.models import Membership
from governance.roles import access_of, role_of
from tests import factories


def test_a_role_must_fit_the_organisation(executive, pct):
    membership = Membership(user=executive, organisation=pct, role="practice_manager")
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.error_dict["organisation"][0].code == (
        "role_does_not_fit_organisation"
    )
    assert "A practice manager belongs to a gp practice." in str(error.value)


def test_one_role_per_user_and_organisation(executive, consortium):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=executive, organisation=consortium, role="pct")


def test_a_manager_of_two_practices_has_both(consortium, practice):
    second = factories.organisation(practice.kind, list_size=100, member_of=consortium)
    manager = factories.user(
        Membership.Role.PRACTICE_MANAGER, factories.person(practice)
    )
    Membership.objects.create(
        user=manager, organisation=second, role="practice_manager"
    )
    access = access_of(manager)
    assert access.organisations_with("practice_manager") == {practice.pk, second.pk}
    assert access.consortia_of_practices == {consortium.pk}


def test_the_badge_shows_the_role_that_can_do_most(consortium, practice):
    user = factories.user(Membership.Role.PRACTICE_MANAGER, factories.person(practice))
    Membership.objects.create(user=user, organisation=consortium, role="executive")
    assert role_of(user) == "executive"


def test_a_user_without_memberships_has_no_role(no_role_user):
    assert role_of(no_role_user) is None
    assert not access_of(no_role_user).has_role
