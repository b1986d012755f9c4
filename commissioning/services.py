"""What changes the business plan and the gatekeeper: each change atomic and
written to the action log (`commissioning.<model>.<action>`)."""

from django.db import transaction

from commissioning.models import (
    DECISIONS,
    MOVES,
    CriterionCheck,
    GatekeeperCriterion,
    Proposal,
    ProposalStep,
    ServiceArea,
)
from core.editing import refuse_if_stale
from core.log import log_action
from programmes.models import Project
from programmes.services import create_plan_item


class ProposalError(Exception):
    """A move refused; the message is for the user."""


def _logged(value):
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


@transaction.atomic
def save_service_area(area, *, fields, user, expected_version=None):
    """Add a service area, or save the edited `fields` of one (validated by its
    form) unless someone else saved it since the form was loaded (EditConflict)."""
    adding = area.pk is None
    if not adding:
        stored = ServiceArea.objects.select_for_update().get(pk=area.pk)
        changes = {
            name: {
                "from": _logged(getattr(stored, name)),
                "to": _logged(getattr(area, name)),
            }
            for name in fields
            if getattr(stored, name) != getattr(area, name)
        }
        if not changes:
            return area, False
        refuse_if_stale(stored, expected_version)
        area.version = stored.version
    area._history_user = user
    area.save()
    log_action(
        area,
        "commissioning.servicearea.created"
        if adding
        else "commissioning.servicearea.updated",
        user=user,
        data={"name": area.name} if adding else changes,
    )
    return area, True


@transaction.atomic
def add_service_role(role, *, user):
    role._history_user = user
    role.save()
    log_action(
        role.service_area,
        "commissioning.servicearea.role_added",
        user=user,
        data={"party": role.party, "role": role.description},
    )
    return role


@transaction.atomic
def remove_service_role(role, *, user):
    log_action(
        role.service_area,
        "commissioning.servicearea.role_removed",
        user=user,
        data={"party": role.party, "role": role.description},
    )
    role._history_user = user
    role.delete()


@transaction.atomic
def add_criterion(criterion, *, user):
    criterion._history_user = user
    criterion.save()
    log_action(
        criterion,
        "commissioning.criterion.created",
        user=user,
        data={"text": criterion.text},
    )
    return criterion


@transaction.atomic
def create_proposal(proposal, *, user):
    proposal._history_user = user
    proposal.save()
    log_action(
        proposal,
        "commissioning.proposal.created",
        user=user,
        data={"title": proposal.title, "raised_by": proposal.raised_by},
    )
    return proposal


def advance(proposal, action, *, user, on, to=None, note="", **details):
    """Make the move `action` (see MOVES): the one way a proposal changes stage.

    1. The move must exist, the user must have its role, the proposal must be at
       a stage it starts from, and `to` one of the stages it may end at.
    2. The move's own facts are recorded (`details`: the criteria checked, the
       delegate, the decision and its minute, the leads, the funding, the project).
    3. The step is kept with its date, and the move written to the action log.
    Raises ProposalError, with the reason, when the move is refused.
    """
    move = MOVES.get(action)
    if move is None:
        raise ProposalError(f"There is no step “{action}”.")
    with transaction.atomic():
        proposal = (
            Proposal.objects.select_for_update(of=("self",))
            .select_related("consortium")
            .get(pk=proposal.pk)
        )
        if not proposal.may_make(action, user):
            raise ProposalError(
                f"You may not {move.label.lower()}: it is for "
                f"{'PCT staff' if move.role == 'pct' else 'executive members'}."
            )
        if proposal.stage not in move.sources:
            raise ProposalError(
                f"“{move.label}” is not possible while the proposal is "
                f"“{proposal.get_stage_display()}”."
            )
        if to is None and len(move.targets) == 1:
            to = move.targets[0]
        if to not in move.targets:
            raise ProposalError(f"“{move.label}” cannot end at “{to}”.")
        logged = _APPLY[action](proposal, user=user, on=on, to=to, note=note, **details)
        before = proposal.stage
        proposal.stage = to
        proposal._history_user = user
        proposal.save()
        ProposalStep.objects.create(
            proposal=proposal,
            action=action,
            from_stage=before,
            to_stage=to,
            on=on,
            note=note,
            recorded_by=user if user.is_authenticated else None,
        )
        log_action(
            proposal,
            f"commissioning.proposal.{action.replace('-', '_')}",
            user=user,
            data={"from": before, "to": to, "on": on.isoformat(), **logged},
        )
    return proposal


def _screen(proposal, *, checks, **_):
    """`checks`: {criterion: (met, note)} for every active criterion."""
    wanted = set(
        GatekeeperCriterion.objects.filter(
            consortium=proposal.consortium, active=True
        ).values_list("pk", flat=True)
    )
    if {criterion.pk for criterion in checks} != wanted:
        raise ProposalError("Check the proposal against every criterion.")
    for criterion, (met, note) in checks.items():
        CriterionCheck.objects.update_or_create(
            proposal=proposal,
            criterion=criterion,
            defaults={"met": met, "note": note},
        )
    return {"met": sum(1 for met, _ in checks.values() if met), "of": len(checks)}


def _delegate(proposal, *, delegate, **_):
    if delegate.organisation_id != proposal.consortium_id:
        raise ProposalError("Delegate the study to a member of the executive.")
    proposal.delegate = delegate
    return {"delegate": str(delegate)}


def _recommend(proposal, *, recommendation, reason, **_):
    if recommendation not in DECISIONS:
        raise ProposalError("Recommend a decision the executive can make.")
    proposal.recommendation = recommendation
    proposal.recommendation_reason = reason
    return {"recommendation": recommendation}


def _decide(proposal, *, to, on, minute_number, reason, **_):
    if not reason.strip():
        raise ProposalError("Give the reason for the decision.")
    proposal.decision = to
    proposal.decided_on = on
    proposal.minute_number = minute_number
    proposal.decision_reason = reason
    return {"decision": to, "minute": minute_number}


def _identify_leads(proposal, *, clinical_lead, management_lead, **_):
    proposal.clinical_lead = clinical_lead
    proposal.management_lead = management_lead
    return {
        "clinical_lead": str(clinical_lead),
        "management_lead": str(management_lead),
    }


def _agree_checklist(proposal, *, funding_decision, funding_amount=None, **_):
    if not funding_decision.strip():
        raise ProposalError("Say whether and how work on it is funded.")
    proposal.funding_decision = funding_decision
    proposal.funding_amount = funding_amount
    return {"funding_amount": _logged(funding_amount)}


def _note_only(proposal, **_):
    return {}


def _committee_decision(proposal, *, note, **_):
    proposal.committee_decision_note = note
    return {}


def _start_project(proposal, *, user, programme, name, **_):
    if programme.consortium_id != proposal.consortium_id:
        raise ProposalError("Choose a programme of the consortium.")
    if Project.objects.filter(programme=programme, name=name).exists():
        raise ProposalError(f"The programme has a project called “{name}” already.")
    description = (
        f"From the proposal “{proposal.title}”, raised by {proposal.raised_by}."
    )
    project = create_plan_item(
        Project(programme=programme, name=name, description=description), user=user
    )
    proposal.project = project
    return {"programme": str(programme), "project": name}


_APPLY = {
    "screen": _screen,
    "delegate": _delegate,
    "recommend": _recommend,
    "decide": _decide,
    "identify-leads": _identify_leads,
    "agree-checklist": _agree_checklist,
    "draft-case": _note_only,
    "submit-case": _note_only,
    "record-committee-decision": _committee_decision,
    "start-project": _start_project,
}
