"""Read the text of a reportlab PDF without a PDF library: inflate the streams, map each
font's glyph codes back to Unicode through its ToUnicode CMap."""

import re
import zlib

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"<<(.*?)>>\s*stream\r?\n(.*?)\r?\n?endstream", re.S)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJ.finditer(pdf)}


def _stream(body: bytes) -> bytes:
    match = _STREAM.search(body)
    if match is None:
        return b""
    data = match.group(2)
    if b"FlateDecode" in match.group(1):
        if b"ASCII85Decode" in match.group(1):
            import base64

            data = base64.a85decode(data.strip().removesuffix(b"~>"))
        data = zlib.decompress(data)
    return data


def _cmap(data: bytes) -> dict[int, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def font_names(pdf: bytes) -> list[str]:
    return [n.decode() for n in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf)]


def pdf_text(pdf: bytes) -> str:
    objects = _objects(pdf)
    # resource name (/F2) -> font object -> ToUnicode stream
    fonts: dict[str, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F[0-9+]+)\s+(\d+) 0 R", body):
            font = objects.get(int(ref), b"")
            to_unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
            if to_unicode:
                fonts[name.decode()] = _cmap(_stream(objects[int(to_unicode.group(1))]))
    lines = []
    for body in objects.values():
        content = _stream(body)
        if b"BT" not in content:
            continue
        current: dict[int, str] = {}
        for token in re.finditer(
            rb"/(F[0-9+]+)\s+[\d.]+\s+Tf|\((.*?)(?<!\\)\)\s*Tj", content, re.S
        ):
            if token.group(1):
                current = fonts.get(token.group(1).decode(), {})
            else:
                raw = re.sub(rb"\\([()\\])", rb"\1", token.group(2))
                raw = re.sub(rb"\\(\d{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
                lines.append("".join(current.get(b, chr(b)) for b in raw))
    return "\n".join(lines)
