"""Sign-up progress for executives and the PCT, with the share of the list size."""

from django.urls import reverse

from agreements.services import invite_practices
from core.signing import sign
from governance.models import Organisation
from tests import factories


def _setup(published, executive, practice, practice_manager, consortium):
    small = factories.organisation(
        Organisation.Kind.PRACTICE, list_size=1000, member_of=consortium
    )
    factories.organisation(  # a practice not invited: its patients count too
        Organisation.Kind.PRACTICE, list_size=2000, member_of=consortium
    )
    signed, pending = invite_practices(
        published, user=executive, practices=[practice, small]
    )
    sign(
        signed,
        party="practice",
        user=practice_manager,
        typed_name="Janet Whitmore",
        typed_role="Practice manager",
        authorised=True,
        seen_sha256=signed.content_sha256,
    )
    return small


def test_it_counts_and_shares_by_list_size(
    client, published, executive, practice, practice_manager, consortium, reviewer
):
    _setup(published, executive, practice, practice_manager, consortium)
    client.force_login(reviewer)
    response = client.get(reverse("agreements:pack", args=[published.pack_id]))
    counts = response.context["progress"]
    assert (counts.invited, counts.signed, counts.declined, counts.pending) == (
        2,
        1,
        0,
        1,
    )
    # 9,000 of 12,000 patients: 75%.
    assert "75%" in response.content.decode()
    assert "9,000 of 12,000 patients" in response.content.decode()


def test_it_exports_the_progress(
    client, published, executive, practice, practice_manager, consortium
):
    small = _setup(published, executive, practice, practice_manager, consortium)
    client.force_login(executive)
    url = reverse("agreements:pack", args=[published.pack_id]) + "?_export=csv"
    csv = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert f'{practice.name},{practice.code},9000,1,"Signed, awaiting' in csv
    assert f'{small.name},{small.code},1000,1,"Invited, pending"' in csv


def test_practice_managers_cannot_see_the_progress(client, published, practice_manager):
    client.force_login(practice_manager)
    url = reverse("agreements:pack", args=[published.pack_id])
    assert client.get(url).status_code == 404


def test_the_list_page_shows_packs_to_executives_and_agreements_to_managers(
    client, invitation, executive, practice_manager
):
    client.force_login(executive)
    response = client.get(reverse("agreements:agreements"))
    assert invitation.version.pack.title in response.content.decode()
    client.force_login(practice_manager)
    response = client.get(reverse("agreements:agreements"))
    assert reverse("agreements:agreement", args=[invitation.pk]) in (
        response.content.decode()
    )
