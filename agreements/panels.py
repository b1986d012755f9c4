"""Dashboard panels from signed documents: two queries, whatever the data."""

from agreements.models import PracticeAgreement
from core.dashboard import Panel
from governance.roles import Role, access_of


def pending_agreements(request):
    """Agreements waiting for the practice manager to read and sign, or decline."""
    practices = access_of(request.user).organisations_with(Role.PRACTICE_MANAGER)
    if not practices:
        return None
    waiting = list(
        PracticeAgreement.objects.filter(
            practice_id__in=practices,
            completed_at=None,
            declined_at=None,
            superseded_at=None,
        )
        .exclude(signatures__party="practice")
        .select_related("practice", "version__pack")
        .order_by("practice__name")
    )
    if not waiting:
        return None
    return Panel("agreements/_pending_panel.html", {"agreements": waiting}, order=10)


def agreement_packs(request):
    """Executives and PCT staff: a link to the packs and their sign-up progress
    (no query: the roles are read once a request already)."""
    access = access_of(request.user)
    if not (access.is_superuser or access.roles.keys() - {Role.PRACTICE_MANAGER}):
        return None
    return Panel("agreements/_packs_panel.html", {}, order=20)
