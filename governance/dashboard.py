"""The dashboard panel of a person's open meeting actions (core.dashboard)."""

from django.utils import timezone

from core.dashboard import Panel
from governance.models import Action


def open_actions_panel(request):
    """The signed-in person's open actions, overdue ones flagged: one query."""
    person = getattr(request.user, "person", None)
    if person is None:
        return None
    actions = list(
        Action.objects.visible_to(request.user)
        .open()
        .filter(owner=person)
        .select_related("meeting")
        .order_by("due_on", "pk")
    )
    return Panel(
        template="governance/meetings/_dashboard_actions.html",
        context={"actions": actions, "today": timezone.localdate()},
        order=50,
    )
