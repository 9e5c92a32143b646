"""Block and allow lists from outside, as the checker sees them (``DomainLists``)."""

from binhdan.scamcheck.checker import DomainLists, check_text

LISTS = DomainLists(
    [
        ("nhan-qua-tet.com", "block", "Danh sách quốc gia"),
        ("nhan-qua-tet.com", "block", "Nhóm chống lừa đảo"),
        ("acb-tuyendung.com", "allow", "Trang tin cậy của tỉnh"),
        ("vcb-tuyendung.com", "allow", "Trang tin cậy của tỉnh"),
        ("vcb-tuyendung.com", "block", "Danh sách quốc gia"),
    ]
)


def reasons(text: str, code: str):
    return [r for r in check_text(text, domain_lists=LISTS).reasons if r.code == code]


def test_blocklisted_domain_names_every_source_that_lists_it() -> None:
    # when
    found = reasons("Bác xem quà ở https://www.nhan-qua-tet.com/nhan nhé", "blocklisted_domain")
    # then
    assert found[0].message_vi == (
        "Trang web “nhan-qua-tet.com” nằm trong danh sách cảnh báo của “Danh sách quốc gia” "
        "và “Nhóm chống lừa đảo”."
    )
    assert found[0].evidence == "https://www.nhan-qua-tet.com/nhan"


def test_blocklisted_domain_alone_is_danger() -> None:
    result = check_text("Xem ở nhan-qua-tet.com nhé", domain_lists=LISTS)
    assert result.verdict == "danger"


def test_blocklisted_domain_near_miss_another_domain_stays_quiet() -> None:
    assert reasons("Xem ở nhan-qua-tet.com nhé", "blocklisted_domain")
    assert reasons("Xem ở nhan-qua-tet.vn nhé", "blocklisted_domain") == []
    assert check_text("Xem ở nhan-qua-tet.com nhé").verdict == "no_sign"  # no lists given


def test_allow_list_keeps_a_credible_site_from_looking_like_a_brand() -> None:
    assert reasons("Nộp hồ sơ ở acb-tuyendung.com", "lookalike_domain") == []
    assert reasons("Nộp hồ sơ ở acb-tuyendung.net", "lookalike_domain")


def test_a_block_list_wins_over_an_allow_list() -> None:
    assert reasons("Nộp hồ sơ ở vcb-tuyendung.com", "blocklisted_domain")
    assert reasons("Nộp hồ sơ ở vcb-tuyendung.com", "lookalike_domain")
