"""Every move of a proposal through the gatekeeper and the milestone process,
allowed and refused: the table in commissioning.models.MOVES, written out by hand
here so that a change to it shows."""

import datetime
from decimal import Decimal

import pytest

from commissioning.models import MOVES, Proposal, ProposalStep, Stage
from commissioning.services import ProposalError, advance
from core.models import LogEntry
from programmes.models import Project
from tests import factories

ON = datetime.date(2007, 3, 13)

# (action, from stage) → the stages it may end at. Everything else is refused.
ALLOWED = {
    ("screen", "received"): ["screened"],
    ("delegate", "screened"): ["under_study"],
    ("delegate", "deferred"): ["under_study"],
    ("recommend", "under_study"): ["recommended"],
    **{
        ("decide", stage): ["accepted", "blocked_back", "declined", "deferred"]
        for stage in ("screened", "recommended", "deferred")
    },
    ("identify-leads", "accepted"): ["leads_identified"],
    ("agree-checklist", "leads_identified"): ["checklist_agreed"],
    ("draft-case", "checklist_agreed"): ["case_drafted"],
    ("draft-case", "case_not_approved"): ["case_drafted"],
    ("submit-case", "case_drafted"): ["case_submitted"],
    ("record-committee-decision", "case_submitted"): [
        "case_approved",
        "case_not_approved",
    ],
    ("start-project", "case_approved"): ["in_programme"],
}
PCT_ACTIONS = {"record-committee-decision"}


def test_the_table_is_as_written_here():
    table = {
        (action, source): [str(target) for target in move.targets]
        for action, move in MOVES.items()
        for source in move.sources
    }
    assert table == ALLOWED


@pytest.fixture
def setting(consortium, executive, reviewer, programme):
    return {
        "criteria": [factories.gatekeeper_criterion(consortium) for _ in range(2)],
        "executive": executive,
        "reviewer": reviewer,
        "programme": programme,
    }


def _details(action, setting, proposal):
    person = setting["executive"].person
    return {
        "screen": lambda: {
            "checks": {c: (True, "") for c in setting["criteria"]},
        },
        "delegate": lambda: {"delegate": person},
        "recommend": lambda: {"recommendation": "accepted", "reason": "Fits the plan"},
        "decide": lambda: {"minute_number": "5", "reason": "Agreed"},
        "identify-leads": lambda: {"clinical_lead": person, "management_lead": person},
        "agree-checklist": lambda: {
            "funding_decision": "Fund 20 hours",
            "funding_amount": Decimal("1500.00"),
        },
        "draft-case": dict,
        "submit-case": dict,
        "record-committee-decision": dict,
        "start-project": lambda: {
            "programme": setting["programme"],
            "name": f"Project for {proposal.title}",
        },
    }[action]()


def _actor(action, setting):
    return setting["reviewer" if action in PCT_ACTIONS else "executive"]


CASES = [
    (action, stage.value, target)
    for action, move in MOVES.items()
    for stage in Stage
    for target in ALLOWED.get((action, stage.value), [None])
]


@pytest.mark.parametrize(("action", "stage", "to"), CASES)
def test_every_move_allowed_or_refused(setting, consortium, action, stage, to):
    proposal = factories.proposal(consortium, stage=stage)
    user = _actor(action, setting)
    details = _details(action, setting, proposal)
    if to is None:
        with pytest.raises(ProposalError, match="is not possible while"):
            advance(proposal, action, user=user, on=ON, **details)
        assert Proposal.objects.get(pk=proposal.pk).stage == stage
        assert not ProposalStep.objects.exists()
        assert not LogEntry.objects.for_object(proposal).exists()
        return
    advance(proposal, action, user=user, on=ON, to=to, **details)
    proposal.refresh_from_db()
    assert proposal.stage == to
    step = ProposalStep.objects.get(proposal=proposal)
    assert (step.from_stage, step.to_stage, step.on) == (stage, to, ON)
    entry = LogEntry.objects.for_object(proposal).get()
    assert entry.action == f"commissioning.proposal.{action.replace('-', '_')}"
    assert entry.user == user
    assert entry.data["from"] == stage and entry.data["to"] == to


@pytest.mark.parametrize(("action", "stage"), list(ALLOWED))
def test_each_move_is_refused_to_the_wrong_role(
    setting, consortium, practice_manager, action, stage
):
    proposal = factories.proposal(consortium, stage=stage)
    wrong = [practice_manager]
    wrong.append(setting["executive"] if action in PCT_ACTIONS else setting["reviewer"])
    details = _details(action, setting, proposal)
    for user in wrong:
        with pytest.raises(ProposalError, match="You may not"):
            advance(proposal, action, user=user, on=ON, **details)
    assert Proposal.objects.get(pk=proposal.pk).stage == stage


def test_a_decision_cannot_end_elsewhere(setting, consortium):
    proposal = factories.proposal(consortium, stage="recommended")
    with pytest.raises(ProposalError):
        advance(
            proposal,
            "decide",
            user=setting["executive"],
            on=ON,
            to="in_programme",
            minute_number="5",
            reason="x",
        )


def test_screening_must_cover_every_criterion(setting, consortium):
    proposal = factories.proposal(consortium)
    with pytest.raises(ProposalError, match="every criterion"):
        advance(
            proposal,
            "screen",
            user=setting["executive"],
            on=ON,
            checks={setting["criteria"][0]: (True, "")},
        )


def test_a_decision_needs_its_reason_and_records_its_minute(setting, consortium):
    proposal = factories.proposal(consortium, stage="screened")
    with pytest.raises(ProposalError, match="reason"):
        advance(
            proposal,
            "decide",
            user=setting["executive"],
            on=ON,
            to="deferred",
            minute_number="5",
            reason=" ",
        )
    advance(
        proposal,
        "decide",
        user=setting["executive"],
        on=datetime.date(2007, 2, 22),
        to="deferred",
        minute_number="5",
        reason="Find out who commissions it",
    )
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.decided_on, proposal.minute_number) == (
        "deferred",
        datetime.date(2007, 2, 22),
        "5",
    )


def test_a_delegate_must_be_of_the_executive(setting, consortium, reviewer):
    proposal = factories.proposal(consortium, stage="screened")
    with pytest.raises(ProposalError, match="member of the executive"):
        advance(
            proposal,
            "delegate",
            user=setting["executive"],
            on=ON,
            delegate=reviewer.person,
        )


def test_starting_the_project_puts_it_in_the_programme(setting, consortium):
    proposal = factories.proposal(consortium, stage="case_approved", title="Physio")
    advance(
        proposal,
        "start-project",
        user=setting["executive"],
        on=ON,
        programme=setting["programme"],
        name="Physiotherapy redesign",
    )
    proposal.refresh_from_db()
    project = Project.objects.get(programme=setting["programme"])
    assert proposal.project == project and project.name == "Physiotherapy redesign"
    assert LogEntry.objects.for_object(project).get().action == (
        "programmes.project.created"
    )


def test_a_project_must_go_to_a_programme_of_the_consortium(setting, consortium):
    other = factories.programme(factories.organisation())
    proposal = factories.proposal(consortium, stage="case_approved")
    with pytest.raises(ProposalError, match="programme of the consortium"):
        advance(
            proposal,
            "start-project",
            user=setting["executive"],
            on=ON,
            programme=other,
            name="Elsewhere",
        )
    assert not Project.objects.exists()
