"""The consortium's seal on a PDF: a PAdES signature made with pyHanko.

A sealed file shows as signed in a PDF reader, and any change to it afterwards
makes the signature invalid. The certificate and key come from settings
(SEAL_CERTIFICATE, SEAL_KEY, SEAL_CA_CERTIFICATE and SEAL_KEY_PASSPHRASE, read
from the environment); `manage.py make_seal_certificate` creates a development
set under var/seal/ signed by its own throwaway certificate authority.
"""

import asyncio
import datetime
import io
from concurrent.futures import ThreadPoolExecutor
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SEAL_FIELD = "ConsortiumSeal"


class SealError(Exception):
    """A file could not be sealed."""


def outside_event_loop(function):
    """pyHanko's sync calls start their own event loop; where one already runs in
    this thread (an async caller, Playwright in the browser tests), run them in a
    thread of their own instead."""

    @wraps(function)
    def wrapped(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with ThreadPoolExecutor(max_workers=1) as executor:
            return executor.submit(function, *args, **kwargs).result()

    return wrapped


def _signer():
    from pyhanko.sign import signers

    certificate = Path(settings.SEAL_CERTIFICATE)
    key = Path(settings.SEAL_KEY)
    if not certificate.is_file() or not key.is_file():
        raise ImproperlyConfigured(
            f"The seal's certificate ({certificate}) or key ({key}) is missing: "
            "run `manage.py make_seal_certificate` for a development one, or set "
            "SEAL_CERTIFICATE and SEAL_KEY."
        )
    # Only the seal's own certificate goes in the file: a certificate the seal
    # does not need could be changed unnoticed (CMS does not sign that list).
    chain = ()
    passphrase = settings.SEAL_KEY_PASSPHRASE
    signer = signers.SimpleSigner.load(
        str(key),
        str(certificate),
        ca_chain_files=chain,
        key_passphrase=passphrase.encode() if passphrase else None,
    )
    if signer is None:
        raise ImproperlyConfigured("The seal's certificate or key could not be read.")
    return signer


@outside_event_loop
def seal_pdf(content, *, reason, location="", contact=""):
    """`content` (PDF bytes) with the consortium's PAdES seal added."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        contact_info=contact or None,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(content), strict=False)
    output = signers.sign_pdf(writer, metadata, signer=_signer())
    return output.getvalue()


def trust_roots():
    """The certificates a seal must chain to: the CA's, else the seal's own."""
    from asn1crypto import pem, x509

    path = settings.SEAL_CA_CERTIFICATE or settings.SEAL_CERTIFICATE
    data = Path(path).read_bytes()
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    return [x509.Certificate.load(data)]


class SealCheck:
    """What validating a file's seal found."""

    def __init__(self, sealed=False, intact=False, trusted=False, signed_at=None):
        self.sealed = sealed  # carries a signature at all
        self.intact = intact  # nothing changed since it was signed
        self.trusted = trusted  # made with a certificate we trust
        self.signed_at = signed_at

    @property
    def valid(self):
        return self.sealed and self.intact and self.trusted


@outside_event_loop
def check_seal(content):
    """Validate the seal on `content` against our trust roots; never raises."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # noqa: BLE001 - any unreadable file is simply not sealed
        return SealCheck()
    if len(signatures) != 1:
        return SealCheck(sealed=bool(signatures))
    try:
        context = ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
        status = validate_pdf_signature(signatures[0], context)
    except Exception:  # noqa: BLE001 - a mangled signature is not a valid one
        return SealCheck(sealed=True)
    # The seal must cover the whole file (nothing appended after it), and the
    # unsigned gap must hold the signature alone: its padding is zeros.
    whole = signatures[0].coverage.name == "ENTIRE_FILE" and _gap_is_clean(
        content, signatures[0]
    )
    return SealCheck(
        sealed=True,
        intact=bool(status.intact and status.valid and whole),
        trusted=bool(status.trusted),
        signed_at=status.signer_reported_dt,
    )


def _gap_is_clean(content, signature):
    """The bytes the signature does not cover: "<", the signature in hex, zero
    padding, ">". A changed padding byte would otherwise go unnoticed."""
    try:
        byte_range = [int(n) for n in signature.sig_object["/ByteRange"]]
        gap = content[byte_range[1] : byte_range[2]]
        if not (gap.startswith(b"<") and gap.endswith(b">")):
            return False
        data = bytes.fromhex(gap[1:-1].decode("ascii"))
        if data[0] != 0x30:
            return False
        if data[1] < 0x80:
            header, length = 2, data[1]
        else:
            size = data[1] & 0x7F
            header, length = 2 + size, int.from_bytes(data[2 : 2 + size], "big")
        return not any(data[header + length :]) and _cms_fields_are_ours(
            data[: header + length]
        )
    except (ValueError, IndexError, KeyError, UnicodeDecodeError):
        return False


def _cms_fields_are_ours(der):
    """The parts of the signature's CMS structure that no signature covers (its
    version, content type, list of digest algorithms) are as the sealer writes
    them: a changed byte there would otherwise still validate."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(der)
        signed = info["content"]
        return (
            info["content_type"].native == "signed_data"
            and signed["version"].native == "v1"
            and [a.dump() for a in signed["digest_algorithms"]]
            == [s["digest_algorithm"].dump() for s in signed["signer_infos"]]
            and info.dump(force=True) == der
        )
    except Exception:  # noqa: BLE001 - whatever will not parse is not ours
        return False


def make_development_certificate(folder, *, organisation="DacCom PbC Ltd"):
    """A self-signed CA and a seal certificate and key under `folder`.

    For development and tests only: a real deployment sets SEAL_CERTIFICATE and
    SEAL_KEY to a certificate from a recognised authority. Returns the paths.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)

    def name(common_name):
        return x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            ]
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = name(f"{organisation} development CA (not for real use)")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name(f"{organisation} document seal (development)"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = {
        "ca": folder / "ca.pem",
        "certificate": folder / "seal.pem",
        "key": folder / "seal.key",
    }
    paths["ca"].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths["certificate"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths["key"].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    paths["key"].chmod(0o600)
    return paths
