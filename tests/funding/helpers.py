"""Small builders for funding tests: a scheme and its participating practices."""

import datetime
from decimal import Decimal

from funding.models import AgreedInstalment, FundingScheme, Participation, PaymentKind
from governance.models import Organisation, PracticeListSize
from tests import factories

COUNTED_ON = datetime.date(2006, 6, 1)


def scheme(programme=None, practice_share="75", **fields):
    programme = programme or factories.programme()
    return FundingScheme.objects.create(
        name=fields.pop("name", f"DES {programme.pk}"),
        kind=fields.pop("kind", "des"),
        programme=programme,
        starts_on=datetime.date(2006, 4, 1),
        ends_on=datetime.date(2007, 3, 31),
        population_as_at=fields.pop("population_as_at", COUNTED_ON),
        practice_share=Decimal(practice_share),
        **fields,
    )


def take_part(scheme_, practice, status="confirmed"):
    return Participation.objects.create(
        scheme=scheme_,
        practice=practice,
        status=status,
        confirmed_on=COUNTED_ON if status == "confirmed" else None,
        withdrawn_on=COUNTED_ON if status == "withdrawn" else None,
    )


def practice(scheme_, size, status="confirmed", code=None):
    """A practice of the scheme's consortium with `size` patients as at the
    counting date, taking part as `status`."""
    fields = {"code": code} if code else {}
    created = factories.organisation(
        Organisation.Kind.PRACTICE, member_of=scheme_.programme.consortium, **fields
    )
    if size is not None:
        PracticeListSize.objects.create(practice=created, month=COUNTED_ON, size=size)
    take_part(scheme_, created, status)
    return created


def kind(scheme_, kind_, rate, **fields):
    return PaymentKind.objects.create(
        scheme=scheme_, kind=kind_, max_rate_per_patient=Decimal(rate), **fields
    )


def instalment(payment_kind, rate, reason, order=1):
    return AgreedInstalment.objects.create(
        payment_kind=payment_kind,
        order=order,
        rate_per_patient=Decimal(rate),
        reason=reason,
        agreed_on=datetime.date(2007, 4, 2),
    )


def des_2006_7(programme=None):
    """The pilot's DES as the seeds give it: 150,000 patients, 95p + 95p at
    most (aspiration, reward), and an achievement payment of at most 95p agreed
    instead of the reward, in two instalments of 64p and 31p."""
    des = scheme(programme)
    sizes = (24_600, 19_800, 21_300, 18_900, 17_400, 16_800, 15_700, 15_500)
    for n, size in enumerate(sizes, start=1):
        practice(des, size, code=f"Y{n:05d}")
    kind(des, "aspiration", "0.95")
    reward = kind(des, "reward", "0.95")
    achievement = kind(des, "achievement", "0.95", in_place_of=reward)
    instalment(achievement, "0.64", "For achieving targets", order=1)
    instalment(achievement, "0.31", "Recognising insufficient PCT support", order=2)
    return des
