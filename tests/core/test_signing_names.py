"""What counts as a plausible typed name when signing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.signing import SigningRefused, check_typed_name

WORD = st.text(alphabet=st.characters(categories=["Lu", "Ll"]), min_size=3, max_size=12)


@given(st.lists(WORD, min_size=1, max_size=4))
def test_words_of_letters_are_a_name(words):
    name = " ".join(words)
    assert check_typed_name(f"  {name} ") == name


@given(WORD, st.integers(min_value=0, max_value=9), WORD)
def test_a_name_with_a_digit_is_refused(first, digit, last):
    with pytest.raises(SigningRefused):
        check_typed_name(f"{first}{digit} {last}")


@pytest.mark.parametrize("name", ["Mary McMinn", "Seán O'Brien", "Anne-Marie Smith"])
def test_real_names_pass(name):
    assert check_typed_name(name) == name


@pytest.mark.parametrize(
    "name", ["", "  ", "X", "<b>Mark</b>", "Mark; DROP", "x" * 101]
)
def test_implausible_names_are_refused(name):
    with pytest.raises(SigningRefused):
        check_typed_name(name)
