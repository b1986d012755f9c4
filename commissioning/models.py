"""The business plan's service areas, and the gatekeeper that regulates what new
work the consortium takes on (issue #18; the Executive Committee minutes of 22
February 2007, items 2 and 5, and the status report of April 2007).

A proposal for new work goes through the gatekeeper (checked against the
executive's criteria, studied by a delegated executive member, decided by the
executive at a meeting); one accepted into the business plan then follows the
milestone process (leads, checklist and funding, business case approved by the
PCT Governance Committee) until it becomes a project in the programme.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.models import CleanTextModel, Versioned
from governance.models import Meeting, MinuteItem, Organisation, Person
from governance.roles import Role, access_of
from programmes.models import Programme, Project


class ConsortiumQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The consortium's executives and its practices' managers; PCT staff read
        every consortium's business plan and proposals."""
        access = access_of(user)
        if access.is_superuser or access.organisations_with(Role.PCT):
            return self
        return self.filter(
            consortium_id__in=access.organisations | access.consortia_of_practices
        )


def _consortium_field(related_name):
    return models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"kind": Organisation.Kind.CONSORTIUM},
    )


class LevelOfInput(models.TextChoices):
    """What the consortium offers for a service (minutes of 22 February 2007), or
    "blocked back": left to the PCT to manage."""

    CLINICAL_ADVICE = "clinical_advice", "Clinical advice"
    ACTIVITY_MANAGEMENT = "activity_management", "Activity management"
    SERVICE_REDESIGN = "service_redesign", "Service redesign"
    SERVICE_PROVISION = "service_provision", "Service provision"
    BLOCKED_BACK = "blocked_back", "Blocked back to the PCT"


class ServiceArea(Versioned, CleanTextModel):
    """A service in the consortium's business plan, e.g. Prescribing."""

    consortium = _consortium_field("service_areas")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    level_of_input = models.CharField(
        max_length=30,
        choices=LevelOfInput.choices,
        blank=True,
        help_text="Leave empty while it is not yet defined.",
    )
    clinical_lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clinical_lead_of",
    )
    management_lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="management_lead_of",
    )
    notes = models.TextField(blank=True)

    objects = ConsortiumQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["consortium", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "name"], name="one_service_area_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commissioning:service-area", args=[self.pk])

    def is_writable_by(self, user):
        return access_of(user).is_executive_of(self.consortium_id)

    @property
    def is_blocked_back(self):
        return self.level_of_input == LevelOfInput.BLOCKED_BACK


class ServiceRoleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            service_area__in=ServiceArea.objects.visible_to(user).values("pk")
        )


class ServiceRole(CleanTextModel):
    """What one party does for a service: the minutes' prescribing example gives
    the consortium clinical advice, communication and data monitoring, and the PCT
    administrative help with switches and policing."""

    class Party(models.TextChoices):
        CONSORTIUM = "consortium", "The consortium"
        PCT = "pct", "The PCT"
        PRACTICES = "practices", "The practices"
        OTHER = "other", "Another party"

    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.CASCADE, related_name="roles"
    )
    party = models.CharField(max_length=20, choices=Party.choices)
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ServiceRoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["service_area", "party", "order", "pk"]

    def __str__(self):
        return f"{self.get_party_display()}: {self.description}"

    def is_writable_by(self, user):
        return self.service_area.is_writable_by(user)


class GatekeeperCriterion(CleanTextModel):
    """A criterion a proposal must meet to be considered, set by the executive."""

    consortium = _consortium_field("gatekeeper_criteria")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    active = models.BooleanField(default=True)
    notes = models.TextField(blank=True)

    objects = ConsortiumQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["consortium", "order", "pk"]
        verbose_name_plural = "gatekeeper criteria"

    def __str__(self):
        return self.text


class Stage(models.TextChoices):
    # The gatekeeper
    RECEIVED = "received", "Received"
    SCREENED = "screened", "Checked against the criteria"
    UNDER_STUDY = "under_study", "Being studied"
    RECOMMENDED = "recommended", "Recommendation made"
    ACCEPTED = "accepted", "Accepted into the business plan"
    BLOCKED_BACK = "blocked_back", "Blocked back to the PCT"
    DECLINED = "declined", "Declined"
    DEFERRED = "deferred", "Deferred"
    # The milestone process, once accepted
    LEADS_IDENTIFIED = "leads_identified", "Leads identified"
    CHECKLIST_AGREED = "checklist_agreed", "Checklist agreed and funding decided"
    CASE_DRAFTED = "case_drafted", "Business case drafted"
    CASE_SUBMITTED = "case_submitted", "Business case submitted"
    CASE_APPROVED = "case_approved", "Business case approved"
    CASE_NOT_APPROVED = "case_not_approved", "Business case not approved"
    IN_PROGRAMME = "in_programme", "In the programme"


DECISIONS = (Stage.ACCEPTED, Stage.BLOCKED_BACK, Stage.DECLINED, Stage.DEFERRED)
# The executive's decision in the words of a meeting's minute.
DECISION_LABELS = {
    Stage.ACCEPTED: "Accept into the business plan",
    Stage.BLOCKED_BACK: "Block back to the PCT",
    Stage.DECLINED: "Decline",
    Stage.DEFERRED: "Defer",
}


@dataclass(frozen=True)
class Move:
    """One allowed move: from any of `sources` to one of `targets`, made by a
    member with `role` (executive members of the proposal's consortium, or PCT
    staff, who record the PCT Governance Committee's decisions)."""

    label: str
    sources: tuple
    targets: tuple
    role: str = Role.EXECUTIVE


