"""Which level of the governance framework the consortium qualifies for, and what
is missing for the next: the seeds' rule, "meet 2 targets in each area, with plans
in place to address the remainder" (status report, April 2007)."""

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from governance.framework_services import assess, standing_of
from governance.models import FrameworkLevel
from tests import factories

MET, PLANNED, NEITHER = "met", "planned", "neither"


def _area(framework, *targets):
    return factories.framework_area(framework, targets)


def test_it_qualifies_at_level_3_with_two_met_and_the_rest_planned(framework):
    _area(framework, (1, MET), (1, MET), (2, PLANNED))
    _area(framework, (1, MET), (3, MET), (3, PLANNED))
    standing = standing_of(framework)
    assert standing.qualified_level == 3
    assert standing.next_level is None


def test_exactly_two_met_is_enough_and_one_is_not(framework):
    _area(framework, (1, MET), (1, MET), (1, PLANNED), (1, PLANNED))
    assert standing_of(framework).qualified_level == 3
    short = _area(framework, (1, MET), (1, PLANNED), (1, PLANNED))
    standing = standing_of(framework)
    assert standing.qualified_level == 0
    (missing,) = standing.next_level.short_areas
    assert missing.area == short
    assert missing.more_to_meet == 1
    assert missing.needing_plans == []


def test_one_area_short_holds_back_the_whole_consortium(framework):
    _area(framework, (1, MET), (1, MET))
    _area(framework, (1, MET), (1, MET))
    short = _area(framework, (1, MET), (1, NEITHER), (1, NEITHER))
    standing = standing_of(framework)
    assert standing.qualified_level == 0
    assert standing.next_level.level.number == 1
    (missing,) = standing.next_level.short_areas
    assert missing.area == short
    assert missing.more_to_meet == 1
    assert [t.code for t in missing.needing_plans] == [
        t.code for t in short.targets.order_by("code")[1:]
    ]


def test_planned_counts_for_the_remainder_and_neither_does_not(framework):
    area = _area(framework, (1, MET), (1, MET), (1, PLANNED))
    assert standing_of(framework).qualified_level == 3
    unplanned = factories.framework_area(framework, [(1, MET), (1, MET), (1, NEITHER)])
    standing = standing_of(framework)
    assert standing.qualified_level == 0
    (missing,) = standing.next_level.short_areas
    assert missing.area == unplanned and missing.more_to_meet == 0
    assert [t.title for t in missing.needing_plans] == [
        unplanned.targets.get(code__endswith=".3").title
    ]
    assert area not in [a.area for a in standing.next_level.short_areas]


def test_a_target_with_no_position_recorded_is_neither(framework):
    _area(framework, (1, MET), (1, MET), (1, None))
    standing = standing_of(framework)
    assert standing.qualified_level == 0
    assert len(standing.next_level.short_areas[0].needing_plans) == 1


def test_an_area_with_no_targets_asks_nothing(framework):
    _area(framework, (1, MET), (1, MET))
    empty = _area(framework)
    standing = standing_of(framework)
    assert standing.qualified_level == 3
    empty_standing = next(a for a in standing.levels[0].areas if a.area == empty)
    assert empty_standing.targets == [] and empty_standing.qualifies


def test_an_area_with_fewer_targets_than_the_rule_must_meet_all_it_has(framework):
    _area(framework, (1, MET))
    assert standing_of(framework).qualified_level == 3
    _area(framework, (1, PLANNED))
    standing = standing_of(framework)
    assert standing.qualified_level == 0
    assert standing.next_level.short_areas[0].more_to_meet == 1


def test_higher_level_targets_count_only_from_their_level(framework):
    _area(framework, (1, MET), (1, MET), (3, NEITHER))
    _area(framework, (1, MET), (2, MET), (2, PLANNED))
    standing = standing_of(framework)
    assert standing.qualified_level == 2
    assert standing.next_level.level.number == 3
    (missing,) = standing.next_level.short_areas
    assert missing.more_to_meet == 0 and len(missing.needing_plans) == 1


def test_level_2_targets_are_needed_for_level_2(framework):
    # Level 1 counts only the first two; level 2 has three, two met, one neither.
    _area(framework, (1, MET), (1, MET), (2, NEITHER))
    standing = standing_of(framework)
    assert standing.qualified_level == 1
    assert standing.next_level.level.number == 2


def test_the_rule_is_data(framework):
    _area(framework, (1, MET), (1, MET), (1, PLANNED))
    FrameworkLevel.objects.filter(framework=framework, number=3).update(
        targets_to_meet_per_area=3
    )
    standing = standing_of(framework)
    assert standing.qualified_level == 2
    assert standing.next_level.short_areas[0].more_to_meet == 1


def test_without_plans_for_the_remainder_neither_is_no_bar(framework):
    _area(framework, (1, MET), (1, MET), (1, NEITHER))
    FrameworkLevel.objects.filter(framework=framework).update(plans_for_remainder=False)
    assert standing_of(framework).qualified_level == 3


def test_a_lower_level_failed_is_never_skipped(framework):
    # Level 1 asks 3 met, level 2 only 2: qualifying at level 2 alone is not enough.
    _area(framework, (1, MET), (1, MET), (1, PLANNED))
    FrameworkLevel.objects.filter(framework=framework, number=1).update(
        targets_to_meet_per_area=3
    )
    standing = standing_of(framework)
    assert standing.levels[1].qualifies
    assert standing.qualified_level == 0


def test_it_counts_in_three_queries_whatever_the_size(
    framework, django_assert_num_queries
):
    for _ in range(5):
        _area(framework, (1, MET), (2, PLANNED), (3, None))
    with django_assert_num_queries(3):
        assert standing_of(framework).qualified_level == 1


# Property: on plain objects, meeting one more target never lowers the level.

LEVELS = [
    SimpleNamespace(number=n, targets_to_meet_per_area=2, plans_for_remainder=True)
    for n in (1, 2, 3)
]
targets = st.lists(
    st.tuples(st.integers(1, 3), st.sampled_from([MET, PLANNED, NEITHER])),
    max_size=5,
)


def _plain(areas):
    return [
        SimpleNamespace(
            targets_list=[
                SimpleNamespace(level=level, position=SimpleNamespace(status=status))
                for level, status in area
            ]
        )
        for area in areas
    ]


@given(st.lists(targets, min_size=1, max_size=4), st.data())
def test_meeting_a_target_never_lowers_the_level(areas, data):
    before = assess(LEVELS, _plain(areas)).qualified_level
    i = data.draw(st.integers(0, len(areas) - 1))
    if not areas[i]:
        return
    j = data.draw(st.integers(0, len(areas[i]) - 1))
    improved = [list(area) for area in areas]
    improved[i][j] = (improved[i][j][0], MET)
    assert assess(LEVELS, _plain(improved)).qualified_level >= before


@given(st.lists(targets, min_size=1, max_size=4))
def test_qualified_means_every_area_meets_the_rule(areas):
    standing = assess(LEVELS, _plain(areas))
    level = standing.qualified_level
    for area in areas:
        counted = [status for lvl, status in area if lvl <= level]
        assert counted.count(MET) >= min(2, len(counted))
        assert NEITHER not in counted
