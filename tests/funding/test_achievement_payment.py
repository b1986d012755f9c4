"""The achievement payment: computed from the programme's achievement at the
scheme's maximum rate, beside the instalments agreed with the PCT."""

from decimal import Decimal

import pytest

from funding.calculations import achievement_payment
from governance.models import Organisation
from tests import factories
from tests.funding import helpers

D = Decimal
pytestmark = pytest.mark.django_db


def test_two_tasks_of_three_earn_63p_of_95p_and_the_agreed_95p_is_32p_more():
    # The programme still carries its own rate (50p): the scheme's 95p counts.
    consortium = factories.organisation(Organisation.Kind.CONSORTIUM)
    programme = factories.programme(consortium, max_payment_per_patient=D("0.50"))
    objective = factories.objective(programme)
    factories.tasks(objective, consortium, ["done", "done", "to_do"])
    des = helpers.scheme(programme)
    helpers.practice(des, 6_000)
    helpers.practice(des, 4_000)
    kind = helpers.kind(des, "achievement", "0.95")
    helpers.instalment(kind, "0.64", "For targets achieved", order=1)
    helpers.instalment(kind, "0.31", "Insufficient PCT support", order=2)

    payment = achievement_payment(kind)

    # 95p × 2/3 = 63.33p → 63p a patient; × 10,000 patients = £6,300.
    assert payment.totals.achieved == D("66.6667")
    assert payment.computed_rate == D("0.63")
    assert payment.computed.total == D("6300.00")
    assert payment.computed.practices == D("4725.00")
    assert payment.computed.reserve == D("1575.00")
    # Agreed: 64p (£6,400: £4,800 + £1,600) and 31p (£3,100: £2,325 + £775).
    first, second = payment.instalments
    assert (first.split.total, first.split.reserve) == (D("6400.00"), D("1600.00"))
    assert (second.split.total, second.split.reserve) == (D("3100.00"), D("775.00"))
    assert payment.agreed_rate == D("0.95")
    assert payment.agreed.total == D("9500.00")
    assert payment.rate_difference == D("0.32")
    assert payment.difference.total == D("3200.00")
    assert payment.difference.reserve == D("800.00")


def test_without_instalments_nothing_is_agreed_yet():
    des = helpers.scheme()
    helpers.practice(des, 1_000)
    kind = helpers.kind(des, "achievement", "0.95")
    payment = achievement_payment(kind)
    assert payment.totals.achieved is None  # no tasks
    assert payment.computed.total == D("0.00")
    assert payment.agreed.total == D("0")
    assert payment.instalments == []


def test_the_demo_pilot_earns_64p_of_95p_and_the_pct_agreed_64p_and_31p(pilot):
    # The review: 67% achieved, "Total achievement of 95p per patient: 64p per
    # patient"; from its tasks (8/8 + 10/10 + 4/13 + 4/4 + 6/13 + 1/3 + 5/5 +
    # 2/7) / 8 = 67.3535%, and 95p × 67.3535% = 63.99p → 64p. The status report:
    # 64p + 31p, 25% of each set aside.
    from funding.models import PaymentKind

    kind = PaymentKind.objects.get(
        scheme__programme=pilot, kind=PaymentKind.Kind.ACHIEVEMENT
    )
    payment = achievement_payment(kind)
    assert payment.population == 150_000
    assert payment.totals.achieved == D("67.3535")
    assert payment.computed_rate == D("0.64")
    assert payment.computed.total == D("96000.00")  # 64p × 150,000
    assert [f.instalment.rate_per_patient for f in payment.instalments] == [
        D("0.6400"),
        D("0.3100"),
    ]
    assert [f.split.reserve for f in payment.instalments] == [
        D("24000.00"),  # 25% of £96,000
        D("11625.00"),  # 25% of £46,500
    ]
    assert payment.agreed.total == D("142500.00")  # 95p × 150,000
    assert payment.agreed.practices == D("106875.00")
    assert payment.difference.total == D("46500.00")  # the 31p instalment


def test_an_executive_records_an_instalment_up_to_the_maximum(
    client, executive, scheme
):
    from django.urls import reverse

    from core.models import LogEntry

    client.force_login(executive)
    url = reverse("funding:add-instalment", args=[scheme.pk])
    response = client.post(
        url,
        {"rate_per_patient": "0.64", "reason": "Targets", "agreed_on": "2007-04-02"},
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get(action="funding.instalment.agreed")
    assert entry.data["rate_per_patient"] == "0.64" and entry.user == executive
    # 64p + 32p would pass the 95p maximum: refused, nothing saved.
    response = client.post(
        url, {"rate_per_patient": "0.32", "reason": "More", "agreed_on": "2007-04-02"}
    )
    assert response.status_code == 200
    assert "over the maximum of 0.95" in str(response.context["form"].errors)
    response = client.post(
        url, {"rate_per_patient": "0", "reason": "None", "agreed_on": "2007-04-02"}
    )
    assert "more than nothing" in str(response.context["form"].errors)
    kind = scheme.payment_kinds.get(kind="achievement")
    assert [i.rate_per_patient for i in kind.instalments.all()] == [D("0.6400")]
