"""Vietnamese-aware text forms: clean (display), normalize (exact match), fold (loose match)."""

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from binhdan.core.text import clean, fold, has_diacritics, normalize

VIETNAMESE_LOWER = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
VIETNAMESE_LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper()

# Text as people type it: Vietnamese letters, digits and white space, in NFC or NFD.
vietnamese_text = st.builds(
    unicodedata.normalize,
    st.sampled_from(["NFC", "NFD"]),
    st.text(alphabet=VIETNAMESE_LETTERS + "0123456789 \t\n\u00a0", max_size=40),
)


def _has_combining_mark(value: str) -> bool:
    return any(unicodedata.category(ch) == "Mn" for ch in value)


@given(vietnamese_text)
def test_fold_returns_same_text_when_applied_twice(value):
    # given any Vietnamese text
    # when it is folded twice
    twice = fold(fold(value))

    # then the second fold changes nothing
    assert twice == fold(value)


@given(st.text())
@example("a \u0301 b")
def test_fold_returns_same_text_when_applied_twice_to_any_text(value):
    # given any text, including a combining mark standing alone between spaces
    # when it is folded twice
    twice = fold(fold(value))

    # then the second fold changes nothing
    assert twice == fold(value)


@given(st.text())
def test_fold_ignores_unicode_normalization_form(value):
    # given the same text in NFD and in NFC
    decomposed = unicodedata.normalize("NFD", value)
    composed = unicodedata.normalize("NFC", value)

    # when both are folded
    # then they give the same loose-match form
    assert fold(decomposed) == fold(composed)


@given(st.text())
def test_fold_leaves_no_combining_marks(value):
    # given any text
    # when it is folded
    folded = fold(value)

    # then no non-spacing combining mark (tone or vowel mark) is left
    assert not _has_combining_mark(folded)


@given(vietnamese_text)
def test_fold_leaves_only_ascii_letters_for_vietnamese_text(value):
    # given Vietnamese text
    # when it is folded
    folded = fold(value)

    # then only plain lower-case ASCII letters, digits and single spaces remain
    assert all(ch in "abcdefghijklmnopqrstuvwxyz0123456789 " for ch in folded)


@given(st.text())
def test_clean_leaves_no_double_leading_or_trailing_spaces(value):
    # given any text
    # when it is cleaned
    cleaned = clean(value)

    # then white space is single plain spaces between words only
    assert "  " not in cleaned
    assert cleaned == cleaned.strip()
    assert all(ch == " " or not ch.isspace() for ch in cleaned)


@given(st.text())
def test_clean_returns_nfc(value):
    # given any text
    # when it is cleaned
    cleaned = clean(value)

    # then it is in NFC
    assert unicodedata.is_normalized("NFC", cleaned)


def test_fold_returns_loose_form_for_messy_commune_name():
    # given a name with odd case, spacing and diacritics
    raw = "  Xã  ĐÔNG   Hưng "

    # when it is folded
    # then it is lower case, without diacritics, spaces collapsed
    assert fold(raw) == "xa dong hung"


def test_normalize_keeps_diacritics_for_messy_commune_name():
    # given a name with odd case and spacing
    raw = "  Xã  ĐÔNG   Hưng "

    # when it is normalized
    # then it is lower case with its diacritics
    assert normalize(raw) == "xã đông hưng"


def test_clean_keeps_case_for_messy_commune_name():
    # given a name with odd case and spacing
    raw = "  Xã  ĐÔNG   Hưng "

    # when it is cleaned
    # then only the spacing changes
    assert clean(raw) == "Xã ĐÔNG Hưng"


def test_fold_turns_d_with_stroke_into_d():
    # given words with "đ" and "Đ"
    # when folded
    # then both become plain "d"
    assert fold("Đường đê") == "duong de"


def test_fold_reads_nfd_input_like_nfc():
    # given a name typed in NFD
    decomposed = unicodedata.normalize("NFD", "Phường Phố Hiến")

    # when folded
    # then it matches the NFC spelling without diacritics
    assert fold(decomposed) == "phuong pho hien"


@pytest.mark.parametrize("value", [None, "", "   \t\n "])
def test_clean_returns_empty_string_for_missing_value(value):
    # given nothing, or only white space
    # when cleaned
    # then the result is an empty string
    assert clean(value) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Hưng Yên", True),
        ("Hung Yen", False),
        ("Đ", True),
        ("dong hung", False),
        (unicodedata.normalize("NFD", "Hưng Yên"), True),
        ("12001", False),
    ],
)
def test_has_diacritics_tells_whether_text_carries_a_mark(value, expected):
    # given a text with or without a diacritic
    # when asked
    # then the answer says whether a mark or "đ" is present
    assert has_diacritics(value) is expected
