"""What a scheme pays, in Decimal pounds from exact counts of patients.

The population is summed by the database as an integer; every amount is
rounded to the penny once, and a split's second part is the total less the
first, so parts always add up to the whole.
"""

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Sum

from governance.models import Organisation

PENNY = Decimal("0.01")
HUNDRED = Decimal("100")


def to_penny(amount):
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def participating_practices(scheme):
    """The scheme's confirmed practices, each annotated with `list_size` as at the
    scheme's counting date (None where no size was recorded by then)."""
    return (
        Organisation.objects.practices()
        .filter(
            participations__scheme=scheme,
            participations__status="confirmed",
        )
        .with_list_size(scheme.population_as_at)
        # The same join as the filter: this scheme's participation of the practice.
        .annotate(participation_id=F("participations__pk"))
    )


def population(scheme):
    """Patients of the participating practices as at the counting date."""
    total = participating_practices(scheme).aggregate(total=Sum("list_size"))["total"]
    return total or 0


@dataclass(frozen=True)
class Split:
    total: Decimal
    practices: Decimal  # paid direct to the participating practices
    reserve: Decimal  # held by the PCT for invoices the consortium approves


def split(total, scheme):
    practices = to_penny(total * scheme.practice_share / HUNDRED)
    return Split(total=total, practices=practices, reserve=total - practices)


def funding_for(payment_kind, patients=None):
    """The payment kind at its maximum rate for the scheme's population."""
    if patients is None:
        patients = population(payment_kind.scheme)
    total = to_penny(payment_kind.max_rate_per_patient * patients)
    return split(total, payment_kind.scheme)


ZERO_POUNDS = Decimal("0.00")


def allocate(total, weights):
    """`total` (pounds, to the penny) shared pro rata to `weights` (whole numbers,
    e.g. list sizes), each part to the penny, the parts adding up to `total`.

    Largest remainder, in whole pence: each part first gets its share rounded
    down, then the pence left over go one each to the parts with the largest
    remainders; ties go to the larger weight, then to the earlier position (so
    the caller's order, e.g. by practice code, settles the rest). Weights of
    zero get nothing; with no weight at all every part is zero.
    """
    weights = [int(weight or 0) for weight in weights]
    whole = sum(weights)
    if whole <= 0:
        return [ZERO_POUNDS for _ in weights]
    pence = int(to_penny(total) * 100)
    floors, remainders = [], []
    for weight in weights:
        floor, remainder = divmod(pence * weight, whole)
        floors.append(floor)
        remainders.append(remainder)
    left_over = pence - sum(floors)
    by_claim = sorted(
        range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i)
    )
    for i in by_claim[:left_over]:
        floors[i] += 1
    return [Decimal(part) / 100 for part in floors]


# The order payments fall due in a year.
KIND_ORDER = {"aspiration": 0, "reward": 1, "achievement": 2}


@dataclass(frozen=True)
class PaymentLine:
    """Something a scheme pays at a rate per patient: a payment kind at its
    maximum rate, or one agreed instalment of an achievement payment."""

    key: str  # a column name: "aspiration", "instalment_3"
    label: str
    payment_kind: object
    rate: Decimal
    split: Split
    instalment: object = None

    @property
    def is_released(self):
        """Due now: an agreed instalment, or a payment kind whose event happened."""
        if self.instalment is not None:
            return True
        return getattr(self.payment_kind, "release", None) is not None


@dataclass(frozen=True)
class PracticePayment:
    """A participating practice's part of each payment line, and in total."""

    practice: object
    list_size: int | None
    amounts: dict  # line key: Decimal
    total: Decimal
    share: Decimal | None  # % of the participating population, to 2 places


@dataclass(frozen=True)
class SchemePayments:
    """Everything a scheme pays, worked out from one read of its practices."""

    scheme: object
    population: int
    kinds: list  # (payment kind, Split at its maximum rate, replaced: bool)
    lines: list  # PaymentLine: what is paid, or will be when released
    practices: list  # PracticePayment, in practice code order
    missing_list_sizes: list  # participating practices without a size by the date

    @property
    def available(self):
        """At the maximum rates, leaving out a payment agreed instead of another
        (the plan's "funding available")."""
        return _sum_splits(
            split for kind, split, _ in self.kinds if kind.in_place_of_id is None
        )

    @property
    def payable(self):
        """What the lines pay, in total: to practices and into the reserve."""
        return _sum_splits(line.split for line in self.lines)

    @property
    def released(self):
        return _sum_splits(line.split for line in self.lines if line.is_released)

    def for_practice(self, practice_id):
        return next(
            (row for row in self.practices if row.practice.pk == practice_id), None
        )


def _sum_splits(splits):
    total = practices = reserve = ZERO_POUNDS
    for one in splits:
        total += one.total
        practices += one.practices
        reserve += one.reserve
    return Split(total=total, practices=practices, reserve=reserve)


def ordered_kinds(scheme):
    """The scheme's payment kinds with their release and instalments (2 queries),
    in the order they fall due."""
    kinds = list(
        scheme.payment_kinds.select_related("release", "in_place_of").prefetch_related(
            "instalments"
        )
    )
    return sorted(kinds, key=lambda kind: KIND_ORDER.get(kind.kind, 9))


