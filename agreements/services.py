"""What changes signed documents: atomic, and written to the action log."""

from django.db import transaction
from django.utils import timezone

from agreements.content import plan_content
from agreements.models import PlanApproval
from core.log import log_action
from core.signing import SigningRefused
from funding.models import PaymentKind
from funding.services import release_payment


@transaction.atomic
def prepare_plan_approval(
    programme, *, user, scheme=None, responsibilities="", notes="", at=None
):
    """Freeze the programme's plan for both parties to sign.

    `at` is for loading a historical approval (the demo); else now.
    Preparing again replaces the frozen plan only while nobody has signed it:
    once a party has signed, what they signed stays as it is.
    """
    approval = (
        PlanApproval.objects.select_for_update().filter(programme=programme).first()
    )
    if approval is not None and approval.signatures.exists():
        raise SigningRefused(
            "A party has already signed this plan: it can no longer be changed."
        )
    if scheme is not None and scheme.programme_id != programme.pk:
        raise SigningRefused("That funding scheme is not this programme's.")
    content = plan_content(
        programme, scheme=scheme, responsibilities=responsibilities, notes=notes
    )
    if approval is None:
        approval = PlanApproval(programme=programme)
    approval.scheme = scheme
    approval.prepared_by = user
    approval.prepared_at = at or timezone.now()
    approval.freeze(content)
    approval.save()
    log_action(
        approval,
        "prepared",
        user=user,
        data={"content_sha256": approval.content_sha256},
    )
    return approval


def release_aspiration_payment(approval, user):
    """The plan's approval releases its scheme's aspiration payment, if it has one."""
    if approval.scheme_id is None:
        return None
    kind = PaymentKind.objects.filter(
        scheme_id=approval.scheme_id, kind=PaymentKind.Kind.ASPIRATION
    ).first()
    if kind is None:
        return None
    return release_payment(
        kind,
        on=approval.approved_on,
        because=f"Plan approved by both parties: {approval.sealed.reference}",
        user=user,
    )
