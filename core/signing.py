"""Documents signed by their parties, then sealed: one mechanism for every kind.

A concrete document to sign subclasses `SignableDocument`: it freezes what is
signed in `content` (JSON) when it is prepared, names its parties, says who may
sign for each (`may_sign_for`) and any order they must sign in
(`refuse_signature`), and which issued document it becomes (`issue_signed`). Its
signatures are a concrete subclass of `Signature` with a `document` foreign key
(related_name "signatures").

`sign()` records one party's signature: who, when, the name and role they typed,
their confirmation that they may sign for their organisation, and the SHA-256 of
the content they read (the page carries it; a different hash is refused). When
every party has signed, the document is complete: rendered once to PDF, sealed
(`SealedDocument`), stored as an issued document and never rebuilt.
"""

import hashlib
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from core.log import log_action
from core.pdf import render_pdf
from core.sealing import seal_pdf

# Letters (any alphabet), spaces, and the marks names carry: O'Brien, Smith-Jones.
PLAUSIBLE_NAME = re.compile(r"^[^\W\d_]+(?:[ .'’\-]+[^\W\d_]+)*\.?$")
NAME_MAX = 100


class SigningRefused(Exception):
    """A signature (or decline) that cannot be accepted; the message says why."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Party:
    key: str  # e.g. "consortium", "pct", "practice"
    organisation: str  # the organisation's name, as the document shows it
    who_may_sign: str  # e.g. "the programme lead or an executive member"


def content_hash(content):
    """The SHA-256 of `content` as canonical JSON: the same facts, the same hash."""
    text = json.dumps(
        content, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode()).hexdigest()


class SignableDocument(models.Model):
    """What the parties sign: its content frozen as JSON, with the content's hash."""

    content = models.JSONField(encoder=DjangoJSONEncoder, editable=False)
    content_sha256 = models.CharField("SHA-256 of the content", max_length=64)
    prepared_at = models.DateTimeField(default=timezone.now, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def freeze(self, content):
        """Set the content to sign (JSON-safe, as stored) and its hash."""
        self.content = json.loads(json.dumps(content, cls=DjangoJSONEncoder))
        self.content_sha256 = content_hash(self.content)

    @property
    def is_complete(self):
        return self.completed_at is not None

    # What a concrete document says about itself.
    def parties(self):
        """The parties, in the order their signature blocks appear."""
        raise NotImplementedError

    def may_sign_for(self, user, party_key):
        raise NotImplementedError

    def refuse_signature(self, party_key, signed_keys):
        """A reason this party may not sign yet (e.g. a countersignature before
        the practice has signed), or None."""
        return None

    # A concrete document names the sealed type it issues (an IssuedDocument with
    # a nullable `sealed` link back from this model) and its content's key in the
    # snapshot, e.g. SignedPlan and "plan".
    sealed_type = None
    content_key = "content"

    def issue_signed(self, signatures, user):
        """Issue the sealed document showing the content and `signatures`."""
        snapshot = {
            self.content_key: self.content,
            "content_sha256": self.content_sha256,
            "completed_on": timezone.localdate(max(s.signed_at for s in signatures)),
            "signatures": [signature.as_block() for signature in signatures],
        }
        self.sealed = self.sealed_type.issue(snapshot, issued_by=user)
        self.save(update_fields=["sealed"])
        return self.sealed

    def on_complete(self, user):
        """What completion sets off (e.g. releasing a payment); in the transaction."""

    def party(self, key):
        return next((party for party in self.parties() if party.key == key), None)

    def parties_for(self, user):
        """The parties `user` may sign for that have not signed yet."""
        signed = {signature.party for signature in self.signatures.all()}
        return [
            party
            for party in self.parties()
            if party.key not in signed and self.may_sign_for(user, party.key)
        ]


class Signature(models.Model):
    """One party's signature on a document."""

    party = models.CharField(max_length=30)
    organisation_name = models.CharField(max_length=200)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()
    typed_name = models.CharField("name", max_length=NAME_MAX)
    typed_role = models.CharField("role", max_length=120)
    authorised = models.BooleanField(
        "confirmed authorised to sign for the organisation", default=False
    )
    content_sha256 = models.CharField("SHA-256 of what was signed", max_length=64)

    class Meta:
        abstract = True
        ordering = ["signed_at"]

    def __str__(self):
        return f"{self.typed_name} for {self.organisation_name}"

    def as_block(self):
        """The signature block a sealed document shows (JSON-safe)."""
        return {
            "party": self.party,
            "organisation": self.organisation_name,
            "name": self.typed_name,
            "role": self.typed_role,
            "signed_at": self.signed_at,
            "content_sha256": self.content_sha256,
        }


def check_typed_name(name):
    name = " ".join((name or "").split())
    if not name:
        raise SigningRefused("Type your full name to sign.", field="typed_name")
    if len(name) < 3 or len(name) > NAME_MAX or not PLAUSIBLE_NAME.match(name):
        raise SigningRefused(
            "That does not look like a person's name: type your full name in "
            "letters (e.g. Janet Whitmore).",
            field="typed_name",
        )
    return name


def check_typed_role(role):
    role = " ".join((role or "").split())
    if len(role) < 2 or len(role) > 120 or not re.search(r"[^\W\d_]", role):
        raise SigningRefused(
            "Type the role in which you sign (e.g. Practice manager).",
            field="typed_role",
        )
    return role


@transaction.atomic
def sign(
    document,
    *,
    party,
    user,
    typed_name,
    typed_role,
    authorised,
    seen_sha256,
    signed_at=None,
):
    """Record `user`'s signature for `party` on `document`; complete it when it is
    the last. Raise SigningRefused, changing nothing, for any bad input:

    1. the document is locked, so two signatures cannot both be the last;
    2. the party must be one of the document's, not yet signed, and the user one
       who may sign for it, in the order the document asks;
    3. the name and role must be plausible and the authority confirmed;
    4. the hash of what they read must be the content's hash.

    `signed_at` is for loading historical signatures (the demo); else now.
    """
    document = type(document).objects.select_for_update().get(pk=document.pk)
    if document.is_complete:
        raise SigningRefused("This document is already signed by every party.")
    found = document.party(party)
    if found is None:
        raise SigningRefused("There is no such party to this document.")
    signed = set(document.signatures.values_list("party", flat=True))
    if party in signed:
        raise SigningRefused(f"{found.organisation} has already signed this document.")
    if not document.may_sign_for(user, party):
        raise SigningRefused(
            f"You may not sign for {found.organisation}: {found.who_may_sign} may."
        )
    reason = document.refuse_signature(party, signed)
    if reason:
        raise SigningRefused(reason)
    typed_name = check_typed_name(typed_name)
    typed_role = check_typed_role(typed_role)
    if authorised is not True:
        raise SigningRefused(
            f"Confirm that you are authorised to sign for {found.organisation}.",
            field="authorised",
        )
    if seen_sha256 != document.content_sha256:
        raise SigningRefused(
            "The document has changed since you opened it: read it again before "
            "signing."
        )
    signature = document.signatures.create(
        party=party,
        organisation_name=found.organisation,
        signed_by=user,
        signed_at=signed_at or timezone.now(),
        typed_name=typed_name,
        typed_role=typed_role,
        authorised=True,
        content_sha256=seen_sha256,
    )
    log_action(
        document,
        "signed",
        user=user,
        data={"party": party, "name": typed_name, "role": typed_role},
    )
    if signed | {party} >= {p.key for p in document.parties()}:
        complete(document, user)
    return signature


def complete(document, user):
    """Issue the sealed document (once) and set off what completion releases."""
    signatures = list(document.signatures.order_by("signed_at", "pk"))
    issued = document.issue_signed(signatures, user)
    document.completed_at = timezone.now()
    document.save(update_fields=["completed_at"])
    log_action(document, "completed", user=user, data={"reference": issued.reference})
    document.on_complete(user)
    return issued


class SealedDocument(models.Model):
    """An issued document whose PDF is sealed: mix in before IssuedDocument.

    `render()` lays out `pdf_template` with the snapshot and seals the bytes; the
    issued document stores them once, so later downloads are those bytes.
    The public verification page (core.views) checks files of these types.
    """

    publicly_verifiable = True
    pdf_template = None
    seal_reason = "Signed by the parties and sealed"

    class Meta:
        abstract = True

    def pdf_context(self):
        raise NotImplementedError

    def render(self):
        content = render_pdf(self.pdf_template, self.pdf_context())
        return seal_pdf(
            content,
            reason=f"{self.seal_reason}: {self.reference}",
            location="United Kingdom",
        )
