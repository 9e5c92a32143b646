"""The certificate as a PDF: A4 landscape, Be Vietnam Pro (embedded), a QR code to verify it.

The font comes from the ``fontpkg-be-vietnam-pro`` package (SIL Open Font License), so the
Vietnamese diacritics render everywhere and nothing is fetched from another host. The QR
code is drawn as vector squares (no image library needed).
"""

import io

from django.utils import timezone
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

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
from binhdan.learning.codes import format_code
from binhdan.learning.models import Certificate


def certificate_pdf(
    *, certificate: Certificate, holder: str, verify_url: str, site_name: str, issuer: str = ""
) -> bytes:
    """The PDF bytes of ``certificate``; ``verify_url`` is the absolute public page.

    ``holder`` is the name printed: in full only for the learner or staff in scope, masked
    for anyone else who knows the code."""
    register_fonts()
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

    name = holder
    c.setFillColor(BRAND)
    size = fit_size(c, name, FONT_BOLD, 34, usable)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(centre, height - 88 * mm, name)

    c.setFillColor(MUTED)
    c.setFont(FONT_REGULAR, 16)
    c.drawCentredString(centre, height - 102 * mm, "đã hoàn thành và đạt bài kiểm tra chuyên đề")
    topic = certificate.topic.title
    c.setFillColor(INK)
    size = fit_size(c, topic, FONT_BOLD, 24, usable)
    c.setFont(FONT_BOLD, size)
    c.drawCentredString(centre, height - 116 * mm, topic)

    issued = timezone.localtime(certificate.issued_at).strftime("%d/%m/%Y")
    left = 30 * mm
    c.setFont(FONT_REGULAR, 14)
    c.setFillColor(INK)
    c.drawString(left, 52 * mm, f"Ngày cấp: {issued}")
    if issuer:
        c.setFont(FONT_BOLD, 14)
        c.drawString(left, 60 * mm, f"Đơn vị cấp: {issuer}")
        c.setFont(FONT_REGULAR, 14)
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
    draw_qr(c, verify_url, width - 30 * mm - side, 24 * mm, side)

    c.showPage()
    c.save()
    return buffer.getvalue()
