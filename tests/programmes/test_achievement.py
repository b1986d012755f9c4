"""Achievement figures, against values worked out by hand."""

from decimal import Decimal

import pytest

from governance.models import Organisation
from programmes.models import Objective, Programme
from tests import factories


def _figures(objective):
    row = Objective.objects.with_achievement().get(pk=objective.pk)
    return (
        row.task_count,
        row.achieved_count,
        row.short_consortium_count,
        row.short_other_count,
    )


def test_it_splits_the_shortfall_by_the_lead_organisation(objective, consortium, pct):
    # 4 tasks: 1 done, 1 tbc (counts as achieved), 1 to do led by the consortium,
    # 1 stopped led by the PCT → 50% achieved, 25% due to DacCom, 25% due to PCT.
    factories.tasks(objective, consortium, ["done", "to_do"])
    factories.tasks(objective, pct, ["tbc", "stopped"])
    row = Objective.objects.with_achievement().get(pk=objective.pk)
    assert _figures(objective) == (4, 2, 1, 1)
    assert row.achieved_pct == pytest.approx(50.0)
    assert row.short_consortium_pct == pytest.approx(25.0)
    assert row.short_other_pct == pytest.approx(25.0)


def test_a_provider_led_task_counts_as_other(objective):
    provider = factories.organisation(Organisation.Kind.PROVIDER)
    factories.tasks(objective, provider, ["to_do"])
    assert _figures(objective) == (1, 0, 0, 1)


def test_an_objective_without_tasks_has_no_figure_and_is_left_out_of_the_total(
    programme, consortium
):
    empty = factories.objective(programme, number=1)
    full = factories.objective(programme, number=2)
    factories.tasks(full, consortium, ["done", "to_do"])
    assert Objective.objects.with_achievement().get(pk=empty.pk).achieved_pct is None
    assert programme.achievement().achieved == Decimal("50.0000")


def test_the_total_is_the_weighted_mean(programme, consortium):
    # weight 3 at 100% and weight 1 at 0% → (300 + 0) / 4 = 75%
    heavy = factories.objective(programme, number=1, weight=3)
    light = factories.objective(programme, number=2, weight=1)
    factories.tasks(heavy, consortium, ["done"])
    factories.tasks(light, consortium, ["to_do"])
    totals = programme.achievement()
    assert totals.achieved == Decimal("75.0000")
    assert totals.short_consortium == Decimal("25.0000")
    assert totals.not_achieved == Decimal("25.0000")


def test_an_assessed_figure_stays_out_of_the_live_figures(programme, consortium):
    objective = factories.objective(
        programme,
        number=1,
        assessed_achieved=Decimal("90"),
        assessed_short_consortium=Decimal("0"),
        assessed_short_other=Decimal("10"),
        assessment_reason="Agreed at the review meeting",
    )
    factories.tasks(objective, consortium, ["done", "to_do"])
    row = Objective.objects.with_achievement().get(pk=objective.pk)
    assert row.achieved_pct == Decimal("50.0000")
    assert row.assessed_achieved == Decimal("90")
    assert programme.achievement().achieved == Decimal("50.0000")


def test_the_payment_follows_the_achievement_to_the_penny(programme, consortium):
    # 2 of 3 done: 66.6667% of 95p = 63.33p → 63p earned, 32p shortfall, 95p in all.
    objective = factories.objective(programme, number=1)
    factories.tasks(objective, consortium, ["done", "done", "to_do"])
    totals = programme.achievement()
    assert totals.payment_earned == Decimal("0.63")
    assert totals.payment_shortfall == Decimal("0.32")
    assert totals.payment_earned + totals.payment_shortfall == Decimal("0.95")


def test_the_payment_rounds_half_a_penny_up(programme, consortium):
    # 1 of 2 done: 50% of 93p = 46.5p → 47p (half down, or to even, would make 46p).
    programme.max_payment_per_patient = Decimal("0.93")
    programme.save()
    objective = factories.objective(programme, number=1)
    factories.tasks(objective, consortium, ["done", "to_do"])
    totals = programme.achievement()
    assert totals.payment_earned == Decimal("0.47")
    assert totals.payment_shortfall == Decimal("0.46")


def test_a_programme_without_tasks_earns_nothing(programme):
    factories.objective(programme, number=1)
    totals = programme.achievement()
    assert totals.achieved is None and totals.not_achieved is None
    assert totals.payment_earned == Decimal("0.00")
    assert totals.payment_shortfall == Decimal("0.95")


def test_savings_add_up_and_give_the_share_of_the_frp(programme):
    factories.target(programme, "122000.00")
    factories.target(programme, "27000.50")
    total, share = programme.savings()
    assert total == Decimal("149000.50")  # 122,000.00 + 27,000.50
    assert share == Decimal("14.90005")  # of the FRP's £1,000,000.00


def test_a_programme_without_an_frp_total_has_no_share(consortium):
    programme = factories.programme(consortium, frp_total_saving=Decimal("0.00"))
    factories.target(programme, "500.00")
    assert programme.savings() == (Decimal("500.00"), None)


def test_headlines_give_each_programme_its_own_figures(consortium):
    first = factories.programme(consortium)
    second = factories.programme(consortium)
    factories.tasks(factories.objective(first, number=1), consortium, ["done", "to_do"])
    factories.tasks(factories.objective(second, number=1), consortium, ["done"])
    factories.target(second, "500.00")
    rows = {p.pk: p for p in Programme.objects.with_headlines()}
    assert rows[first.pk].achieved_pct == pytest.approx(50.0)
    assert rows[first.pk].open_task_count == 1
    assert rows[first.pk].total_saving == 0
    assert rows[second.pk].achieved_pct == pytest.approx(100.0)
    assert rows[second.pk].total_saving == Decimal("500.00")
