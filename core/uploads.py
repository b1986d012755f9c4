"""Uploaded files, judged by what is in them rather than what they are called.

`sniff(file)` reads the first bytes (and, for zip containers, the names inside)
and answers one of the kinds below, or None. The file's own name must then end in
an extension of that kind: a PNG called report.pdf is refused, not served as a PDF.
"""

import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    content_type: str
    extensions: tuple


PDF = Kind("PDF", "application/pdf", (".pdf",))
PNG = Kind("PNG image", "image/png", (".png",))
JPEG = Kind("JPEG image", "image/jpeg", (".jpg", ".jpeg"))
GIF = Kind("GIF image", "image/gif", (".gif",))
DOCX = Kind(
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = Kind(
    "Excel workbook",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
PPTX = Kind(
    "PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    (".pptx",),
)
ODT = Kind("OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = Kind(
    "OpenDocument spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet",
    (".ods",),
)
ODP = Kind(
    "OpenDocument presentation",
    "application/vnd.oasis.opendocument.presentation",
    (".odp",),
)
# Legacy Office (Word 97–2003, Excel 97–2003): one OLE container for both.
OLE = Kind("Office 97–2003 document", "application/octet-stream", (".doc", ".xls"))

ALL_KINDS = (PDF, PNG, JPEG, GIF, DOCX, XLSX, PPTX, ODT, ODS, ODP, OLE)
ACCEPTED_EXTENSIONS = tuple(ext for kind in ALL_KINDS for ext in kind.extensions)

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
)
_OOXML_PARTS = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
_OOXML_PARTS += (("ppt/presentation.xml", PPTX),)
_ODF_MIMETYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS, ODP)}


def _zip_kind(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for part, kind in _OOXML_PARTS:
                    if part in names:
                        return kind
            if "mimetype" in names:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def sniff(file):
    """The Kind of an open binary file from its content, or None if not accepted."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
        file.seek(0)
        return kind
    return None
