"""Rules about the links in a message."""

import re
from collections.abc import Iterator

from ..brands import Brand
from ..domains import SHORTENERS, SUSPICIOUS_TLDS, is_ip
from ..lookalike import LookAlike, auth_segment, brands_named, find_lookalike
from ..negation import is_negated
from ..textview import phrases
from .base import Context, Group, Hit, rule


def _context_vi(context: tuple[str, ...]) -> str:
    sentences = []
    for item in context:
        kind, _, value = item.partition(":")
        if kind == "tld":
            sentences.append(
                f"Trang này lại dùng đuôi “.{value}”, loại tên miền rẻ tiền mà trang lừa đảo hay "
                "dùng."
            )
        elif kind == "hosting":
            sentences.append(f"Trang này nằm trên “{value}”, nơi ai cũng tạo được trang miễn phí.")
        elif kind == "auth":
            sentences.append(f"Đường link còn đòi đăng nhập hoặc xác thực (“{value}”).")
    return "".join(" " + sentence for sentence in sentences)


def _lookalike_vi(found: LookAlike) -> str:
    home = f" ({found.official})" if found.official else ""
    if found.why == "gov":
        return (
            f"Đường link “{found.host}” giả làm trang của cơ quan nhà nước, nhưng trang "
            "nhà nước thật luôn kết thúc bằng “.gov.vn”."
        )
    if found.why == "homoglyph" and not found.official:
        return (
            f"Đường link “{found.host}” dùng chữ cái trông giống chữ thường để đánh lừa người đọc."
        )
    if found.why == "homoglyph":
        return (
            f"Đường link “{found.host}” dùng chữ cái trông giống để giả “{found.official}”, "
            "nhưng không phải trang đó."
        )
    if found.why == "typo":
        return (
            f"Đường link “{found.host}” viết gần giống “{found.token}” (sai, thừa hoặc đảo chữ) "
            f"nhưng không phải trang của {found.brand_name_vi}{home}."
        )
    if found.why == "path":
        return (
            f"Đường link “{found.host}” mượn chữ “{found.token}” nhưng không phải trang của "
            f"{found.brand_name_vi}{home}."
        )
    return (
        f"Đường link “{found.host}” có chữ “{found.token}” nhưng không phải trang của "
        f"{found.brand_name_vi}{home}."
    )


@rule(
    "lookalike_domain",
    weight=0.75,
    group=Group.LINK,
    message_vi="Đường link giả dạng trang web của cơ quan nhà nước, ngân hàng hay dịch vụ quen.",
)
def lookalike_domain(ctx: Context) -> Iterator[Hit]:
    named: list[Brand] | None = None
    for url in ctx.unofficial_urls:
        if "." in url.userinfo:
            message = f"Đường link trông như “{url.userinfo}” nhưng thật ra dẫn tới “{url.host}”."
            yield Hit(url.start, url.end, 0.75, message)
            continue
        found = find_lookalike(url.host, url.path)
        if found is not None:
            message = _lookalike_vi(found) + _context_vi(found.context)
            yield Hit(url.start, url.end, found.weight, message)
            continue
        auth = auth_segment(url.path) if url.path else ""
        if not auth or is_ip(url.host):
            continue
        if named is None:
            named = brands_named(ctx.folded)
        if named:
            brand = named[0]
            home = f" ({brand.home})" if brand.home else ""
            message = (
                f"Tin nhắn nhắc tới {brand.name_vi}, nhưng đường link “{url.host}” đòi đăng "
                f"nhập hoặc xác thực (“{auth}”) lại không phải trang của {brand.name_vi}{home}."
            )
            yield Hit(url.start, url.end, 0.6, message)


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
