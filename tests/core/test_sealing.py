"""The seal: a PAdES signature that validates against the CA, and fails after any
change to the file."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from core.pdf import render_pdf
from core.sealing import check_seal, outside_event_loop, seal_pdf, trust_roots


@pytest.fixture(scope="module")
def sealed(seal_certificate):
    content = render_pdf(
        "core_testapp/certificate.html",
        {
            "organisation": "DacCom PbC Ltd",
            "document_date": datetime.date(2007, 3, 31),
            "reference": "CERT-2007-00001",
            "amount": Decimal("142500.00"),
        },
    )
    return seal_pdf(content, reason="Test seal")


def test_the_seal_validates_with_pyhanko_against_the_development_ca(sealed):
    signature = PdfFileReader(io.BytesIO(sealed)).embedded_signatures[0]
    # pyHanko's own validation, called as the site calls pyHanko (outside any event
    # loop the browser tests left running in this thread).
    status = outside_event_loop(validate_pdf_signature)(
        signature, ValidationContext(trust_roots=trust_roots())
    )
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert check_seal(sealed).valid


def test_a_seal_from_another_authority_is_not_trusted(sealed, tmp_path, settings):
    from core.sealing import make_development_certificate

    other = make_development_certificate(tmp_path)
    settings.SEAL_CA_CERTIFICATE = str(other["ca"])
    check = check_seal(sealed)
    assert check.sealed and not check.valid


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(position=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_changing_any_one_byte_breaks_the_seal(sealed, position):
    changed = bytearray(sealed)
    index = int(position * len(changed))
    changed[index] = (changed[index] + 1) % 256
    assert not check_seal(bytes(changed)).valid


@pytest.mark.parametrize("index", [0, 100, -1, -100])
def test_changing_the_first_or_last_bytes_breaks_the_seal(sealed, index):
    changed = bytearray(sealed)
    changed[index] = (changed[index] + 1) % 256
    assert not check_seal(bytes(changed)).valid


def test_anything_appended_breaks_the_seal(sealed):
    assert not check_seal(sealed + b"\n%% appended\n").valid


def test_the_command_makes_a_development_seal_once(tmp_path, settings):
    settings.SEAL_CERTIFICATE = str(tmp_path / "seal.pem")
    settings.SEAL_KEY = str(tmp_path / "seal.key")
    out = io.StringIO()
    call_command(
        "make_seal_certificate", "--if-absent", folder=str(tmp_path), stdout=out
    )
    assert (tmp_path / "ca.pem").is_file() and (tmp_path / "seal.key").is_file()
    key = (tmp_path / "seal.key").read_bytes()
    call_command(
        "make_seal_certificate", "--if-absent", folder=str(tmp_path), stdout=out
    )
    assert (tmp_path / "seal.key").read_bytes() == key
    assert "nothing to do" in out.getvalue()
