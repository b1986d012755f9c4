"""Sign-up progress of a pack: every practice of the consortium and where it
stands, with the share of the consortium's list size signed."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from agreements.models import AgreementSignature, PracticeAgreement
from governance.models import Organisation

STATE_LABELS = {
    "not_invited": "Not invited",
    "pending": "Invited, pending",
    "signed": "Signed, awaiting countersignature",
    "complete": "Signed and countersigned",
    "declined": "Declined",
}


@dataclass
class Progress:
    rows: list
    invited: int
    signed: int  # by the practice (countersigned or not)
    declined: int
    pending: int
    list_size_signed: int
    list_size_total: int

    @property
    def patients_signed(self):
        return f"{self.list_size_signed:,}"

    @property
    def patients_total(self):
        return f"{self.list_size_total:,}"

    @property
    def share_signed(self):
        """Of the consortium's list size, the share whose practices have signed."""
        if not self.list_size_total:
            return None
        return Decimal(self.list_size_signed * 100) / Decimal(self.list_size_total)


def sign_up_progress(pack):
    """Three queries, whatever the number of practices."""
    scheme = pack.scheme
    practices = (
        Organisation.objects.practices()
        .filter(member_of_id=scheme.programme.consortium_id)
        .with_list_size(scheme.population_as_at)
        .order_by("name")
    )
    # Each practice's latest invitation: the one that is not superseded.
    agreements = {
        agreement.practice_id: agreement
        for agreement in PracticeAgreement.objects.filter(
            version__pack=pack, superseded_at=None
        )
        .select_related("version", "sealed")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=AgreementSignature.objects.order_by("signed_at"),
            )
        )
        .order_by("version__number")
    }
    rows = []
    counts = {"pending": 0, "signed": 0, "complete": 0, "declined": 0}
    signed_size = total_size = 0
    for practice in practices:
        size = practice.list_size or 0
        total_size += size
        agreement = agreements.get(practice.pk)
        state = agreement.state if agreement else "not_invited"
        if state in counts:
            counts[state] += 1
        if state in ("signed", "complete"):
            signed_size += size
        practice_signature = (
            agreement.signatures.all()[0]
            if agreement and agreement.signatures.all()
            else None
        )
        rows.append(
            {
                "practice": practice.name,
                "code": practice.code,
                "list_size": size,
                "version": agreement.version.number if agreement else None,
                "state": STATE_LABELS[state],
                "signed_on": practice_signature.signed_at.date()
                if practice_signature
                else None,
                "reason": agreement.decline_reason if agreement else "",
                "agreement": agreement,
            }
        )
    return Progress(
        rows=rows,
        invited=sum(counts.values()),
        signed=counts["signed"] + counts["complete"],
        declined=counts["declined"],
        pending=counts["pending"],
        list_size_signed=signed_size,
        list_size_total=total_size,
    )
