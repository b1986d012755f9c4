"""The scheme's pages: overview, payments to practices, achievement payment, and
a practice's own part and statement."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import FundingScheme, Participation
from governance.models import Organisation
from tests import factories
from tests.funding import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def des(programme, practice):
    """The seeds' DES on the fixture programme: eight practices of 150,000
    patients, and the conftest's practice, not taking part."""
    scheme = helpers.des_2006_7(programme)
    helpers.take_part(scheme, practice, status="not_participating")
    return scheme


def test_the_overview_shows_the_plans_214k_and_71k(client, executive, des):
    client.force_login(executive)
    response = client.get(reverse("funding:scheme", args=[des.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "150,000" in page
    assert "£214k" in page and "£213,750.00" in page
    assert "£71k" in page and "£71,250.00" in page
    assert "Replaced by the agreed achievement payment" in page


def test_the_payments_table_adds_up_and_exports_its_totals(client, reviewer, des):
    client.force_login(reviewer)
    url = reverse("funding:payments", args=[des.pk])
    page = client.get(url).content.decode()
    assert "£17,527.50" in page  # 16.4% of the aspiration's £106,875
    assert "£35,055.00" in page  # the first practice's total
    response = client.get(url + "?_export=csv")
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[0].lstrip("\ufeff") == "Practice code"
    assert len(body) == 8
    total_at = header.index("Total to the practice")
    assert sum(Decimal(row[total_at]) for row in body) == Decimal("213750.00")
    assert totals[total_at] == "213750.00"
    assert totals[header.index("List size")] == "150000"


def test_the_payments_table_sorts_by_a_payment(client, executive, des):
    client.force_login(executive)
    url = reverse("funding:payments", args=[des.pk])
    response = client.get(url + "?sort=-total")
    totals = [row.record.total for row in response.context["table"].page.object_list]
    assert totals == sorted(totals, reverse=True)
    assert totals[0] == Decimal("35055.00")


def test_each_row_links_to_its_own_schemes_participation(client, executive, des):
    # The same practices take part in a second scheme too.
    other = helpers.scheme(des.programme, name="LES")
    for participation in des.participations.filter(status="confirmed"):
        helpers.take_part(other, participation.practice)
    client.force_login(executive)
    response = client.get(reverse("funding:payments", args=[des.pk]))
    linked = {
        row.record.practice.participation_id
        for row in response.context["table"].page.object_list
    }
    assert linked == set(
        des.participations.filter(status="confirmed").values_list("pk", flat=True)
    )


def test_the_achievement_page_shows_computed_agreed_and_the_difference(
    client, reviewer, des
):
    client.force_login(reviewer)
    response = client.get(reverse("funding:achievement", args=[des.pk]))
    payment = response.context["payment"]
    assert payment.agreed_rate == Decimal("0.95")
    page = response.content.decode()
    assert "£96,000.00" in page  # the 64p instalment: 64p × 150,000
    assert "£24,000.00" in page  # its 25% set aside
    assert "£11,625.00" in page  # 25% of the 31p instalment's £46,500


def test_a_scheme_without_an_achievement_payment_has_no_such_page(
    client, executive, programme
):
    scheme = helpers.scheme(programme)
    client.force_login(executive)
    assert (
        client.get(reverse("funding:achievement", args=[scheme.pk])).status_code == 404
    )


def test_a_practice_manager_sees_their_own_part_and_statement_only(
    client, des, consortium
):
    mine = Participation.objects.filter(scheme=des, status="confirmed").first()
    theirs = Participation.objects.filter(scheme=des, status="confirmed").last()
    manager = factories.user("practice_manager", factories.person(mine.practice))
    client.force_login(manager)
    page = client.get(reverse("funding:participation", args=[mine.pk]))
    assert page.status_code == 200
    assert page.context["row"].total == Decimal("35055.00")
    statement = client.get(reverse("funding:statement", args=[mine.pk]))
    assert statement["Content-Type"] == "application/pdf"
    assert statement.content.startswith(b"%PDF")
    for name in ("funding:participation", "funding:statement"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    # The scheme's lists of every practice are not theirs to read.
    assert client.get(reverse("funding:payments", args=[des.pk])).status_code == 403
    listing = client.get(reverse("funding:schemes")).content.decode()
    assert mine.get_absolute_url() in listing
    assert theirs.get_absolute_url() not in listing


def test_the_schemes_list_counts_only_confirmed_practices(client, executive, des):
    client.force_login(executive)
    response = client.get(reverse("funding:schemes"))
    scheme = next(s for s in response.context["schemes"] if s.pk == des.pk)
    assert scheme.practice_count == 8


@pytest.mark.parametrize("page", ["funding:payments", "funding:participations"])
def test_list_pages_run_the_same_queries_at_5_and_60_practices(
    client, executive, programme, page, django_assert_max_num_queries
):
    scheme = helpers.scheme(programme)
    helpers.kind(scheme, "aspiration", "0.95")
    client.force_login(executive)
    counts = []
    for size in (5, 60):
        while scheme.participations.count() < size:
            helpers.practice(scheme, 1000)
        with django_assert_max_num_queries(8) as captured:
            assert client.get(reverse(page, args=[scheme.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_other_consortiums_schemes_are_not_listed(client, executive, des):
    elsewhere = helpers.scheme(
        factories.programme(factories.organisation(Organisation.Kind.CONSORTIUM)),
        name="Elsewhere",
    )
    client.force_login(executive)
    response = client.get(reverse("funding:schemes"))
    assert elsewhere not in list(response.context["schemes"])
    assert FundingScheme.objects.count() == 2
