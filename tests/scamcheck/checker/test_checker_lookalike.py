"""Look-alike domains, shape by shape: each shape fires on an example and stays quiet on its
near miss (official sites, their sub-domains, ordinary sites and mentions).

The examples are our own; the held-out set in ``tests/scamcheck/data/heldout_domains.jsonl``
is never used here (it is only read by ``bench/scamcheck_eval.py``).
"""

import pytest

from binhdan.scamcheck.checker import check_text, registrable_domain
from binhdan.scamcheck.checker.domains import hosting_suffix
from binhdan.scamcheck.checker.edits import one_edit_apart, osa_distance
from binhdan.scamcheck.checker.lookalike import find_lookalike


def sentence(link: str) -> str:
    return f"Hôm qua mình thấy đường link {link} trong nhóm Zalo của xóm."


def lookalike_reasons(text: str):
    return [r for r in check_text(text).reasons if r.code == "lookalike_domain"]


# (shape, fires on, stays quiet on)
SHAPES: list[tuple[str, str, str]] = [
    ("word_brand_digits", "hotrovcb247.com", "vibe.com"),
    ("word_brand_digits", "uudaitechcombank2025.net", "tcbs.com.vn"),
    ("brand_word", "momoqua.net", "momotaro.jp"),
    ("brand_word", "shopeegiare.com", "shopee.vn"),
    ("brand_word_vn", "acb-xacthuc-vn.com", "online.acb.com.vn"),
    ("brand_word_vn", "vpbank-hotro-vn.net", "ocbc.com"),
    ("digit_prefix", "11shb.com", "24h.com.vn"),
    ("digit_prefix", "79zalo.net", "zalo.me"),
    ("repeated_brand", "momomomo.vip", "momo.vn"),
    ("two_brands", "zalopay-momo.com", "zalopay.vn"),
    ("two_brands", "vcb-bidv.net", "bidvmetlife.com.vn"),
    ("padded_abbr", "vcbdigibnak.com", "vcbdigibank.vietcombank.com.vn"),
    ("padded_abbr", "bidvsmartbamking.net", "bidv.com.vn"),
    ("padded_abbr", "mbdigibankk.com", "mbs.com.vn"),
    ("padded_abbr", "vcbkbank.com", "kbank.co.th"),
    ("padded_abbr", "hdbdigibnk.net", "hdbuy.vn"),
    ("typo_swap", "vietcmobank.com", "vietcombank.com.vn"),
    ("typo_swap", "shpoee.vn", "shoes.vn"),
    ("typo_double", "agrribank.com", "agribank.com.vn"),
    ("typo_double", "shoppe.vn", "shopping.vn"),
    ("typo_double", "vccb.net", "mbbs.vn"),
    ("typo_drop", "sacombak.com", "sacombank.com.vn"),
    ("typo_drop", "lazda.vn", "mom.vn"),
    ("cheap_tld", "acb.top", "acb.com.vn"),
    ("cheap_tld", "https://momo.vip/nhan", "khuyenmai.top"),
    ("free_hosting", "vcb-login.web.app", "tai-lieu-hoc-tap.web.app"),
    ("free_hosting", "https://zalo-verify.weebly.com", "caulacbo-duong-sinh.weebly.com"),
    (
        "free_hosting",
        "https://sites.google.com/view/vietinbank-xacthuc",
        "sites.google.com/view/lop-9a",
    ),
    ("ewallet_words", "vidientu-xacminh.com", "thoibaonganhang.vn"),
    ("insurance_words", "bhxh-tracuu.com", "baohiemxahoi.gov.vn"),
    ("government_words", "dichvucong-online.net", "dichvucong.gov.vn"),
    ("police_words", "congan-xacminh.com", "congan.com.vn"),
    ("telecom_words", "viettel-khuyenmai.com", "viettelstore.vn"),
    ("messaging_words", "zalo-dangnhap.com", "chat.zalo.me"),
    ("marketplace_words", "tiki-uudai.shop", "tiki.vn"),
    (
        "login_path",
        "https://bao-mat-24.com/vcb/dang-nhap",
        "vnexpress.net/cach-dang-nhap-vcb-123.html",
    ),
    ("login_path", "tienich-online.com/xac-thuc?momo=1", "github.com/login"),
]


@pytest.mark.parametrize(
    ("shape", "fires_on", "not_on"), SHAPES, ids=[f"{s}-{i}" for i, (s, _, _) in enumerate(SHAPES)]
)
def test_lookalike_shape_fires_and_its_near_miss_stays_quiet(
    shape: str, fires_on: str, not_on: str
) -> None:
    # when
    fired = check_text(sentence(fires_on))
    quiet = check_text(sentence(not_on))
    # then
    assert "lookalike_domain" in fired.codes, shape
    assert fired.verdict != "no_sign"
    assert "lookalike_domain" not in quiet.codes, shape
    assert quiet.verdict == "no_sign"


