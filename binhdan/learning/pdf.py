"""The certificate as a PDF: A4 landscape, Be Vietnam Pro (embedded), a QR code to verify it.

The font comes from the ``fontpkg-be-vietnam-pro`` package (SIL Open Font License), so the
Vietnamese diacritics render everywhere and nothing is fetched from another host. The QR
code is drawn as vector squares (no image library needed).
"""

import io

import segno
from django.utils import timezone
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from binhdan.learning.codes import format_code
from binhdan.learning.models import Certificate

FONT_REGULAR = "BeVietnamPro"
FONT_BOLD = "BeVietnamPro-Bold"
BRAND = HexColor("#0b5394")
INK = HexColor("#1a1a1a")
MUTED = HexColor("#4a4a4a")


def font_file(style: str = "Regular"):
    import fontpkg_be_vietnam_pro

    return fontpkg_be_vietnam_pro.ROOT / "files" / f"BeVietnamPro-{style}.ttf"


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT_REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(font_file("Regular"))))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_file("Bold"))))


def _fit(c: canvas.Canvas, text: str, font: str, size: float, max_width: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``max_width``."""
    while size > 10 and c.stringWidth(text, font, size) > max_width:
        size -= 1
    return size


def _draw_qr(c: canvas.Canvas, url: str, x: float, y: float, side: float) -> None:
    qr = segno.make(url, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=0))
    module = side / len(rows)
    c.setFillColor(INK)
    for r, row in enumerate(rows):
        top = y + side - (r + 1) * module
        start = None
        for col, dark in enumerate([*list(row), 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                c.rect(x + start * module, top, (col - start) * module, module, stroke=0, fill=1)
                start = None


def certificate_pdf(*, certificate: Certificate, verify_url: str, site_name: str) -> bytes:
    """The PDF bytes of ``certificate``; ``verify_url`` is the absolute public page."""
    _register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    title = f"Chứng nhận {format_code(certificate.code)}"
    c.setTitle(title)
    c.setAuthor(site_name)
    c.setSubject(certificate.topic.title)

    # frame
    c.setStrokeColor(BRAND)
    c.setLineWidth(6)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setLineWidth(1.2)
    c.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    centre = width / 2
    usable = width - 60 * mm
    c.setFillColor(BRAND)
    c.setFont(FONT_BOLD, 16)
    c.drawCentredString(centre, height - 34 * mm, site_name.upper())
    c.setFillColor(INK)
    c.setFont(FONT_BOLD, 40)
    c.drawCentredString(centre, height - 56 * mm, "GIẤY CHỨNG NHẬN")
    c.setFont(FONT_REGULAR, 16)
    c.setFillColor(MUTED)
    c.drawCentredString(centre, height - 70 * mm, "Chứng nhận Ông/Bà")

    name = certificate.person.full_name
    c.setFillColor(BRAND)
    size = _fit(c, name, FONT_BOLD, 34, usable)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(centre, height - 88 * mm, name)

    c.setFillColor(MUTED)
    c.setFont(FONT_REGULAR, 16)
    c.drawCentredString(centre, height - 102 * mm, "đã hoàn thành và đạt bài kiểm tra chuyên đề")
    topic = certificate.topic.title
    c.setFillColor(INK)
    size = _fit(c, topic, FONT_BOLD, 24, usable)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(centre, height - 116 * mm, topic)

    issued = timezone.localtime(certificate.issued_at).strftime("%d/%m/%Y")
    left = 30 * mm
    c.setFont(FONT_REGULAR, 14)
    c.setFillColor(INK)
    c.drawString(left, 52 * mm, f"Ngày cấp: {issued}")
    label = "Mã chứng nhận: "
    c.drawString(left, 44 * mm, label)
    label_width = c.stringWidth(label, FONT_REGULAR, 14)
    c.setFont(FONT_BOLD, 18)
    c.drawString(left + label_width, 44 * mm, format_code(certificate.code))
    c.setFont(FONT_REGULAR, 11)
    c.setFillColor(MUTED)
    c.drawString(left, 34 * mm, "Quét mã QR hoặc mở địa chỉ dưới đây để kiểm tra chứng nhận:")
    c.drawString(left, 28 * mm, verify_url)

    side = 42 * mm
    _draw_qr(c, verify_url, width - 30 * mm - side, 24 * mm, side)

    c.showPage()
    c.save()
    return buffer.getvalue()
