"""Dashboard panels from signed documents."""


def pending_agreements(request):
    """Practice agreements waiting for this practice manager (none yet)."""
    return None
