"""Every figure of the seed documents, as the software computes it from the demo data.

Worked by hand from the DES review's task tables (done or tbc counts as achieved).
Who a shortfall is due to follows the review's attributions, recorded on the tasks
(daccom/demo/data.toml): objective 3's two DacCom-led tasks after "Stopped by new
PCT" and objective 5's one are put on the PCT, as the review puts the whole 70% and
60% on it; objective 8's three DacCom-led planned tasks too (a judgement: the review
puts none of objective 8 on DacCom). Every other task follows its lead.
objective  tasks  achieved  short DacCom  short PCT/other
    1        8       8          0             0
    2       10      10          0             0        (one "tbc")
    3       13       4          0             9        ("Other tasks involved": no task)
    4        4       4          0             0
    5       13       6          0             7        ("Yes – ongoing" is done)
    6        3       1          0             2
    7        5       5          0             0
    8        7       2          0             5
Mean of achieved/tasks = (1 + 1 + 4/13 + 1 + 6/13 + 1/3 + 1 + 2/7) / 8
= (1,365 + 379) / 273 / 8 = 1,744 / 2,184 = 67.3535% → "67%" (to 4 places, as the
totals are kept).
Short DacCom = 0%, as the review's summary has it; short PCT or other
= (9/13 + 7/13 + 2/3 + 5/7) / 8 = 713 / 2,184 = 32.6465%; not achieved = 32.6465%
→ "32%" (truncated, as the review writes it); 67.3535 + 32.6465 = 100.
Payment = 95p × 67.3535% = 63.99p → 64p; shortfall 95p − 64p = 31p (the status
report's two instalments). Savings: 122 + 273 + 52 + 19 + 943 + 42 + 27 + 1,131 + 51
= £2,660k, 38.79% of £6,857k → "39%". Hours: 16 × 1.25 × 10 = 200, + 400 + 250 + 100
+ 50 = 1,000.
"""

from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Sum
from django.urls import reverse

from core.formatting import achievement, gbp_thousands, percent
from governance.models import Organisation
from programmes.models import Objective, Task, TaskStatus

TASK_TABLE = {  # objective: (tasks, achieved, short DacCom, short PCT or other)
    1: (8, 8, 0, 0),
    2: (10, 10, 0, 0),
    3: (13, 4, 0, 9),
    4: (4, 4, 0, 0),
    5: (13, 6, 0, 7),
    6: (3, 1, 0, 2),
    7: (5, 5, 0, 0),
    8: (7, 2, 0, 5),
}
LIVE_ROWS = {  # the tracking page's rows: % achieved, % due to PCT or other
    1: ("100%", "0%"),
    2: ("100%", "0%"),
    3: ("30%", "69%"),  # 4/13 = 30.77%, 9/13 = 69.23%
    4: ("100%", "0%"),
    5: ("46%", "53%"),  # 6/13 = 46.15%, 7/13 = 53.85%
    6: ("33%", "66%"),  # 1/3, 2/3
    7: ("100%", "0%"),
    8: ("28%", "71%"),  # 2/7 = 28.57%, 5/7 = 71.43%
}
REVIEW_SUMMARY = {  # the review's summary table: % achieved, % due to PCT or other
    1: ("100%", "0%"),
    2: ("100%", "0%"),
    3: ("30%", "70%"),
    4: ("100%", "0%"),
    5: ("40%", "60%"),
    6: ("30%", "70%"),
    7: ("100%", "0%"),
    8: ("100%", "0%"),
}


def test_each_objective_counts_its_tasks_as_the_review_lists_them(pilot):
    rows = Objective.objects.filter(programme=pilot).with_achievement()
    counted = {
        o.number: (
            o.task_count,
            o.achieved_count,
            o.short_consortium_count,
            o.short_other_count,
        )
        for o in rows
    }
    assert counted == TASK_TABLE


