"""The demo's invented returns come out at the review's claims for 2006/7:
referrals to the top 8 specialties down 10% (10.2%, meeting the −10% target),
prescribing 1.75% over budget."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

from governance.models import Organisation
from practicedata import figures
from practicedata.models import Indicator, PlanAction

MARCH_2007 = datetime.date(2007, 3, 1)


def _consortium(indicator):
    period = figures.Period.of("ytd", MARCH_2007)
    practices = Organisation.objects.practices().filter(
        member_of=indicator.programme.consortium
    )
    targets = figures.targets_for_year(indicator, period)
    return figures.consortium_figures(indicator, period, practices, targets)


def test_the_demo_matches_the_review(pilot, client):
    referrals = _consortium(Indicator.objects.get(code="top8-referrals"))
    assert round(referrals.change, 1) == -10.2
    assert referrals.value <= referrals.target
    prescribing = _consortium(Indicator.objects.get(code="prescribing"))
    assert round(prescribing.value, 2) == 101.75
    assert PlanAction.objects.values("plan").distinct().count() == 2
    client.force_login(get_user_model().objects.get(username="mjones"))
    response = client.get(reverse("programmes:dashboard"))
    assert b"Overdue actions" in response.content
