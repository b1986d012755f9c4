"""The demo's governance framework against the seeds: the rule (2 targets met in
each area, plans for the remainder), Level 3, and interim funding at Level 3 to
the end of June 2007 (status report, April 2007)."""

import datetime

from django.urls import reverse

from governance.framework_services import standing_of
from governance.models import Framework


def test_the_demo_framework_qualifies_for_level_3(pilot):
    framework = Framework.objects.get()
    assert str(framework.consortium) == "DacCom PbC Ltd"
    assert str(framework.pct) == "West Hertfordshire PCT"
    levels = framework.levels.all()
    assert [level.number for level in levels] == [1, 2, 3]
    assert all(
        (level.targets_to_meet_per_area, level.plans_for_remainder) == (2, True)
        for level in levels
    )
    standing = standing_of(framework)
    assert standing.qualified_level == 3
    assert standing.next_level is None
    assert all("Illustrative" in area.description for area in framework.areas.all())


def test_the_interim_funding_is_level_3_to_end_june_2007(pilot, client):
    framework = Framework.objects.get()
    (funding,) = framework.interim_funding.all()
    assert (funding.level, funding.starts_on, funding.ends_on) == (
        3,
        datetime.date(2007, 4, 1),
        datetime.date(2007, 6, 30),
    )
    assert funding.targets_due_by == datetime.date(2007, 6, 30)
    assert funding.state(datetime.date(2007, 6, 1)) == "approaching"
    client.force_login(pilot.consortium.memberships.get().user)
    page = client.get(reverse("programmes:dashboard")).content.decode()
    assert "funded at Level 3 from 1 April 2007 to 30 June 2007" in page
    page = client.get(framework.get_absolute_url()).content.decode()
    assert "not yet qualified for" not in page
