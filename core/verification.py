"""Is this file one we issued, unaltered? The answer the public page gives.

A file is genuine when its SHA-256 is that of a stored issued document (sealed
or not: agreements, meeting records, funding statements): byte for byte what
was issued. A document type that must not be confirmed to strangers sets
`publicly_verifiable = False`. Otherwise, a file carrying our seal that no longer
validates has been changed since it was sealed. Nothing else is revealed: only
that the document was issued, its reference and when.
"""

import hashlib
from dataclasses import dataclass

from django.apps import apps

from core.documents import IssuedDocument
from core.sealing import check_seal


@dataclass
class Verdict:
    outcome: str  # "genuine", "altered", "unknown"
    reference: str = ""
    issued_at: object = None

    @property
    def genuine(self):
        return self.outcome == "genuine"


def verifiable_types():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, IssuedDocument)
        and getattr(model, "publicly_verifiable", True)
    ]


def _find(**lookup):
    for model in verifiable_types():
        found = (
            model._base_manager.filter(**lookup)
            .values_list("reference", "issued_at")
            .first()
        )
        if found:
            return Verdict("genuine", *found)
    return None


def verify_file(content):
    found = _find(sha256=hashlib.sha256(content).hexdigest())
    if found:
        return found
    seal = check_seal(content)
    if seal.sealed and not seal.valid:
        return Verdict("altered")
    return Verdict("unknown")


def verify_reference(reference):
    reference = (reference or "").strip().upper()
    return _find(reference=reference) or Verdict("unknown")
