"""CSV encodings: old Windows cp1258 exports are read in NFC; garbage is refused by name."""

import unicodedata

import pytest

from binhdan.core.errors import InvalidInput
from binhdan.core.sheets import read_table

COLUMNS = {"commune": ["xã", "commune"], "village": ["thôn", "village"]}
TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """As Windows writes it: letters with a tone mark as the (precomposed) base letter plus a
    combining tone mark, which is what cp1258 holds."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            char.encode("cp1258")
            out.append(char)
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_read_table_reads_cp1258_with_combining_tone_marks_as_nfc():
    # given a cp1258 CSV whose letters carry tone marks (stored as combining characters)
    data = cp1258("Xã;Thôn\nXã Nghĩa Trụ;Thôn Đông\nXã Đông Hưng;Thôn Bắc Sơn\n")
    assert b"\xd0\xf4ng" in data  # "Đông" as cp1258 bytes
    assert b"Nghi\xdea" in data  # "ĩ" = "i" + combining tilde (0xDE)

    # when it is read
    table = read_table(data, "thon.csv", columns=COLUMNS, required=["commune", "village"])

    # then the text is Vietnamese in NFC
    values = [(r.values["commune"], r.values["village"]) for r in table.rows]
    assert values == [("Xã Nghĩa Trụ", "Thôn Đông"), ("Xã Đông Hưng", "Thôn Bắc Sơn")]
    assert all(unicodedata.is_normalized("NFC", v) for pair in values for v in pair)


def test_read_table_refuses_a_tcvn3_file_naming_the_encoding():
    # given a TCVN3 (ABC font) export: "Thôn Đông" is "Th«n §«ng" in those bytes
    data = cp1258("Xã,Thôn\n") + b"X\xb7 T\xa9n H\xad\xabng,Th\xabn \xa7\xabng\n"

    # when it is read
    with pytest.raises(InvalidInput) as caught:
        read_table(data, "thon.csv", columns=COLUMNS, required=["commune", "village"])

    # then the error says the encoding is wrong and how to save the file
    assert caught.value.code == "bad_encoding"
    assert "UTF-8" in caught.value.message


def test_read_table_refuses_bytes_cp1258_does_not_define():
    # given a file with a byte cp1258 leaves undefined (0x81), not valid UTF-8 either
    data = cp1258("Xã,Thôn\nĐông Hưng,Thôn ") + b"\x81\n"

    with pytest.raises(InvalidInput) as caught:
        read_table(data, "thon.csv", columns=COLUMNS, required=["commune", "village"])

    assert caught.value.code == "bad_encoding"


def test_read_table_keeps_degrees_and_superscripts_in_cp1258():
    # given a cp1258 file with "25°C" and "m²" (Latin-1 signs that are not TCVN3 letters)
    data = cp1258("Xã,Thôn\nĐông Hưng,Thôn Đông 25°C 40m²\n")

    table = read_table(data, "thon.csv", columns=COLUMNS, required=["commune", "village"])

    assert table.rows[0].values["village"] == "Thôn Đông 25°C 40m²"


def test_header_not_found_names_columns_in_vietnamese_not_internal_keys():
    # given a file without the needed header
    data = "Họ tên,Năm sinh\nA,1950\n".encode()

    with pytest.raises(InvalidInput) as caught:
        read_table(data, "x.csv", columns=COLUMNS, required=["commune", "village"])

    # then the message lists the spellings a person would write, not "commune:"
    assert caught.value.code == "header_not_found"
    assert "xã" in caught.value.message
    assert "commune:" not in caught.value.message


def test_table_labels_are_the_header_text_found_or_the_first_spelling():
    data = "XA:,Thôn/TDP\nĐông Hưng,Thôn Đông\n".encode()
    columns = {**COLUMNS, "village": ["thôn", "thôn/tdp"], "kind": ["loại"]}

    table = read_table(data, "x.csv", columns=columns, required=["commune", "village"])

    assert table.label("commune") == "XA:"
    assert table.label("village") == "Thôn/TDP"
    assert table.label("kind") == "Loại"
