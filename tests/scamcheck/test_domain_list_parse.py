"""Reading domain lists from outside (pure): formats, normalisation, bad lines."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binhdan.scamcheck.domain_list_parse import normalize_list_domain, parse_domain_list

PLAIN = """\
# Danh sách thử, viết tay cho bài kiểm tra
evil-example.com
https://a.b.evil-example.com/dang-nhap?x=1
hxxps://nhan-qua[.]xyz/login
*.wild-example.top
0.0.0.0 hosts-one.com hosts-two.net
127.0.0.1 localhost
||adblock-example.vn^$third-party
vietcombank.com.vn
com.vn
github.io
trang-ca-nhan.github.io
đây không phải tên miền
xn--vietcombnk-lj3e.com
203.0.113.7
EVIL-EXAMPLE.COM   # lần nữa, chữ hoa
"""


def test_parse_reads_plain_hosts_adblock_and_defanged_lines() -> None:
    # when
    parsed = parse_domain_list(PLAIN)
    # then
    assert parsed.domains == {
        "evil-example.com": 2,
        "nhan-qua.xyz": 4,
        "wild-example.top": 5,
        "hosts-one.com": 6,
        "hosts-two.net": 6,
        "adblock-example.vn": 8,
        "trang-ca-nhan.github.io": 12,
        "vietcombạnk.com": 14,
        "203.0.113.7": 15,
    }
    assert parsed.duplicates == 2
    assert [(p.line, p.code) for p in parsed.problems] == [
        (9, "official_domain"),
        (10, "public_suffix"),
        (11, "public_suffix"),
        (13, "not_a_domain"),
    ]
    assert parsed.problems[3].value == "đây không phải tên miền"


def test_parse_allow_list_keeps_official_domains() -> None:
    parsed = parse_domain_list("vietcombank.com.vn\nbaohiemxahoi.gov.vn\n", kind="allow")
    assert set(parsed.domains) == {"vietcombank.com.vn", "baohiemxahoi.gov.vn"}
    assert parsed.problems == []


def test_parse_csv_with_a_vietnamese_domain_column() -> None:
    text = 'STT;Tên miền;Ghi chú\n1;lua-dao-a.com;"giả, ngân hàng"\n2;;trống\n3;https://b.lua-dao-b.vn/x;\n'
    parsed = parse_domain_list(text)
    assert parsed.format == "csv"
    assert parsed.domains == {"lua-dao-a.com": 2, "lua-dao-b.vn": 4}
    assert [(p.line, p.code) for p in parsed.problems] == [(3, "no_domain")]


def test_parse_csv_with_an_english_header_and_commas() -> None:
    parsed = parse_domain_list("id,url,added\n7,http://lua-dao-c.top/a,2026-01-01\n")
    assert parsed.domains == {"lua-dao-c.top": 2}


def test_parse_reports_an_overlong_line() -> None:
    parsed = parse_domain_list("ok-example.com\n" + "a" * 5000 + "\n")
    assert parsed.domains == {"ok-example.com": 1}
    assert [(p.line, p.code) for p in parsed.problems] == [(2, "line_too_long")]


def test_normalize_list_domain_gives_registrable_unicode_domains() -> None:
    assert normalize_list_domain("HTTPS://X.Y.Lua-Dao.COM.VN:8080/a") == "lua-dao.com.vn"
    assert normalize_list_domain("a.xn--vietcombnk-lj3e.com") == "vietcombạnk.com"
    assert normalize_list_domain("x.vcb-login.web.app") == "vcb-login.web.app"
    assert normalize_list_domain("not a domain") is None
    assert normalize_list_domain("-bad-.com") is None
    assert normalize_list_domain("example.123") is None


LINES = st.lists(
    st.one_of(
        st.text(max_size=120),
        st.sampled_from(
            [
                "evil.com", "# c", "0.0.0.0 a.com", "||x.vn^", "domain,url", "a;b;c", "xn--",
                "http://", "*.", "[.]", "hxxp://a[.]b", "\ufeff", "\x00", "\u0301",
                "ｅｖｉｌ.ｃｏｍ",
                "a" * 300 + ".com", "..", "-.com", "127.0.0.1", "::1 localhost", '"', "tên miền",
            ]
        ),
    ),
    max_size=40,
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["block", "allow"]))
def test_parse_never_raises_and_reports_lines_inside_the_file(lines, kind) -> None:
    # given any lines at all
    text = "\n".join(lines)
    # when
    parsed = parse_domain_list(text, kind=kind)
    # then
    count = len(text.splitlines())
    assert all(1 <= line <= count for line in parsed.domains.values())
    assert all(1 <= problem.line <= count for problem in parsed.problems)
    for domain in parsed.domains:
        assert domain == domain.lower().strip() and " " not in domain
        assert normalize_list_domain(domain) == domain
