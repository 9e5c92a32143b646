"""What a report's value becomes: the form the checker matches."""

import pytest

from binhdan.core.errors import InvalidInput
from binhdan.scamcheck.normalize import message_hints, message_key, normalize_report_value


@pytest.mark.parametrize(
    "raw",
    [
        "0912345678",
        "0912 345 678",
        "0912.345.678",
        "0912-345-678",
        "+84912345678",
        "+84 912 345 678",
        "84912345678",
        "(+84) 912 345 678",
        " 0912345678 ",
    ],
)
def test_phone_in_any_usual_form_becomes_e164(raw: str) -> None:
    assert normalize_report_value(kind="phone", value=raw) == "+84912345678"


@pytest.mark.parametrize("raw", ["12345", "0912", "abc", "0000000000", ""])
def test_invalid_phone_is_refused_on_value(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_report_value(kind="phone", value=raw)
    assert caught.value.details == {"field": "value"}
    assert "Số điện thoại" in caught.value.message or "số điện thoại" in caught.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://vietcombank-xacthuc.com/login?x=1", "vietcombank-xacthuc.com"),
        ("http://a.b.vietcombank-xacthuc.com/", "vietcombank-xacthuc.com"),
        ("vietcombank-xacthuc.com", "vietcombank-xacthuc.com"),
        ("www.Dichvucong-Gov.COM/abc", "dichvucong-gov.com"),
        ("HTTPS://login.evn-thanhtoan.com.vn/pay", "evn-thanhtoan.com.vn"),
        ("bit.ly/3xYzAbc", "bit.ly"),
        ("https://xn--vietcombnk-lj3e.com/a", "vietcombạnk.com"),
        ("vietcombạnk.com", "vietcombạnk.com"),
        ("http://103.97.125.4/vcb", "103.97.125.4"),
        ("https://user@phishing.top/x", "phishing.top"),
    ],
)
def test_link_becomes_its_registrable_domain(raw: str, expected: str) -> None:
    assert normalize_report_value(kind="domain", value=raw) == expected


@pytest.mark.parametrize("raw", ["", "khong co link", "abc", "http://", "a..b", "-x-.com"])
def test_invalid_link_is_refused_on_value(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_report_value(kind="domain", value=raw)
    assert caught.value.details == {"field": "value"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0123456789", "0123456789"),
        ("0123 456 789", "0123456789"),
        ("0123.456.789", "0123456789"),
        ("0123-456-789", "0123456789"),
        ("1234 5678 9012 3456 789", "1234567890123456789"),
    ],
)
def test_bank_account_keeps_digits_only(raw: str, expected: str) -> None:
    assert normalize_report_value(kind="bank_account", value=raw) == expected


@pytest.mark.parametrize("raw", ["12345", "1" * 20, "VCB 0123456789", "０１２３４５６７", ""])
def test_bank_account_outside_6_to_19_ascii_digits_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_report_value(kind="bank_account", value=raw)
    assert caught.value.details == {"field": "value"}


def test_same_message_with_other_spacing_case_or_diacritics_groups_together() -> None:
    a = normalize_report_value(kind="message", value="Bạn đã  TRÚNG thưởng xe SH")
    b = normalize_report_value(kind="message", value="ban da trung thuong xe sh ")
    assert a == b == message_key("Bạn đã trúng thưởng xe SH")


def test_message_over_2000_chars_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_report_value(kind="message", value="a " * 1001)
    assert caught.value.code == "message_too_long"


def test_unknown_kind_is_refused_on_kind() -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_report_value(kind="email", value="x@y.z")
    assert caught.value.details == {"field": "kind"}


def test_message_hints_are_phones_unofficial_domains_and_accounts() -> None:
    text = (
        "Goi 0912 345 678 hoac vao https://vcb-xacthuc.top/a, khong phai dichvucong.gov.vn. "
        "Chuyen vao STK 0123 456 789"
    )
    assert message_hints(text) == [
        ("phone", "+84912345678"),
        ("domain", "vcb-xacthuc.top"),
        ("bank_account", "0123456789"),
    ]