def scheme_payments(scheme, practices=None):
    """What `scheme` pays and to whom (3 queries).

    1. The population: the participating practices' list sizes as at the
       scheme's counting date (read once, summed exactly).
    2. Each payment kind at its maximum rate × population, split to the penny
       between the practices and the reserve.
    3. The lines actually paid: each kind at its rate, except an achievement
       payment, which pays its agreed instalments instead; a kind replaced by
       a payment with agreed instalments is no longer due.
    4. Each line's practices' share allocated to the practices pro rata to their
       list sizes (largest remainder), and each practice's total.
    """
    if practices is None:
        practices = list(participating_practices(scheme).order_by("code", "pk"))
    patients = sum(practice.list_size or 0 for practice in practices)
    kinds = ordered_kinds(scheme)
    replaced = {
        kind.in_place_of_id
        for kind in kinds
        if kind.in_place_of_id and list(kind.instalments.all())
    }
    kind_rows, lines = [], []
    for kind in kinds:
        kind_rows.append((kind, funding_for(kind, patients), kind.pk in replaced))
        if kind.pk in replaced:
            continue
        if kind.kind == "achievement":
            for instalment in kind.instalments.all():
                lines.append(
                    PaymentLine(
                        key=f"instalment_{instalment.pk}",
                        label=instalment.reason,
                        payment_kind=kind,
                        rate=instalment.rate_per_patient,
                        split=split(
                            to_penny(instalment.rate_per_patient * patients), scheme
                        ),
                        instalment=instalment,
                    )
                )
        else:
            lines.append(
                PaymentLine(
                    key=kind.kind,
                    label=kind.get_kind_display(),
                    payment_kind=kind,
                    rate=kind.max_rate_per_patient,
                    split=funding_for(kind, patients),
                )
            )
    sizes = [practice.list_size for practice in practices]
    shares = {line.key: allocate(line.split.practices, sizes) for line in lines}
    practice_rows = []
    for i, practice in enumerate(practices):
        amounts = {key: parts[i] for key, parts in shares.items()}
        practice_rows.append(
            PracticePayment(
                practice=practice,
                list_size=practice.list_size,
                amounts=amounts,
                total=sum(amounts.values(), ZERO_POUNDS),
                share=(
                    (Decimal((practice.list_size or 0) * 100) / patients).quantize(
                        PENNY, rounding=ROUND_HALF_UP
                    )
                    if patients
                    else None
                ),
            )
        )
    return SchemePayments(
        scheme=scheme,
        population=patients,
        kinds=kind_rows,
        lines=lines,
        practices=practice_rows,
        missing_list_sizes=[p for p in practices if p.list_size is None],
    )


@dataclass(frozen=True)
class InstalmentFigures:
    instalment: object
    split: Split


@dataclass(frozen=True)
class AchievementPayment:
    """An achievement payment: what the programme's achievement earns at the
    scheme's maximum rate, beside what was agreed with the PCT."""

    payment_kind: object
    totals: object  # programmes.models.AchievementTotals at the scheme's rate
    population: int
    computed: Split
    instalments: list  # InstalmentFigures
    agreed_rate: Decimal
    agreed: Split

    @property
    def max_rate(self):
        return self.payment_kind.max_rate_per_patient

    @property
    def computed_rate(self):
        return self.totals.payment_earned

    @property
    def rate_difference(self):
        """Agreed less computed, per patient (positive: more was agreed)."""
        return self.agreed_rate - self.computed_rate

    @property
    def difference(self):
        return Split(
            total=self.agreed.total - self.computed.total,
            practices=self.agreed.practices - self.computed.practices,
            reserve=self.agreed.reserve - self.computed.reserve,
        )


def achievement_payment(payment_kind, patients=None, totals=None):
    """The achievement payment of `payment_kind` (kind "achievement").

    The computed rate is the scheme's maximum × the programme's % achieved,
    to the penny per patient (as the review writes 64p of 95p); its total is
    that rate × the population. The achieved share comes from the programme's
    exact task counts (`Programme.achievement()`); the rate from the scheme, not
    from the programme."""
    scheme = payment_kind.scheme
    if patients is None:
        patients = population(scheme)
    if totals is None:
        totals = scheme.programme.achievement()
    totals = replace(totals, max_payment_per_patient=payment_kind.max_rate_per_patient)
    instalments = [
        InstalmentFigures(
            instalment=instalment,
            split=split(to_penny(instalment.rate_per_patient * patients), scheme),
        )
        for instalment in payment_kind.instalments.all()
    ]
    agreed_rate = sum(
        (figures.instalment.rate_per_patient for figures in instalments), Decimal("0")
    )
    return AchievementPayment(
        payment_kind=payment_kind,
        totals=totals,
        population=patients,
        computed=split(to_penny(totals.payment_earned * patients), scheme),
        instalments=instalments,
        agreed_rate=agreed_rate,
        agreed=_sum_splits(figures.split for figures in instalments),
    )