# Every allowed move of a proposal, in the order of the process. Anything not here
# is refused (commissioning.services.advance).
MOVES = {
    "screen": Move("Check against the criteria", (Stage.RECEIVED,), (Stage.SCREENED,)),
    "delegate": Move(
        "Delegate for study", (Stage.SCREENED, Stage.DEFERRED), (Stage.UNDER_STUDY,)
    ),
    "recommend": Move(
        "Record the recommendation", (Stage.UNDER_STUDY,), (Stage.RECOMMENDED,)
    ),
    "decide": Move(
        "Record the executive's decision",
        (Stage.SCREENED, Stage.RECOMMENDED, Stage.DEFERRED),
        DECISIONS,
    ),
    "identify-leads": Move(
        "Identify the leads", (Stage.ACCEPTED,), (Stage.LEADS_IDENTIFIED,)
    ),
    "agree-checklist": Move(
        "Agree the checklist and funding",
        (Stage.LEADS_IDENTIFIED,),
        (Stage.CHECKLIST_AGREED,),
    ),
    "draft-case": Move(
        "Draft the business case",
        (Stage.CHECKLIST_AGREED, Stage.CASE_NOT_APPROVED),
        (Stage.CASE_DRAFTED,),
    ),
    "submit-case": Move(
        "Submit the business case", (Stage.CASE_DRAFTED,), (Stage.CASE_SUBMITTED,)
    ),
    "record-committee-decision": Move(
        "Record the Governance Committee's decision",
        (Stage.CASE_SUBMITTED,),
        (Stage.CASE_APPROVED, Stage.CASE_NOT_APPROVED),
        role=Role.PCT,
    ),
    "start-project": Move(
        "Start the project in the programme",
        (Stage.CASE_APPROVED,),
        (Stage.IN_PROGRAMME,),
    ),
}


class Proposal(Versioned, CleanTextModel):
    """A request for new, unplanned work, e.g. the Tring physiotherapy clinic's
    request for action, sent to Mark Jones (minutes of 22 February 2007, item 5)."""

    consortium = _consortium_field("proposals")
    title = models.CharField(max_length=200)
    raised_by = models.CharField(
        max_length=200, help_text="Who raised it: a person, practice or provider."
    )
    raised_by_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_raised",
    )
    received_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_received",
    )
    received_on = models.DateField()
    service_area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    request = models.TextField("what is asked")
    stage = models.CharField(
        max_length=30, choices=Stage.choices, default=Stage.RECEIVED
    )
    # The gatekeeper
    delegate = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_studied",
        help_text="The executive member who studies it and recommends.",
    )
    recommendation = models.CharField(
        max_length=30,
        choices=[(d.value, DECISION_LABELS[d]) for d in DECISIONS],
        blank=True,
    )
    recommendation_reason = models.TextField(blank=True)
    decision = models.CharField(
        max_length=30,
        choices=[(d.value, DECISION_LABELS[d]) for d in DECISIONS],
        blank=True,
    )
    decided_on = models.DateField("meeting date", null=True, blank=True)
    # The minute by its number: a decision may predate the meeting's record here.
    minute_number = models.CharField(
        max_length=20, blank=True, help_text="The minute that records the decision."
    )
    decision_reason = models.TextField(blank=True)
    # The milestone process
    clinical_lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_clinically_led",
    )
    management_lead = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals_managed",
    )
    funding_decision = models.TextField(
        blank=True, help_text="Whether and how work on it is funded."
    )
    funding_amount = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )
    committee_decision_note = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    project = models.OneToOneField(
        Project,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ConsortiumQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return self.title

    def recording_minute(self, user):
        """The minute item that records the decision, when the committee's record
        of that meeting is kept here and `user` may read it; else None."""
        if not (self.decided_on and self.minute_number.strip().isdigit()):
            return None
        return (
            MinuteItem.objects.filter(
                meeting__in=Meeting.objects.visible_to(user),
                meeting__committee__organisation_id=self.consortium_id,
                meeting__held_on=self.decided_on,
                number=int(self.minute_number),
            )
            .select_related("meeting")
            .first()
        )

    def get_absolute_url(self):
        return reverse("commissioning:proposal", args=[self.pk])

    def is_writable_by(self, user):
        return access_of(user).is_executive_of(self.consortium_id)

    def may_make(self, action, user):
        """Whether `user` has the role `action` needs (not whether the stage
        allows it: see `allows`)."""
        access = access_of(user)
        if MOVES[action].role == Role.PCT:
            return access.is_superuser or bool(access.organisations_with(Role.PCT))
        return access.is_executive_of(self.consortium_id)

    def allows(self, action):
        return self.stage in MOVES[action].sources

    def next_moves(self, user):
        """(action, move) the user may make now."""
        return [
            (action, move)
            for action, move in MOVES.items()
            if self.allows(action) and self.may_make(action, user)
        ]

    def programmes(self):
        """Programmes an accepted proposal may become a project in."""
        return Programme.objects.filter(consortium_id=self.consortium_id)


class CriterionCheck(CleanTextModel):
    """A proposal checked against one criterion of the executive's checklist."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="checks"
    )
    criterion = models.ForeignKey(
        GatekeeperCriterion, on_delete=models.PROTECT, related_name="checks"
    )
    met = models.BooleanField()
    note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "criterion"], name="one_check_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {'met' if self.met else 'not met'}"


class ProposalStep(CleanTextModel):
    """One move of a proposal, with the date it happened (a meeting's date, the
    day the Governance Committee decided), beside when it was recorded."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="steps"
    )
    action = models.CharField(max_length=40)
    from_stage = models.CharField(max_length=30, choices=Stage.choices)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "on", "pk"]

    def __str__(self):
        return f"{self.get_to_stage_display()} on {self.on}"
