"""Rules about the links in a message."""

import re
from collections.abc import Iterator

from ..domains import SHORTENERS, SUSPICIOUS_TLDS, find_lookalike, is_ip
from ..negation import is_negated
from ..textview import phrases
from .base import Context, Group, Hit, rule


@rule(
    "lookalike_domain",
    weight=0.75,
    group=Group.LINK,
    message_vi="Đường link giả dạng trang web của cơ quan nhà nước hoặc ngân hàng.",
)
def lookalike_domain(ctx: Context) -> Iterator[Hit]:
    for url in ctx.unofficial_urls:
        if "." in url.userinfo:
            message = f"Đường link trông như “{url.userinfo}” nhưng thật ra dẫn tới “{url.host}”."
            yield Hit(url.start, url.end, 0.75, message)
            continue
        found = find_lookalike(url.host)
        if not found:
            continue
        if found.why == "gov":
            message = (
                f"Đường link “{found.host}” giả làm trang của cơ quan nhà nước, nhưng trang "
                "nhà nước thật luôn kết thúc bằng “.gov.vn”."
            )
        elif found.why == "homoglyph" and not found.official:
            message = (
                f"Đường link “{found.host}” dùng chữ cái trông giống chữ thường để đánh lừa "
                "người đọc."
            )
        else:
            message = (
                f"Đường link “{found.host}” giả dạng {found.brand_name_vi}, nhưng không phải "
                f"trang chính thức ({found.official})."
            )
        yield Hit(url.start, url.end, 0.75, message)


@rule(
    "shortened_link",
    weight=0.25,
    group=Group.LINK,
    message_vi="Đường link đã bị rút gọn nên không biết nó dẫn tới trang nào.",
)
def shortened_link(ctx: Context) -> Iterator[Hit]:
    for url in ctx.urls:
        if url.registrable in SHORTENERS or url.host in SHORTENERS:
            yield Hit(url.start, url.end, 0.25)


@rule(
    "raw_ip_link",
    weight=0.45,
    group=Group.LINK,
    message_vi="Đường link chỉ là một dãy số (địa chỉ IP), trang web thật không dùng như vậy.",
)
def raw_ip_link(ctx: Context) -> Iterator[Hit]:
    for url in ctx.urls:
        if is_ip(url.host):
            yield Hit(url.start, url.end, 0.45)


# Names of banks, agencies and services a scam hides behind, in the message's words.
BRAND_WORDS = phrases(
    r"ngân hàng",
    r"bank",
    r"vcb",
    r"bidv",
    r"agribank",
    r"evn",
    r"điện lực",
    r"tiền điện",
    r"vneid",
    r"dịch vụ công",
    r"công an",
    r"thuế",
    r"bảo hiểm xã hội",
    r"bhxh",
    r"viettel",
    r"vnpt",
    r"mobifone",
    r"vinaphone",
    r"bưu điện",
    r"chính phủ",
    r"shopee",
    r"lazada",
    r"tiki",
    r"momo",
    r"zalopay",
)


@rule(
    "suspicious_tld",
    weight=0.3,
    group=Group.LINK,
    message_vi="Đường link dùng đuôi tên miền rẻ tiền mà trang lừa đảo hay dùng.",
)
def suspicious_tld(ctx: Context) -> Iterator[Hit]:
    brand_named = BRAND_WORDS.search(ctx.folded) is not None
    for url in ctx.unofficial_urls:
        tld = url.host.rsplit(".", 1)[-1]
        if tld in SUSPICIOUS_TLDS:
            message = (
                f"Đường link dùng đuôi “.{tld}”, loại tên miền rẻ tiền mà trang lừa đảo hay "
                "dùng; ngân hàng và cơ quan nhà nước không dùng đuôi này."
            )
            yield Hit(url.start, url.end, 0.45 if brand_named else 0.3, message)


_CLICK = re.compile(
    r"(?:truy\s*cap|bam|nhap|nhan|an|click|vao|mo|theo|tai|qua|link|web|website|trang)"
    r"(?:\s*vao)?(?:\s*(?:duong\s*)?(?:link|lien\s*ket|duong\s*dan|dia\s*chi|trang))?"
    r"\W{0,3}$"
)
_LINK_PURPOSE = phrases(
    r"đăng nhập",
    r"xác thực",
    r"xác minh",
    r"cập nhật",
    r"kích hoạt",
    r"khai báo",
    r"mở khóa",
    r"hoàn tất",
    r"bổ sung",
    r"thanh toán",
    r"nhận (?:lại )?(?:thưởng|quà|tiền|hỗ trợ|giải|hoàn tiền|hàng)",
    r"hoàn tiền",
    r"đồng bộ",
    r"tích hợp",
    r"chuẩn hóa",
    r"định danh",
    r"sinh trắc học",
    r"tránh bị",
    r"khiếu nại",
    r"giấy triệu tập|giấy mời|quyết định",
)
_SENTENCE_END = re.compile(r"[.!?\n]\s")


@rule(
    "link_action_request",
    weight=0.3,
    group=Group.REQUEST,
    message_vi=(
        "Tin nhắn bảo bạn bấm vào đường link lạ để đăng nhập, xác thực, thanh toán hay nhận tiền."
    ),
)
def link_action_request(ctx: Context) -> Iterator[Hit]:
    folded = ctx.folded
    for url in ctx.unofficial_urls:
        start, end = ctx.view.folded_span(url.start, url.end)
        before = folded[max(0, start - 120) : start]
        cut = 0
        for stop in _SENTENCE_END.finditer(before):
            cut = stop.end()
        after = folded[end : end + 80]
        stop = _SENTENCE_END.search(after)
        sentence = before[cut:] + " " + (after[: stop.start()] if stop else after)
        purpose = _LINK_PURPOSE.search(sentence)
        if purpose is None:
            continue
        if _CLICK.search(before[cut:]) is None and purpose.start() >= len(before) - cut:
            continue  # a purpose after the link needs a "bấm vào / truy cập" before it
        if is_negated(ctx.view, start):
            continue
        yield Hit(url.start, url.end, 0.3)
        return
