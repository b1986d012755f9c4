"""Uploaded files are judged by their content (core.uploads.sniff)."""

import io
import zipfile

import pytest

from core import uploads


def _zip(**members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    "content,kind",
    [
        (b"%PDF-1.7\n...", uploads.PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", uploads.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", uploads.JPEG),
        (b"GIF89a\x01\x00", uploads.GIF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", uploads.OLE),
    ],
)
def test_it_knows_files_by_their_first_bytes(content, kind):
    assert uploads.sniff(io.BytesIO(content)) is kind


def test_it_knows_office_documents_by_the_files_inside():
    ooxml = {"[Content_Types].xml": "<Types/>"}
    assert uploads.sniff(_zip(**ooxml)) is None  # a container with no document
    docx = _zip(**{**ooxml, "word/document.xml": "<w/>"})
    xlsx = _zip(**{**ooxml, "xl/workbook.xml": "<w/>"})
    pptx = _zip(**{**ooxml, "ppt/presentation.xml": "<p/>"})
    odt = _zip(mimetype="application/vnd.oasis.opendocument.text")
    ods = _zip(mimetype="application/vnd.oasis.opendocument.spreadsheet")
    assert [uploads.sniff(f) for f in (docx, xlsx, pptx, odt, ods)] == [
        uploads.DOCX,
        uploads.XLSX,
        uploads.PPTX,
        uploads.ODT,
        uploads.ODS,
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00",  # a Windows program
        b"#!/bin/sh\nrm -rf /",
        b"",
        b"PK\x03\x04 but not really a zip",
    ],
)
def test_it_refuses_anything_else(content):
    assert uploads.sniff(io.BytesIO(content)) is None


def test_a_plain_zip_is_not_an_office_document():
    assert uploads.sniff(_zip(**{"readme.txt": "hello"})) is None
    assert uploads.sniff(_zip(mimetype="application/zip")) is None


def test_it_leaves_the_file_at_its_start():
    file = _zip(**{"[Content_Types].xml": "", "xl/workbook.xml": ""})
    uploads.sniff(file)
    assert file.tell() == 0