OFFICIAL_AND_ORDINARY = [
    "https://portal.vietcombank.com.vn/Personal",
    "smartbanking.bidv.com.vn",
    "business.momo.vn",
    "shopeefood.vn",
    "id.zalo.me",
    "thuedientu.gdt.gov.vn",
    "cskh.evnhanoi.vn",
    "congan.hanoi.gov.vn",
    "fb.watch/abc",
    "vnexpress.net/kinh-doanh/ngan-hang",
    "tuoitre.vn",
    "dantri.com.vn",
    "cand.com.vn",
    "wikipedia.org",
    "standardchartered.com",
    "zalora.vn",
    "tikitaka.vn",
    "bachhoaxanh.com",
    "hust.edu.vn",
    "shopee.vn/buyer/login",
]


@pytest.mark.parametrize("link", OFFICIAL_AND_ORDINARY)
def test_official_and_ordinary_links_stay_quiet(link: str) -> None:
    result = check_text(sentence(link))
    assert result.verdict == "no_sign"
    assert "lookalike_domain" not in result.codes


def test_an_ordinary_mention_of_a_brand_stays_quiet() -> None:
    result = check_text("Con chuyển tiền qua MoMo cho mẹ rồi, mẹ xem Vietcombank có chưa nhé.")
    assert result.reasons == []


def test_lookalike_reason_names_the_word_and_the_real_site() -> None:
    reasons = lookalike_reasons(sentence("momoqua.net"))
    assert reasons[0].message_vi == (
        "Đường link “momoqua.net” có chữ “momo” nhưng không phải trang của ví MoMo (momo.vn)."
    )


def test_lookalike_reason_explains_a_typo() -> None:
    message = lookalike_reasons(sentence("sacombak.com"))[0].message_vi
    assert "viết gần giống “sacombank”" in message
    assert "Sacombank (sacombank.com)" in message


def test_lookalike_reason_adds_the_cheap_tld_and_the_login_path() -> None:
    message = lookalike_reasons(sentence("https://acb.top/dang-nhap"))[0].message_vi
    assert "đuôi “.top”" in message
    assert "đòi đăng nhập hoặc xác thực (“dang-nhap”)" in message


def test_lookalike_reason_names_the_hosting_platform() -> None:
    message = lookalike_reasons(sentence("vcb-login.web.app"))[0].message_vi
    assert "“web.app”, nơi ai cũng tạo được trang miễn phí" in message


def test_login_path_on_a_domain_that_is_not_the_named_brand_is_flagged() -> None:
    # given a message naming a bank and a link that is not the bank's, asking for a login
    text = "Vietcombank thông báo: vào tien-ich-so.com/dang-nhap để giữ tài khoản."
    # when
    reasons = lookalike_reasons(text)
    # then
    assert reasons and "không phải trang của Vietcombank" in reasons[0].message_vi


def test_login_path_without_a_brand_is_not_a_lookalike() -> None:
    assert lookalike_reasons("Tài liệu ở tai-lieu-lop-hoc.com/dang-nhap nhé cả lớp.") == []


def test_login_path_with_only_the_chat_app_named_is_not_a_lookalike() -> None:
    # Zalo, Facebook, Telegram are named as the way a link came, not as the site's owner
    assert lookalike_reasons("Cô gửi qua Zalo link lop-hoc-so.com/dang-nhap nhé.") == []


def test_a_cheap_tld_makes_the_hit_weigh_more() -> None:
    plain = find_lookalike("acb-online.com")
    cheap = find_lookalike("acb-online.top")
    assert plain is not None and cheap is not None
    assert cheap.weight > plain.weight


def test_a_brand_explaining_less_of_the_label_weighs_less() -> None:
    whole = find_lookalike("vietcombank.net")
    partial = find_lookalike("xqzwvietcombankpt.net")
    assert whole is not None and partial is not None
    assert partial.weight < whole.weight


@pytest.mark.parametrize(
    ("host", "registrable"),
    [
        ("a.b.vietcombank.com.vn", "vietcombank.com.vn"),
        ("x.y.vcb-login.github.io", "vcb-login.github.io"),
        ("momo.netlify.app", "momo.netlify.app"),
        ("trang.vcb-login.weebly.com", "vcb-login.weebly.com"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("hcm.kiengiang.gov.vn", "kiengiang.gov.vn"),
        ("a.xn--vietcombnk-lj3e.com", "vietcombạnk.com"),
        ("blogspot.com", "blogspot.com"),
        ("203.0.113.9", "203.0.113.9"),
    ],
)
def test_registrable_domain_follows_the_public_suffix_list(host: str, registrable: str) -> None:
    assert registrable_domain(host) == registrable


def test_hosting_suffix_names_the_platform_only_for_sites_on_it() -> None:
    assert hosting_suffix("vcb-login.web.app") == "web.app"
    assert hosting_suffix("x.weebly.com") == "weebly.com"
    assert hosting_suffix("vietcombank.com.vn") == ""
    assert hosting_suffix("web.app") == ""


def test_edit_distances() -> None:
    assert one_edit_apart("vietcombnak", "vietcombank")
    assert one_edit_apart("agrribank", "agribank")
    assert not one_edit_apart("agribank", "agribank")
    assert osa_distance("digibnak", "digibank") == 1
    assert osa_distance("abcdefgh", "digibank", 2) == 3
