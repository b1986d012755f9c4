import json

import pytest
from django.core.management import call_command

from governance.models import Organisation
from governance.roles import Role
from programmes.models import Programme
from tests import factories
from tests.reserve_fixtures import *  # noqa: F403 (the reserve's fixtures)


@pytest.fixture(autouse=True)
def _files_in_a_temporary_folder(settings, tmp_path):
    """Stored files (evidence, invoices, issued documents, the demo's invoice PDFs)
    go to the test's own folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def seal_certificate(tmp_path_factory):
    """A throwaway seal (CA, certificate, key) for the whole run: a fresh clone
    tests sealing with no manual step, and never touches var/seal/."""
    from django.conf import settings

    from core.sealing import make_development_certificate

    paths = make_development_certificate(tmp_path_factory.mktemp("seal"))
    saved = {
        name: getattr(settings, name)
        for name in ("SEAL_CERTIFICATE", "SEAL_KEY", "SEAL_CA_CERTIFICATE")
    }
    settings.SEAL_CERTIFICATE = str(paths["certificate"])
    settings.SEAL_KEY = str(paths["key"])
    settings.SEAL_CA_CERTIFICATE = str(paths["ca"])
    yield paths
    for name, value in saved.items():
        setattr(settings, name, value)


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


_RENDERED = {}
_SEALED = {}


def _render_pdf_once(template_name, context):
    """render_pdf, remembered for the run: the same facts give the same bytes
    (core.pdf), and the demo's seven signed documents are the same every load."""
    from core.pdf import render_pdf

    key = (template_name, json.dumps(context, sort_keys=True, default=str))
    if key not in _RENDERED:
        _RENDERED[key] = render_pdf(template_name, context)
    return _RENDERED[key]


def _seal_pdf_once(content, **kwargs):
    """seal_pdf, remembered for the run by the bytes sealed: a sealed copy of the
    same bytes is as valid as a fresh one, and pyHanko takes a while to write."""
    from core.sealing import seal_pdf

    key = (content, tuple(sorted(kwargs.items())))
    if key not in _SEALED:
        _SEALED[key] = seal_pdf(content, **kwargs)
    return _SEALED[key]


@pytest.fixture
def scheme(programme):
    """A DES for the programme, at 95p + 95p, with an achievement payment."""
    from tests.funding import helpers

    des = helpers.scheme(programme, population_as_at=factories.LIST_SIZE_MONTH)
    helpers.kind(des, "aspiration", "0.95")
    helpers.kind(des, "achievement", "0.95")
    return des


@pytest.fixture
def participation(scheme, practice):
    """The consortium's practice takes part in the scheme."""
    from tests.funding import helpers

    return helpers.take_part(scheme, practice)


@pytest.fixture
def framework(consortium, pct):
    """A governance framework of the consortium, in the PCT's version."""
    return factories.framework(consortium, pct)


@pytest.fixture
def framework_target(framework):
    area = factories.framework_area(framework, [(1, "met"), (1, None)])
    return area.targets.order_by("code").first()


@pytest.fixture
def framework_level(framework):
    return framework.levels.get(number=3)


@pytest.fixture
def service_area(consortium):
    return factories.service_area(consortium)


@pytest.fixture
def service_role(service_area):
    return service_area.roles.create(party="consortium", description="Data monitoring")


@pytest.fixture
def proposal(consortium):
    """A proposal for new work the consortium has just received."""
    return factories.proposal(consortium)


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
    `tests.factories`. Its signed documents are laid out and sealed once a run:
    every load of the demo issues the same documents.
    """
    monkeypatch.setattr("core.signing.render_pdf", _render_pdf_once)
    monkeypatch.setattr("core.signing.seal_pdf", _seal_pdf_once)

    from governance.models import MeetingRecord

    monkeypatch.setattr(MeetingRecord, "render", _render_once(MeetingRecord.render))
    from reports.models import PublishedStatusReport

    monkeypatch.setattr(
        PublishedStatusReport,
        "render",
        _render_once(PublishedStatusReport.render),
    )
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


# Status reports (issue #19) -------------------------------------------------


@pytest.fixture
def status_draft(consortium, executive, programme):
    import datetime

    from reports.status_services import start_report

    return start_report(consortium, datetime.date(2007, 5, 1), user=executive)


@pytest.fixture
def status_published(consortium, executive, programme, settings, tmp_path):
    """April 2007's report, published (its PDF laid out once per test)."""
    import datetime

    from reports.status_services import publish, start_report

    settings.MEDIA_ROOT = tmp_path
    report = start_report(consortium, datetime.date(2007, 4, 1), user=executive)
    return publish(report, user=executive)
