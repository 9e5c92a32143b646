"""Property tests: the checker and the extractors never break on arbitrary text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binhdan.scamcheck.checker import (
    EmptyText,
    check_text,
    extract_bank_accounts,
    extract_phones,
    extract_urls,
    registrable_domain,
)
from binhdan.scamcheck.checker.scoring import verdict_for

# Vietnamese letters, combining marks, digits, punctuation, URLs bits and odd spaces.
_ALPHABET = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cf"),
) | st.sampled_from([*"OTP .:/-@đĐ\u0301\u0323\u200b\n", "https://", "bit.ly/", ".top"])
_WORDS = st.sampled_from(
    [
        "chuyển khoản", "OTP", "không", "cung cấp", "tài khoản tạm giữ", "công an", "https://",
        "vietcombank-vn.top", "bit.ly/x", "0912345678", "STK", "12345678", "O T P", "đừng",
        "phí nhận thưởng", " ", "\n", ".", ",", "xn--", "@", "cài app", "24h",
    ]
)  # fmt: skip
TEXTS = (
    st.lists(st.one_of(_ALPHABET, _WORDS), max_size=400)
    .map("".join)
    .filter(lambda s: len(s) <= 5000)
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_check_text_never_raises_and_stays_consistent(text: str) -> None:
    try:
        result = check_text(text)
    except EmptyText:
        assert not text.strip()
        return
    assert 0.0 <= result.score <= 1.0
    assert result.verdict == verdict_for(result.score)
    assert result.advice_vi
    for reason in result.reasons:
        assert reason.evidence
        assert reason.evidence in text
        assert len(reason.evidence) <= 120


@SETTINGS
@given(st.text(max_size=5000))
def test_check_text_never_raises_on_any_unicode(text: str) -> None:
    try:
        result = check_text(text)
    except EmptyText:
        assert not text.strip()
        return
    assert 0.0 <= result.score <= 1.0
    assert all(reason.evidence in text for reason in result.reasons)


@SETTINGS
@given(TEXTS)
def test_extractors_never_raise(text: str) -> None:
    for phone in extract_phones(text):
        assert phone.startswith("+")
    for url in extract_urls(text):
        assert url in text
        assert isinstance(registrable_domain(url), str)
    for account in extract_bank_accounts(text):
        assert account.isdigit() and 6 <= len(account) <= 19


@SETTINGS
@given(st.text(max_size=300))
def test_registrable_domain_never_raises(value: str) -> None:
    assert isinstance(registrable_domain(value), str)
