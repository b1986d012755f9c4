"""The dashboard's panel of overdue actions in practices' action plans: a
practice manager's own, an executive's or PCT member's across the practices they
see. One query whatever the data."""

from django.utils import timezone

from core.dashboard import Panel
from practicedata.models import PlanAction, practices_visible_to

SHOWN = 8


def overdue_actions(request):
    if not request.user.is_authenticated:
        return None
    today = timezone.localdate()
    actions = list(
        PlanAction.objects.overdue(today)
        .filter(plan__practice__in=practices_visible_to(request.user))
        .select_related("plan__practice", "plan__scheme")
        .order_by("due_on", "pk")[: SHOWN + 1]
    )
    if not actions:
        return None
    return Panel(
        "practicedata/_dashboard_panel.html",
        {"actions": actions[:SHOWN], "more": len(actions) > SHOWN},
        order=60,
    )
