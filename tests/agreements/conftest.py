import pytest

from agreements.services import prepare_plan_approval
from tests import factories


@pytest.fixture
def pct_lead(reviewer, programme):
    """The reviewer as the PCT's programme lead: the one who signs for the PCT."""
    programme.leads.add(reviewer.person)
    return reviewer


@pytest.fixture
def scheme(programme, practice):
    scheme = factories.funding_scheme(programme)
    factories.participation(scheme, practice)  # 9,000 patients
    return scheme


@pytest.fixture
def approval(programme, scheme, executive, pct_lead, target, criterion, resource):
    programme.refresh_from_db()  # dates as dates, not the factory's strings
    return prepare_plan_approval(
        programme,
        user=executive,
        scheme=scheme,
        responsibilities="The consortium: programme management.",
    )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Sealed documents go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


LES_TEXT = (
    "{practice} ({code}), with {list_size} patients, agrees with {consortium} to "
    "take part in the LES for {term}. Payments: {payments}."
)


@pytest.fixture
def les(programme, consortium):
    from funding.models import FundingScheme

    programme.refresh_from_db()
    return factories.funding_scheme(
        programme,
        name="LES 2007/8",
        kind=FundingScheme.Kind.LES,
        starts_on="2007-04-01",
        ends_on="2008-03-31",
    )


@pytest.fixture
def pack(les):
    from agreements.models import AgreementPack

    return AgreementPack.objects.create(scheme=les, title="LES 2007/8 agreement")


@pytest.fixture
def published(pack, executive):
    from agreements.services import add_document, add_version, publish_version

    version = add_version(
        pack,
        user=executive,
        agreement_text=LES_TEXT,
        practice_undertakes="Provide data and analysis.",
        consortium_undertakes="Programme management.",
    )
    add_document(
        version, user=executive, title="LES specification", text="The LES text."
    )
    return publish_version(version, user=executive)


@pytest.fixture
def invitation(published, executive, practice):
    from agreements.services import invite_practices

    (agreement,) = invite_practices(published, user=executive, practices=[practice])
    return agreement
