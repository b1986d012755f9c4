"""What changes funding records: atomic, and written to the action log."""

from django.db import transaction

from core.log import log_action
from funding.models import PaymentRelease


@transaction.atomic
def release_payment(payment_kind, *, on, because, user=None):
    """Record that `payment_kind` is released; releasing it again changes nothing.

    Returns the release (the existing one when it was released before)."""
    release, created = PaymentRelease.objects.get_or_create(
        payment_kind=payment_kind, defaults={"released_on": on, "because": because}
    )
    if created:
        log_action(
            payment_kind.scheme,
            "released payment",
            user=user,
            data={
                "payment_kind": payment_kind.kind,
                "released_on": on.isoformat(),
                "because": because,
            },
        )
    return release
