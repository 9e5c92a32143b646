"""The self check-in poster of a bridge point: an A4 PDF to print and stick on the wall.

One page per point: a big title, the session, its date and time, the point and its village,
the QR code of the point's self check-in page, the code printed under it and short
instructions. The font is Be Vietnam Pro from the ``fontpkg-be-vietnam-pro`` package
(embedded, so the diacritics print everywhere); the QR code is drawn as vector squares.
"""

import io
from collections.abc import Sequence

from django.urls import NoReverseMatch, reverse
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from binhdan.classes.models import BridgePoint, ClassSession
from binhdan.classes.planning.selectors import session_when
from binhdan.classes.point_codes import display_code
from binhdan.core.pdf import (
    BRAND,
    FONT_BOLD,
    FONT_REGULAR,
    INK,
    MUTED,
    draw_qr,
    fit_size,
    register_fonts,
)


def self_checkin_path(code: str) -> str:
    """The path of a point's self check-in page (the console app's ``self_checkin``)."""
    try:
        return reverse("console:self_checkin", args=[code])
    except NoReverseMatch:
        return f"/diem-danh/{code}/"


def self_checkin_url(*, base_url: str, code: str) -> str:
    return base_url.rstrip("/") + self_checkin_path(code)


def _wrap(c: canvas.Canvas, text: str, font: str, size: float, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and c.stringWidth(candidate, font, size) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _page(c: canvas.Canvas, *, session: ClassSession, point: BridgePoint, base_url: str) -> None:
    width, height = A4
    margin = 18 * mm
    inner = width - 2 * margin
    y = height - margin

    c.setFillColor(BRAND)
    c.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont(FONT_BOLD, 13)
    c.drawCentredString(width / 2, height - 9.5 * mm, "BÌNH DÂN HỌC VỤ SỐ")
    y -= 16 * mm

    c.setFillColor(BRAND)
    title = "ĐIỂM DANH TẠI ĐÂY"
    size = fit_size(c, title, FONT_BOLD, 40, inner)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(width / 2, y, title)
    y -= 12 * mm

    c.setFillColor(INK)
    for line in _wrap(c, session.title, FONT_BOLD, 20, inner)[:3]:
        c.setFont(FONT_BOLD, 20)
        c.drawCentredString(width / 2, y, line)
        y -= 9 * mm
    c.setFont(FONT_REGULAR, 15)
    c.drawCentredString(width / 2, y, session_when(session))
    y -= 9 * mm

    village = point.village
    place = f"Điểm cầu: {point.name}"
    c.setFont(FONT_BOLD, fit_size(c, place, FONT_BOLD, 16, inner))
    c.drawCentredString(width / 2, y, place)
    y -= 7 * mm
    where = village.name if village.parent is None else f"{village.name}, {village.parent.name}"
    c.setFillColor(MUTED)
    c.setFont(FONT_REGULAR, fit_size(c, where, FONT_REGULAR, 13, inner))
    c.drawCentredString(width / 2, y, where)
    y -= 6 * mm

    side = 92 * mm
    y -= side
    url = self_checkin_url(base_url=base_url, code=point.self_checkin_code)
    draw_qr(c, url, (width - side) / 2, y, side)
    y -= 9 * mm
    c.setFillColor(INK)
    c.setFont(FONT_REGULAR, 12)
    c.drawCentredString(width / 2, y, "Mã điểm cầu:")
    y -= 8 * mm
    typed = display_code(point.self_checkin_code)
    c.setFont(FONT_BOLD, fit_size(c, typed, FONT_BOLD, 22, inner))
    c.drawCentredString(width / 2, y, typed)
    y -= 6 * mm
    c.setFillColor(MUTED)
    c.setFont(FONT_REGULAR, 10)
    find_url = base_url.rstrip("/") + "/diem-danh/"
    hint = f"Không quét được mã QR? Mở {find_url} và gõ mã trên."
    c.setFont(FONT_REGULAR, fit_size(c, hint, FONT_REGULAR, 10, inner))
    c.drawCentredString(width / 2, y, hint)
    y -= 10 * mm

    c.setFillColor(INK)
    c.setFont(FONT_BOLD, 14)
    c.drawString(margin, y, "Cách điểm danh:")
    y -= 7 * mm
    steps = [
        "1. Mở máy ảnh (camera) hoặc Zalo trên điện thoại, quét mã QR ở trên.",
        "2. Ghi họ tên, năm sinh, thôn (và số điện thoại nếu có), rồi bấm “Điểm danh”.",
        "3. Không có điện thoại? Báo người vận hành điểm cầu để được điểm danh giúp.",
    ]
    c.setFont(FONT_REGULAR, 12.5)
    for step in steps:
        for line in _wrap(c, step, FONT_REGULAR, 12.5, inner):
            c.drawString(margin, y, line)
            y -= 6 * mm
    c.setFillColor(MUTED)
    c.setFont(FONT_REGULAR, 9.5)
    c.drawString(
        margin,
        12 * mm,
        "Không ai được hỏi mật khẩu, mã OTP hay số tài khoản của bạn khi điểm danh.",
    )


def poster_pdf(
    *, session: ClassSession, points: Sequence[BridgePoint], base_url: str, compress: bool = True
) -> bytes:
    """One A4 page per point, in the order given. ``base_url`` is the site's address
    (``https://binhdan.example.vn``), for the QR code."""
    register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=int(compress))
    c.setTitle(f"Áp phích điểm danh – {session.title}")
    c.setAuthor("binhdan")
    c.setSubject(session.title)
    for point in points:
        _page(c, session=session, point=point, base_url=base_url)
        c.showPage()
    if not points:
        c.setFont(FONT_REGULAR, 14)
        c.drawString(20 * mm, A4[1] - 30 * mm, "Buổi học chưa có điểm cầu nào.")
        c.showPage()
    c.save()
    return buffer.getvalue()
