import base64
import re
import zlib

import pytest

from binhdan.classes.documents.posters import poster_pdf, self_checkin_path, self_checkin_url
from tests.classes.factories import ClassSessionFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


def _decode_stream(body: bytes) -> bytes:
    match = re.search(rb"stream\r?\n(.*?)endstream", body, re.S)
    if match is None:
        return b""
    data = match.group(1).strip()
    if data.endswith(b"~>"):  # reportlab: ASCII85 around Flate
        data = base64.a85decode(data[:-2])
    try:
        return zlib.decompress(data)
    except zlib.error:
        return data


def _unescape(literal: bytes) -> bytes:
    literal = re.sub(rb"\\([0-7]{1,3})", lambda m: bytes([int(m.group(1), 8)]), literal)
    return re.sub(rb"\\(.)", rb"\1", literal)


def pdf_text(pdf: bytes) -> str:
    """The text drawn in a reportlab PDF, decoded through each font's ToUnicode map."""
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}
    maps: dict[bytes, dict[int, str]] = {}
    for name, number in re.findall(rb"/(F\d+(?:\+\d+)?) (\d+) 0 R", pdf):
        found = re.search(rb"/ToUnicode (\d+) 0 R", objects.get(int(number), b""))
        if found:
            cmap = _decode_stream(objects[int(found.group(1))])
            maps[name] = {
                int(code, 16): chr(int(uni, 16))
                for code, uni in re.findall(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap)
                if int(uni, 16)
            }
    lines = []
    for body in objects.values():
        if b"/ToUnicode" in body or b"Tj" not in (content := _decode_stream(body)):
            continue
        font: dict[int, str] = {}
        pattern = rb"/(F\S+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj"
        for match in re.finditer(pattern, content):
            if match.group(1):
                font = maps.get(match.group(1), {})
            else:
                lines.append("".join(font.get(b, chr(b)) for b in _unescape(match.group(2))))
    return "\n".join(lines)


@pytest.fixture
def poster(tree):
    session = ClassSessionFactory(area=tree.commune, title="Nhận diện lừa đảo qua điện thoại")
    p = point(tree.village, name="Nhà văn hóa Thôn Đông")
    return p, poster_pdf(session=session, points=[p], base_url="https://binhdan.example.vn")


def test_poster_embeds_be_vietnam_pro(poster):
    _point, pdf = poster

    assert pdf.startswith(b"%PDF")
    assert b"BeVietnamPro-Bold" in pdf
    assert b"/FontFile2" in pdf  # the TrueType program itself is in the file


def test_poster_prints_the_self_checkin_code_as_people_type_it(poster):
    from binhdan.classes.point_codes import display_code

    point_, pdf = poster

    text = pdf_text(pdf)
    assert display_code(point_.self_checkin_code) in text
    assert "/diem-danh/ và gõ mã trên" in text


def test_poster_text_keeps_vietnamese_diacritics(poster):
    _point, pdf = poster
    text = pdf_text(pdf)

    assert "ĐIỂM DANH TẠI ĐÂY" in text
    assert "Nhận diện lừa đảo qua điện thoại" in text
    assert "Điểm cầu: Nhà văn hóa Thôn Đông" in text
    assert "Thôn Đông, Xã Đông Hưng" in text


def test_poster_has_one_page_per_point(tree):
    session = ClassSessionFactory(area=tree.commune)
    points = [point(tree.village), point(tree.village2)]

    pdf = poster_pdf(session=session, points=points, base_url="https://x.vn")

    assert len(re.findall(rb"/Type /Page\b", pdf)) == 2


def test_self_checkin_url_points_at_the_point_code():
    assert self_checkin_url(base_url="https://x.vn/", code="abc") == "https://x.vn" + (
        self_checkin_path("abc")
    )
    assert self_checkin_path("abc").endswith("/abc/")
