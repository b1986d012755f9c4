"""Text as users paste it: control characters out, invisible "reasons" seen through."""

import re
import unicodedata

from django.utils.text import slugify

# C0 controls other than tab, line feed and carriage return. Spreadsheets (openpyxl)
# refuse them, and nobody means them: Word's soft line break is U+000B.
_LINE_BREAKING_CONTROLS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_OTHER_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")
# Letters that render as nothing (Hangul fillers, braille blank): not Cf, still blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def normalise_text(value, *, multiline=True):
    """The text without control characters; line breaks kept (or made spaces)."""
    if not isinstance(value, str):
        return value
    value = _LINE_BREAKING_CONTROLS.sub("\n" if multiline else " ", value)
    value = _OTHER_CONTROLS.sub("", value)
    if not multiline:
        value = value.replace("\r", " ").replace("\n", " ")
    return value


def is_blank(value):
    """True if nothing in `value` would show: spaces, zero-width or filler
    characters."""
    return all(
        char.isspace()
        or char in _BLANK_LETTERS
        or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn")
        for char in value or ""
    )


# "2006/7", "2006/07" or "2006/2007": an NHS financial year, from 1 April.
_FINANCIAL_YEAR = re.compile(r"\b((?:19|20)\d\d)\s*/\s*(\d{1,4})\b")


def file_slug(value):
    """`value` as a readable file name part: "PbC pilot 2006/7" → "pbc-pilot-2006-07".

    slugify alone drops the slash and runs the financial year together ("20067").
    """

    def financial_year(match):
        return f"{match.group(1)}-{match.group(2)[-2:].zfill(2)}"

    value = _FINANCIAL_YEAR.sub(financial_year, value).replace("/", " ")
    return slugify(value)
