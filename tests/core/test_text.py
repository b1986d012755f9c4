import pytest

from core.text import is_blank, normalise_text


@pytest.mark.parametrize(
    "raw,multiline,clean",
    [
        ("Yes\x0bMJ", True, "Yes\nMJ"),  # Word's soft line break
        ("Yes\x0bMJ", False, "Yes MJ"),
        ("a\x01b\x08c\x1fd\x7f", True, "abcd"),
        ("tab\tstays", True, "tab\tstays"),
        ("line\nbreak", False, "line break"),
        ("£50 — Dr O’Brien", False, "£50 — Dr O’Brien"),
    ],
)
def test_control_characters_go(raw, multiline, clean):
    assert normalise_text(raw, multiline=multiline) == clean


@pytest.mark.parametrize(
    "text", ["", "   ", "\u200b", "\u3164", "\u200b\u3164 \u2060\ufeff", "\u2800"]
)
def test_invisible_text_is_blank(text):
    assert is_blank(text)


@pytest.mark.parametrize("text", ["x", " no ", "\u200bNo GP cover"])
def test_visible_text_is_not_blank(text):
    assert not is_blank(text)
