"""The dashboard panel on interim funding: the date by which the consortium must
show it meets the framework's targets, flagged as it approaches or passes."""

from django.utils import timezone

from core.dashboard import Panel
from governance.framework_services import latest_interim_funding
from governance.models import Framework


def interim_funding_panel(request):
    """One query: the newest interim funding of each framework the user may see."""
    today = timezone.localdate()
    fundings = latest_interim_funding(Framework.objects.visible_to(request.user))
    if not fundings:
        return None
    items = [
        {
            "funding": funding,
            "framework": funding.framework,
            "state": funding.state(today),
            "days_left": funding.days_left(today),
        }
        for funding in fundings
    ]
    return Panel(
        "governance/framework/_interim_funding_panel.html", {"items": items}, 20
    )
