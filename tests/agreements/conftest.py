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
