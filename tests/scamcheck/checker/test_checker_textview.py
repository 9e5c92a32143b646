"""The folded view: diacritics, case, NFD, homoglyphs and split letters, mapped back."""

import unicodedata

from binhdan.scamcheck.checker.textview import TextView, trim_evidence


def test_fold_removes_diacritics_and_case_and_maps_back_to_nfd_original() -> None:
    text = unicodedata.normalize("NFD", "CHUYỂN Khoản ngay")
    view = TextView.of(text)
    assert view.folded == "chuyen khoan ngay"
    start = view.folded.index("khoan")
    assert view.evidence(start, start + len("khoan")) == unicodedata.normalize("NFD", "Khoản")


def test_fold_joins_letters_split_by_spaces_and_dots() -> None:
    assert TextView.of("mã O T P").folded == "ma otp"
    assert TextView.of("V.N.e.I.D").folded == "vneid"
    assert TextView.of("c h u y e n  k h o a n").folded == "chuyen khoan"


def test_fold_maps_homoglyphs_fullwidth_and_drops_zero_width() -> None:
    assert TextView.of("ОТР Ｏｔｐ O\u200bTP").folded == "otp otp otp"


def test_evidence_quotes_the_split_letters_as_written() -> None:
    view = TextView.of("Nhập O T P đi")
    start, end = view.spaced_runs[0]
    assert view.evidence(start, end) == "O T P"


def test_trim_evidence_keeps_a_substring_of_at_most_120_chars() -> None:
    value = "  " + "a" * 200
    trimmed = trim_evidence(value)
    assert len(trimmed) == 120
    assert trimmed in value
