import pytest

from funding.models import PaymentKind
from tests import factories


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Sealed documents go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def scheme(programme, practice):
    """The DES scheme (9,000 patients) with its achievement payment of at most 95p."""
    scheme = factories.funding_scheme(programme)
    factories.participation(scheme, practice)
    PaymentKind.objects.create(
        scheme=scheme, kind=PaymentKind.Kind.ACHIEVEMENT, max_rate_per_patient="0.95"
    )
    return scheme


@pytest.fixture
def reviewed(programme, consortium, pct, scheme):
    """Objective 1: two tasks done by the consortium, one to do led by the PCT
    (2/3 achieved, 1/3 short due to the PCT); objective 2: one done, one to do
    led by the consortium (1/2, 1/2 short due to the consortium)."""
    first = factories.objective(programme, number=1, title="Governance")
    factories.task(first, consortium, "done", description="Agree a structure")
    factories.task(first, consortium, "done", description="Hold meetings")
    factories.task(first, pct, "to_do", description="Sign off the plan")
    second = factories.objective(programme, number=2, title="Referrals")
    factories.task(second, consortium, "done", description="Letter sent")
    factories.task(second, consortium, "to_do", description="Audit referrals")
    programme.refresh_from_db()  # dates as dates, not the factory's strings
    return programme
