"""The practice manager's funding panel on the dashboard (one query)."""

from core.dashboard import Panel
from funding.models import Participation
from governance.roles import Role, access_of


def practice_funding_panel(request):
    """Their own practices' part in each scheme, for a practice manager."""
    practices = access_of(request.user).organisations_with(Role.PRACTICE_MANAGER)
    if not practices:
        return None
    participations = list(
        Participation.objects.visible_to(request.user)
        .filter(practice_id__in=practices)
        .select_related("scheme", "practice")
        .order_by("-scheme__starts_on", "practice__name")
    )
    if not participations:
        return None
    return Panel(
        "funding/_dashboard_panel.html",
        {"participations": participations},
        order=50,
    )
