"""Extractors: phones (E.164), links, registrable domains, bank accounts."""

import pytest

from binhdan.scamcheck.checker import (
    extract_bank_accounts,
    extract_phones,
    extract_urls,
    registrable_domain,
)


def test_extract_phones_gives_e164_for_local_and_international_forms() -> None:
    text = "Gọi 0912 345 678 hoặc +84 987 654 321, hay 0912.345.678 lần nữa."
    assert extract_phones(text) == ["+84912345678", "+84987654321"]


def test_extract_phones_ignores_money_and_dates() -> None:
    assert extract_phones("Số tiền 1.500.000đ ngày 12/05/2025") == []


def test_extract_urls_finds_links_with_and_without_scheme() -> None:
    text = "Vào https://vietcombank-vn.top/login?a=1. hoặc bit.ly/abc, www.vneid-gov.com nhé"
    assert extract_urls(text) == [
        "https://vietcombank-vn.top/login?a=1",
        "bit.ly/abc",
        "www.vneid-gov.com",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Email a@gmail.com",
        "Chao ban.Ai la nguoi gui",
        "Giá 1.200.000.000 đồng",
        "Tp.HCM, v.v.",
        "Tải tệp vneid.apk",
    ],
)
def test_extract_urls_ignores_things_that_are_not_links(text: str) -> None:
    assert extract_urls(text) == []


def test_extract_urls_keeps_raw_ip_links_with_scheme_or_path() -> None:
    assert extract_urls("http://103.4.5.6:8080/a và 45.77.12.9/login") == [
        "http://103.4.5.6:8080/a",
        "45.77.12.9/login",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://digibank.vietcombank.com.vn/path?x=1", "vietcombank.com.vn"),
        ("dichvucong.gov.vn", "dichvucong.gov.vn"),
        ("thuedientu.gdt.gov.vn", "gdt.gov.vn"),
        ("vneid.gov.vn.xyz", "vn.xyz"),
        ("WWW.Example.CO.UK:443", "example.co.uk"),
        ("http://user@login.evil.com/x", "evil.com"),
        ("http://xn--vietcombnk-lj3e.com/", "vietcombạnk.com"),
        ("evil.blogspot.com", "evil.blogspot.com"),
        ("http://103.4.5.6/a", "103.4.5.6"),
        ("", ""),
    ],
)
def test_registrable_domain(value: str, expected: str) -> None:
    assert registrable_domain(value) == expected


def test_extract_bank_accounts_near_stk_and_so_tai_khoan() -> None:
    text = "STK: 0123 456 789 Vietcombank. Hoặc số tài khoản 1903-5678-9012 Techcombank"
    assert extract_bank_accounts(text) == ["0123456789", "190356789012"]


def test_extract_bank_accounts_without_diacritics_and_short_cue() -> None:
    assert extract_bank_accounts("chuyen vao tk 19035678901234 techcombank") == ["19035678901234"]


def test_extract_bank_accounts_ignores_numbers_far_from_a_cue() -> None:
    assert extract_bank_accounts("Mã đơn hàng 123456789 đã giao thành công") == []
    assert extract_bank_accounts("STK 12345") == []
