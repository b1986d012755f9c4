import datetime

import pytest
import time_machine
from django.urls import reverse

from core.models import LogEntry
from governance.models import InterimFunding, TargetPosition
from tests import factories


@pytest.fixture
def short_area(framework):
    return factories.framework_area(
        framework, [(1, "met"), (1, "planned"), (1, None)], name="Clinical engagement"
    )


def test_the_page_shows_the_level_and_what_is_missing(
    client, executive, framework, short_area
):
    factories.framework_area(framework, [(1, "met"), (1, "met")], name="Finance")
    client.force_login(executive)
    response = client.get(reverse("framework:framework", args=[framework.pk]))
    assert response.context["standing"].qualified_level == 0
    text = response.content.decode()
    assert "What is missing for Level 1" in text
    missing = text[text.index('data-testid="missing"') :]
    missing = missing[: missing.index("</section>")]
    assert "Clinical engagement" in missing and "Finance" not in missing
    assert "meet 1 more target" in missing
    assert short_area.targets.order_by("code").last().code in missing


def test_interim_funding_above_the_level_qualified_for_is_flagged(
    client, executive, framework, short_area
):
    InterimFunding.objects.create(
        framework=framework,
        level=3,
        starts_on=datetime.date(2007, 4, 1),
        ends_on=datetime.date(2007, 6, 30),
        targets_due_by=datetime.date(2007, 6, 30),
    )
    client.force_login(executive)
    page = client.get(reverse("framework:framework", args=[framework.pk]))
    assert "Level 3 not yet qualified for" in page.content.decode()


def test_it_exports_the_targets(client, executive, framework, short_area):
    client.force_login(executive)
    url = reverse("framework:framework", args=[framework.pk])
    response = client.get(url, {"_export": "csv"})
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Area,Target,Title,From level,Position")
    assert [row.split(",")[4] for row in rows[1:]] == [
        "Met",
        "Planned",
        "Neither met nor planned",
    ]


def test_an_executive_records_a_position_with_history_and_log(
    client, executive, framework, short_area
):
    target = short_area.targets.order_by("code").last()
    client.force_login(executive)
    url = reverse("framework:edit-position", args=[target.pk])
    response = client.post(
        url, {"status": "planned", "plan": "Audit by June", "version": 1}
    )
    assert response.status_code == 302
    position = TargetPosition.objects.get(target=target)
    assert position.status == "planned" and position.plan == "Audit by June"
    assert position.history.count() == 1
    assert position.history.first().history_user == executive
    entry = LogEntry.objects.for_object(position).get()
    assert entry.action == "governance.targetposition.updated"
    assert entry.data["status"] == {"from": "neither", "to": "planned"}
    page = client.get(reverse("framework:target", args=[target.pk]))
    assert "Audit by June" in page.content.decode()
    assert len(page.context["history"]) == 1


def test_met_needs_evidence_and_nothing_typed_is_lost(
    client, executive, framework, short_area
):
    target = short_area.targets.order_by("code").last()
    client.force_login(executive)
    url = reverse("framework:edit-position", args=[target.pk])
    response = client.post(url, {"status": "met", "plan": "Kept", "version": 1})
    assert response.status_code == 200
    assert "Say what shows the target is met." in response.content.decode()
    assert response.context["form"]["plan"].value() == "Kept"
    assert not TargetPosition.objects.filter(target=target).exists()


def test_a_stale_edit_is_refused(client, executive, framework, short_area):
    target = short_area.targets.order_by("code").first()  # met, version 1
    position = target.position
    position.evidence = "Changed meanwhile"
    position.save()
    client.force_login(executive)
    url = reverse("framework:edit-position", args=[target.pk])
    response = client.post(url, {"status": "planned", "plan": "Mine", "version": 1})
    assert response.status_code == 200
    assert "while you were editing" in response.content.decode()
    position.refresh_from_db()
    assert position.status == "met"


def test_interim_funding_is_recorded_and_flagged_as_the_date_approaches(
    client, executive, framework
):
    client.force_login(executive)
    response = client.post(
        reverse("framework:add-interim-funding", args=[framework.pk]),
        {
            "level": 3,
            "starts_on": "2007-04-01",
            "ends_on": "2007-06-30",
            "targets_due_by": "2007-06-30",
            "warn_days_before": 30,
            "notes": "",
        },
    )
    assert response.status_code == 302
    funding = InterimFunding.objects.get(framework=framework)
    assert LogEntry.objects.for_object(framework).get().data["level"] == 3
    dashboard = reverse("programmes:dashboard")
    with time_machine.travel(datetime.datetime(2007, 5, 1, 12), tick=False):
        assert funding.state(datetime.date(2007, 5, 1)) == "running"
        assert "60 days left" in client.get(dashboard).content.decode()
    with time_machine.travel(datetime.datetime(2007, 6, 5, 12), tick=False):
        assert "due in 25 days" in client.get(dashboard).content.decode()
    with time_machine.travel(datetime.datetime(2007, 7, 1, 12), tick=False):
        assert "date passed" in client.get(dashboard).content.decode()


def test_the_panel_is_not_shown_to_other_consortia(client, framework):
    other = factories.organisation()
    outsider = factories.user("executive", factories.person(other))
    InterimFunding.objects.create(
        framework=framework,
        level=3,
        starts_on=datetime.date(2007, 4, 1),
        ends_on=datetime.date(2007, 6, 30),
        targets_due_by=datetime.date(2007, 6, 30),
    )
    client.force_login(outsider)
    response = client.get(reverse("programmes:dashboard"))
    assert 'data-testid="interim-funding-panel"' not in response.content.decode()


def test_an_executive_adds_areas_and_targets_and_changes_the_rule(
    client, executive, framework
):
    client.force_login(executive)
    client.post(
        reverse("framework:add-area", args=[framework.pk]),
        {"name": "Prescribing", "order": 1, "description": ""},
    )
    area = framework.areas.get(name="Prescribing")
    for code in ("P1", "P2", "P3"):
        response = client.post(
            reverse("framework:add-target", args=[framework.pk]),
            {"area": area.pk, "code": code, "title": f"Target {code}", "level": 1},
        )
        assert response.status_code == 302
    for target in area.targets.order_by("code")[:2]:
        client.post(
            reverse("framework:edit-position", args=[target.pk]),
            {"status": "met", "evidence": "Reports", "version": 1},
        )
    url = reverse("framework:framework", args=[framework.pk])
    standing = client.get(url).context["standing"]
    assert standing.qualified_level == 0  # P3: neither met nor planned
    level = framework.levels.get(number=1)
    response = client.post(
        reverse("framework:change-level", args=[level.pk]),
        {"name": "", "targets_to_meet_per_area": 2, "funding_per_patient": "1.00"},
    )
    assert response.status_code == 302
    level.refresh_from_db()
    assert level.plans_for_remainder is False
    assert client.get(url).context["standing"].qualified_level == 1
    entry = LogEntry.objects.for_object(level).get()
    assert entry.action == "governance.frameworklevel.updated"
    assert entry.data == {"plans_for_remainder": {"from": "True", "to": "False"}}
