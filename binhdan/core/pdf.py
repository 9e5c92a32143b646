"""What every printed document shares: the embedded Vietnamese font, colours, a vector QR.

The font is Be Vietnam Pro from the ``fontpkg-be-vietnam-pro`` package (SIL Open Font
License), embedded so the diacritics print everywhere and nothing is fetched from another
host. QR codes are drawn as vector squares: sharp at any size, no image library needed.
"""

import segno
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_REGULAR = "BeVietnamPro"
FONT_BOLD = "BeVietnamPro-Bold"
BRAND = HexColor("#0b5394")
INK = HexColor("#1a1a1a")
MUTED = HexColor("#4a4a4a")


def font_file(style: str = "Regular"):
    import fontpkg_be_vietnam_pro

    return fontpkg_be_vietnam_pro.ROOT / "files" / f"BeVietnamPro-{style}.ttf"


def register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT_REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(font_file("Regular"))))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_file("Bold"))))


def fit_size(c: canvas.Canvas, text: str, font: str, size: float, max_width: float) -> float:
    """The largest size up to ``size`` (at least 10) at which ``text`` fits ``max_width``."""
    while size > 10 and c.stringWidth(text, font, size) > max_width:
        size -= 1
    return size


def draw_qr(c: canvas.Canvas, data: str, x: float, y: float, side: float) -> None:
    """A QR code of ``data`` as a ``side``-wide square whose lower-left corner is (x, y)."""
    qr = segno.make(data, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=0))
    module = side / len(rows)
    c.setFillColor(INK)
    for r, row in enumerate(rows):
        top = y + side - (r + 1) * module
        start = None
        for col, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                c.rect(x + start * module, top, (col - start) * module, module, stroke=0, fill=1)
                start = None
