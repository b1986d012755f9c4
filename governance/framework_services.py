"""The governance framework: which level the consortium qualifies for, what is
missing for the next, and the one service that changes its position on a target.

The rule, per level (FrameworkLevel): in each area, meet at least
`targets_to_meet_per_area` of the targets counted at that level (all of them when
the area has fewer), and, when `plans_for_remainder`, have a plan in place for
every target not met. An area with no targets at a level asks nothing there.
A target counts at its own level and every level above. The consortium qualifies
for the highest level L at which it qualifies at every level from 1 to L.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch

from core.editing import refuse_if_stale
from core.log import log_action
from governance.models import (
    FrameworkArea,
    FrameworkTarget,
    InterimFunding,
    TargetPosition,
)

Status = TargetPosition.Status
POSITION_FIELDS = ("status", "evidence", "plan", "plan_due")


def status_of(target):
    """A target's status; one nobody has recorded a position for is neither."""
    try:
        return target.position.status
    except TargetPosition.DoesNotExist:
        return Status.NEITHER


@dataclass
class AreaStanding:
    area: object
    targets: list
    to_meet: int  # how many must be met here at this level
    plans_required: bool
    met: list = field(default_factory=list)
    planned: list = field(default_factory=list)
    neither: list = field(default_factory=list)

    @property
    def more_to_meet(self):
        return max(0, self.to_meet - len(self.met))

    @property
    def needing_plans(self):
        """Targets neither met nor planned, when the rule asks for plans."""
        return self.neither if self.plans_required else []

    @property
    def qualifies(self):
        return self.more_to_meet == 0 and not self.needing_plans


@dataclass
class LevelStanding:
    level: object
    areas: list

    @property
    def qualifies(self):
        return all(area.qualifies for area in self.areas)

    @property
    def short_areas(self):
        return [area for area in self.areas if not area.qualifies]


@dataclass
class Standing:
    levels: list  # LevelStanding, level 1 first

    @property
    def qualified_level(self):
        """The highest level number qualified for, every level below it too; 0 for
        none."""
        reached = 0
        for standing in self.levels:
            if not standing.qualifies:
                break
            reached = standing.level.number
        return reached

    @property
    def current(self):
        return next(
            (s for s in self.levels if s.level.number == self.qualified_level), None
        )

    @property
    def next_level(self):
        """The standing at the level above the one qualified for (None at the top)."""
        return next(
            (s for s in self.levels if s.level.number == self.qualified_level + 1),
            None,
        )

    @property
    def shown_level(self):
        """The level worth showing area by area: the next one, else the top."""
        return self.next_level or self.current


def assess(levels, areas):
    """The standing at each of `levels`, from `areas` whose `targets` are lists
    of targets with their positions (see `status_of`)."""
    standings = []
    for level in sorted(levels, key=lambda level: level.number):
        area_standings = []
        for area in areas:
            counted = [t for t in area.targets_list if t.level <= level.number]
            standing = AreaStanding(
                area=area,
                targets=counted,
                to_meet=min(level.targets_to_meet_per_area, len(counted)),
                plans_required=level.plans_for_remainder,
            )
            for target in counted:
                getattr(standing, status_of(target)).append(target)
            area_standings.append(standing)
        standings.append(LevelStanding(level=level, areas=area_standings))
    return Standing(levels=standings)


def framework_areas(framework):
    """Its areas, each with `targets_list` (positions joined): two queries."""
    targets = FrameworkTarget.objects.select_related("position").order_by("code")
    return list(
        FrameworkArea.objects.filter(framework=framework).prefetch_related(
            Prefetch("targets", queryset=targets, to_attr="targets_list")
        )
    )


def standing_of(framework, areas=None):
    """Where the consortium stands in `framework`: three queries, whatever its
    size (`areas` from framework_areas when the page has them already)."""
    if areas is None:
        areas = framework_areas(framework)
    return assess(list(framework.levels.all()), areas)


def latest_interim_funding(frameworks):
    """The newest interim funding of each framework in `frameworks`: one query."""
    latest = {}
    rows = (
        InterimFunding.objects.filter(framework__in=frameworks)
        .select_related("framework")
        .order_by("framework", "-starts_on", "-pk")
    )
    for funding in rows:
        latest.setdefault(funding.framework_id, funding)
    return list(latest.values())


def update_position(target, *, changes, expected_version, user):
    """Record the consortium's position on `target` (validated by its form).

    1. A change identical to what is stored saves nothing (returns changed False).
    2. If the position moved on since the form was loaded, raise EditConflict.
    3. Else save it, with who in the field history and the change in the log.
    """
    with transaction.atomic():
        position = (
            TargetPosition.objects.select_for_update().filter(target=target).first()
        )
        if position is None:  # nobody has recorded one: it was "neither"
            position = TargetPosition(target=target)
        before = {name: getattr(position, name) for name in POSITION_FIELDS}
        after = {**before, **changes}
        if before == after:
            return position, False
        if position.pk is not None:
            refuse_if_stale(position, expected_version)
        for name, value in after.items():
            setattr(position, name, value)
        position.full_clean(exclude=["target"])
        position._history_user = user
        position.save()
        log_action(
            position,
            "governance.targetposition.updated",
            user=user,
            data={
                "target": target.code,
                **{
                    name: {"from": str(before[name]), "to": str(after[name])}
                    for name in POSITION_FIELDS
                    if before[name] != after[name]
                },
            },
        )
    return position, True


def record_interim_funding(funding, *, user):
    """Save interim funding (validated by its form) and log it."""
    with transaction.atomic():
        funding._history_user = user
        funding.save()
        log_action(
            funding.framework,
            "governance.framework.interim_funding_recorded",
            user=user,
            data={
                "level": funding.level,
                "starts_on": funding.starts_on,
                "ends_on": funding.ends_on,
                "targets_due_by": funding.targets_due_by,
            },
        )
    return funding


def save_framework_item(item, *, user, fields=()):
    """Add or change an area, target or level of a framework (validated by its
    form), logged as `governance.<model>.created` or `.updated`."""
    name = f"governance.{item._meta.model_name}"
    with transaction.atomic():
        if item.pk is None:
            action, data = "created", {"name": str(item)}
        else:
            stored = type(item).objects.select_for_update().get(pk=item.pk)
            data = {
                field: {
                    "from": str(getattr(stored, field)),
                    "to": str(getattr(item, field)),
                }
                for field in fields
                if getattr(stored, field) != getattr(item, field)
            }
            if not data:
                return item, False
            action = "updated"
        item._history_user = user
        item.save()
        log_action(item, f"{name}.{action}", user=user, data=data)
    return item, True
