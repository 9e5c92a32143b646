"""Weak signs in how a message is written. Alone they never make a message suspicious."""

import re
from collections.abc import Iterator

from binhdan.core.text import has_diacritics

from .base import Context, Group, Hit, rule

# Common Vietnamese syllables once folded: how we tell Vietnamese written without marks.
_VI_SYLLABLES = frozenset(
    """
    anh ban bao bi cac can cap chi cho chuyen co con cua cung da dang de den di dien dung duoc
    gap gi giao gio gui hang hay hien ho hoac hom khach khi khoan khong la lai lam len lien long
    luc ma mat minh moi mot nay ngan ngay nguoi nhan nhung nha neu nhe nhu nao noi ong phai qua
    quy ra roi sang se so sau tai tam thi thong tien tin toi tra trong truy tu tuc tung vao va
    vay ve vi viec vien vui xac xin yeu cau cong an thue ung dung thuong hoa hong
    """.split()  # noqa: SIM905
)
_WORDS = re.compile(r"[a-z]+")
_MIN_WORDS = 12


@rule(
    "no_diacritics",
    weight=0.08,
    group=Group.STYLE,
    message_vi=(
        "Tin nhắn tiếng Việt viết không dấu. Tin nhắn lừa đảo hay viết vậy để lọt qua bộ lọc, "
        "nhưng nhiều tin thật cũng không dấu, nên đây chỉ là dấu hiệu nhỏ."
    ),
)
def no_diacritics(ctx: Context) -> Iterator[Hit]:
    if has_diacritics(ctx.text):
        return
    words = _WORDS.findall(ctx.folded)
    if len(words) < _MIN_WORDS:
        return
    vietnamese = sum(1 for word in words if word in _VI_SYLLABLES)
    if vietnamese / len(words) >= 0.35:
        first_line = ctx.text.strip().splitlines()[0] if ctx.text.strip() else ""
        start = ctx.text.find(first_line)
        yield Hit(start, start + len(first_line), 0.08)


_KEYWORDS = re.compile(
    r"otp|vneid|chuyen\s*khoan|chuyen\s*tien|mat\s*khau|tai\s*khoan|ngan\s*hang|cong\s*an|stk"
    r"|cccd|zalo|link|trung\s*thuong|nhan\s*thuong|hoa\s*hong|bank|evn|dien\s*luc|thue|bhxh"
    r"|ma\s*pin|xac\s*(?:thuc|minh)|dang\s*nhap|lua\s*dao"
)


@rule(
    "odd_spacing",
    weight=0.12,
    group=Group.STYLE,
    message_vi=(
        "Có chữ bị tách rời bằng dấu cách hoặc dấu chấm (như “O T P”), một mẹo để lách bộ lọc "
        "tin nhắn rác."
    ),
)
def odd_spacing(ctx: Context) -> Iterator[Hit]:
    for start, end in ctx.view.spaced_runs:
        if _KEYWORDS.search(ctx.folded[start:end]):
            yield ctx.hit(start, end, 0.12)
            return