def test_the_review_shows_its_assessed_figures(client, pilot):
    # Objectives 1, 2, 4 and 7 the review did not assess apart from their tasks
    # (all done: 100%); 3, 5, 6 and 8 it assessed.
    rows = Objective.objects.filter(programme=pilot).with_achievement()
    shown = {
        o.number: (
            achievement(o.assessed_achieved if o.is_assessed else o.achieved_pct),
            achievement(o.assessed_short_other if o.is_assessed else o.short_other_pct),
        )
        for o in rows
    }
    assert shown == REVIEW_SUMMARY
    assert [o.number for o in rows if o.is_assessed] == [3, 5, 6, 8]
    client.force_login(User.objects.get(username="jphipps"))
    page = client.get(reverse("programmes:review", args=[pilot.pk])).text
    assert '<td class="num">30%<br><small>tasks: 30%</small></td>' in page
    assert '<td class="num">70%<br><small>tasks: 69%</small></td>' in page


def test_the_live_rows_are_computed_from_the_tasks(pilot):
    rows = Objective.objects.filter(programme=pilot).with_achievement()
    shown = {
        o.number: (achievement(o.achieved_pct), achievement(o.short_other_pct))
        for o in rows
    }
    assert shown == LIVE_ROWS
    assert {achievement(o.short_consortium_pct) for o in rows} == {"0%"}


def test_the_achievement_page_total_agrees_with_its_rows(client, pilot):
    client.force_login(User.objects.get(username="jphipps"))
    page = client.get(reverse("programmes:achievement", args=[pilot.pk])).text
    # Beside each of the 3 figures of the 4 assessed objectives.
    assert page.count("as assessed in the 2006/7 review") == 12
    assert "Mean of the assessed figures" not in page
    # 0% due to DacCom in every row and in the total; 32% due to the PCT or other.
    assert "0% due to DacCom, 32% due to PCT or other" in page


def test_the_total_is_the_reviews_67_percent_and_64p(pilot):
    totals = pilot.achievement()
    assert totals.achieved == Decimal("67.3535")
    assert totals.short_consortium == Decimal("0.0000")
    assert totals.short_other == Decimal("32.6465")
    assert totals.not_achieved == Decimal("32.6465")
    assert achievement(totals.achieved) == "67%"
    assert achievement(totals.not_achieved) == "32%"
    assert totals.max_payment_per_patient == Decimal("0.95")
    assert totals.payment_earned == Decimal("0.64")
    assert totals.payment_shortfall == Decimal("0.31")


def test_the_review_page_shows_the_reviews_totals(client, pilot):
    client.force_login(User.objects.get(username="jphipps"))  # the PCT's lead
    page = client.get(reverse("programmes:review", args=[pilot.pk])).text
    assert "67% achievement" in page
    assert "Represents 32% non-achievement" in page
    assert "64p per patient" in page and "31p per patient" in page


def test_the_savings_are_the_plans_2660k_and_39_percent(pilot):
    total, share = pilot.savings()
    assert total == Decimal("2660000.00")
    assert pilot.frp_total_saving == Decimal("6857000.00")
    assert gbp_thousands(total) == "£2,660k"
    assert percent(share) == "39%"  # 2,660 / 6,857 = 38.79%


def test_the_resources_are_the_plans_1000_hours(pilot):
    meetings = pilot.resources.get(meetings__isnull=False)
    assert (meetings.meetings, meetings.hours_per_meeting, meetings.attendees) == (
        16,
        Decimal("1.25"),
        10,
    )
    assert meetings.hours == Decimal("200")
    assert pilot.resources.aggregate(total=Sum("hours"))["total"] == 1000


def test_the_practices_declare_150000_patients(pilot):
    practices = Organisation.objects.practices().with_list_size(pilot.starts_on)
    sizes = sorted((p.list_size for p in practices), reverse=True)
    # 24,600 + 19,800 + … + 15,500 = 150,000, the plan's population.
    assert sizes == [24600, 21300, 19800, 18900, 17400, 16800, 15700, 15500]
    assert practices.aggregate(total=Sum("list_size"))["total"] == 150000


def test_the_demo_has_a_task_in_every_status(pilot):
    statuses = set(
        Task.objects.filter(objective__programme=pilot).values_list("status", flat=True)
    )
    assert statuses == set(TaskStatus.values)
