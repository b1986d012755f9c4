"""Panels on the dashboard from apps the dashboard's own app cannot import.

An app registers a function in its AppConfig.ready(); the dashboard calls each
with the request, in order, and shows those that return a panel. A panel
function must run a fixed number of queries, whatever the data.
"""

from dataclasses import dataclass, field

_panels = []


@dataclass
class Panel:
    template: str  # rendered with `panel` in its context
    context: dict = field(default_factory=dict)
    order: int = 100


def register(function):
    """Add `function(request) -> Panel | None` to the dashboard."""
    if function not in _panels:
        _panels.append(function)
    return function


def panels_for(request):
    panels = [panel for function in _panels if (panel := function(request))]
    return sorted(panels, key=lambda panel: panel.order)
