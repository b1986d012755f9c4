import pytest
from django.db import IntegrityError, transaction

from governance.models import Organisation
from tests import factories


def test_only_practices_have_a_list_size(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.organisation(Organisation.Kind.PCT, list_size=10)
    practice = factories.organisation(Organisation.Kind.PRACTICE, list_size=10)
    assert practice.list_size == 10
