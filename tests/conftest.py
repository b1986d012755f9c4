import json

import pytest
from django.core.management import call_command

from governance.models import Organisation
from governance.roles import Role
from programmes.models import Programme
from tests import factories


@pytest.fixture(autouse=True)
def _media_in_a_folder_of_its_own(settings, tmp_path_factory):
    """Stored files (issued documents such as the demo's meeting record, evidence)
    go to a folder of the test's own, never to var/media."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def consortium(db):
    return factories.organisation(Organisation.Kind.CONSORTIUM, short_name="DacCom")


@pytest.fixture
def pct(db):
    return factories.organisation(Organisation.Kind.PCT, short_name="PCT")


@pytest.fixture
def practice(consortium):
    """A practice of the consortium."""
    return factories.organisation(
        Organisation.Kind.PRACTICE, list_size=9000, member_of=consortium
    )


@pytest.fixture
def executive(consortium):
    return factories.user(
        Role.EXECUTIVE, factories.person(consortium, first_name="Exec")
    )


@pytest.fixture
def reviewer(pct):
    return factories.user(Role.PCT, factories.person(pct, first_name="Reviewer"))


@pytest.fixture
def practice_manager(practice):
    return factories.user(Role.PRACTICE_MANAGER, factories.person(practice))


@pytest.fixture
def no_role_user(db):
    return factories.user()


@pytest.fixture
def users(executive, reviewer, practice_manager, no_role_user):
    return {
        "executive": executive,
        "pct": reviewer,
        "practice_manager": practice_manager,
        "no_role": no_role_user,
    }


@pytest.fixture
def programme(consortium, pct):
    return factories.programme(consortium, partners=[pct])


@pytest.fixture
def objective(programme):
    return factories.objective(programme, number=1)


@pytest.fixture
def task(objective, consortium, executive):
    return factories.task(objective, consortium, owner=executive.person, order=1)


@pytest.fixture
def project(programme):
    return factories.project(programme)


@pytest.fixture
def target(project):
    return factories.target(project.programme, "1000.00", project=project)


@pytest.fixture
def criterion(programme):
    return factories.criterion(programme)


@pytest.fixture
def resource(programme, project):
    return factories.resource(programme, project=project)


# The demo's meeting record renders the same bytes every time (the same snapshot
# and reference): render it once per test session, not once per `pilot`.
_RENDERED_RECORDS = {}


def _render_once(original):
    def render(record):
        key = (record.reference, json.dumps(record.snapshot, sort_keys=True))
        if key not in _RENDERED_RECORDS:
            _RENDERED_RECORDS[key] = original(record)
        return _RENDERED_RECORDS[key]

    return render


@pytest.fixture
def pilot(db, monkeypatch):
    """The demo's pilot programme, loaded as `make run` loads it.

    Only for tests about the demo itself: behaviour tests build their data with
    `tests.factories`.
    """
    from governance.models import MeetingRecord

    monkeypatch.setattr(MeetingRecord, "render", _render_once(MeetingRecord.render))
    call_command("loaddemo", "--with-demo-users", verbosity=0)
    return Programme.objects.get(name="PbC pilot programme 2006/7")


@pytest.fixture
def pilot_reviewer(pilot, django_user_model):
    """The demo's PCT lead, John Phipps: a reviewer who may read the pilot."""
    return django_user_model.objects.get(username="jphipps")


# Meetings (issue #18) -------------------------------------------------------


@pytest.fixture
def committee(consortium):
    return factories.committee(consortium, name="Executive Committee")


@pytest.fixture
def draft_meeting(committee, executive):
    import datetime

    meeting = factories.meeting(committee, datetime.date(2007, 3, 13))
    factories.attendance(meeting, executive.person)
    return meeting


@pytest.fixture
def minute_item(draft_meeting):
    return factories.minute_item(draft_meeting, 2, heading="Business plan")


@pytest.fixture
def meeting_action(draft_meeting, executive):
    import datetime

    return factories.action(draft_meeting, executive.person, datetime.date(2007, 3, 31))


@pytest.fixture
def attendance_line(draft_meeting):
    return draft_meeting.attendance.first()


@pytest.fixture
def meeting_record(committee, executive, settings, tmp_path):
    """A finalised meeting's issued record (version 1)."""
    import datetime

    from governance.meeting_services import finalise_meeting

    settings.MEDIA_ROOT = tmp_path
    meeting = factories.meeting(
        committee,
        datetime.date(2007, 2, 22),
        recorded_by=executive.person,
        recorded_on=datetime.date(2007, 2, 23),
    )
    factories.attendance(meeting, executive.person)
    return finalise_meeting(meeting, user=executive)


@pytest.fixture
def calendar_feed(executive):
    from governance.models import CalendarFeed

    return CalendarFeed.objects.create(person=executive.person)
