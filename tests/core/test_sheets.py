"""Reading the spreadsheets communes send: CSV or XLSX, title rows, blank and total rows."""

import csv
import io
import unicodedata

import pytest
from openpyxl import Workbook

from binhdan.core.errors import InvalidInput
from binhdan.core.sheets import read_table

COLUMNS = {"commune": ["xã", "commune"], "village": ["thôn", "village"]}
REQUIRED = ["commune", "village"]
TITLE_ROWS = [["DANH SÁCH THÔN, TỔ DÂN PHỐ", ""], ["Tỉnh Hưng Yên", ""]]


def _csv(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows, *, merge: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read(data: bytes, filename: str = "danh-sach.csv"):
    return read_table(data, filename, columns=COLUMNS, required=REQUIRED)


def _values(table) -> list[tuple[str, str]]:
    return [(row.values["commune"], row.values["village"]) for row in table.rows]


def _cp1258(text: str) -> bytes:
    """Encode as an old Windows export: letters cp1258 lacks go as base + combining mark."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            # cp1258 has "ư", "ơ", "â"... precomposed but tone marks only as combining.
            head = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
            out += head.encode("cp1258") + marks[-1].encode("cp1258")
    return out


def test_read_table_finds_header_below_title_rows():
    # given two title rows above the header
    data = _csv([*TITLE_ROWS, ["Xã", "Thôn"], ["Đông Hưng", "Thôn Bắc"]])

    # when the table is read
    table = _read(data)

    # then the third row is the header and the data follows it
    assert table.header_row == 3
    assert _values(table) == [("Đông Hưng", "Thôn Bắc")]


def test_read_table_keeps_spreadsheet_row_numbers():
    # given title rows, a header, data rows with a blank row between them
    data = _csv(
        [
            *TITLE_ROWS,
            ["Xã", "Thôn"],
            ["Đông Hưng", "Thôn Bắc"],
            ["", ""],
            ["Đông Hưng", "Thôn Nam"],
        ]
    )

    # when the table is read
    table = _read(data)

    # then each row carries the 1-based number a person sees in the spreadsheet
    assert [row.number for row in table.rows] == [4, 6]


def test_read_table_skips_blank_rows():
    # given blank rows (empty cells and rows with only separators) among the data
    data = _csv(
        [
            ["Xã", "Thôn"],
            ["", ""],
            ["Đông Hưng", "Thôn Bắc"],
            [],
            ["  ", "\t"],
            ["Đông Hưng", "Thôn Nam"],
        ]
    )

    # when the table is read
    table = _read(data)

    # then only the data rows are returned
    assert _values(table) == [("Đông Hưng", "Thôn Bắc"), ("Đông Hưng", "Thôn Nam")]


@pytest.mark.parametrize("label", ["Tổng cộng", "TONG CONG", "Tổng cộng:", "tổng"])
def test_read_table_skips_total_row(label):
    # given a total row at the end of the data
    data = _csv([["Xã", "Thôn"], ["Đông Hưng", "Thôn Bắc"], [label, "1"]])

    # when the table is read
    table = _read(data)

    # then the total row is not a data row
    assert _values(table) == [("Đông Hưng", "Thôn Bắc")]


@pytest.mark.parametrize("commune", ["Tống Trân", "Cộng Hòa"])
def test_read_table_keeps_row_when_commune_name_starts_like_total_word(commune):
    # given a data row whose commune (real names in Hưng Yên) starts like "Tổng"/"Cộng"
    data = _csv([["Xã", "Thôn"], [commune, "Thôn 1"]])

    # when the table is read
    table = _read(data)

    # then the row is kept
    assert _values(table) == [(commune, "Thôn 1")]


def test_read_table_reads_semicolon_delimited_csv():
    # given a CSV saved with ";" as separator (Excel in a Vietnamese locale)
    data = _csv([["Xã", "Thôn"], ["Đông Hưng", "Thôn Bắc"]], delimiter=";")

    # when the table is read
    table = _read(data)

    # then the columns are split on ";"
    assert _values(table) == [("Đông Hưng", "Thôn Bắc")]


def test_read_table_reads_utf8_with_bom():
    # given a UTF-8 file with a byte-order mark before the header
    data = _csv([["Xã", "Thôn"], ["Đông Hưng", "Thôn Bắc"]], encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf")

    # when the table is read
    table = _read(data)

    # then the BOM does not hide the first header cell
    assert table.columns == {"commune": 0, "village": 1}
    assert _values(table) == [("Đông Hưng", "Thôn Bắc")]


def test_read_table_reads_utf16_with_bom():
    # given a UTF-16 export ("Unicode text" from Excel)
    data = _csv([["Xã", "Thôn"], ["Đông Hưng", "Thôn Bắc"]], encoding="utf-16")

    # when the table is read
    table = _read(data)

    # then the text is decoded
    assert _values(table) == [("Đông Hưng", "Thôn Bắc")]


def test_read_table_falls_back_to_cp1258_for_old_windows_export():
    # given a cp1258 file (not valid UTF-8) of odd length
    data = _cp1258("Xã,Thôn\nĐông Hưng,Thôn Bãi\n")
    assert len(data) % 2 == 1

    # when the table is read
    table = _read(data)

    # then it is decoded as Vietnamese, in NFC
    assert _values(table) == [("Đông Hưng", "Thôn Bãi")]


def test_read_table_falls_back_to_cp1258_when_file_has_even_length():
    # given the same kind of cp1258 file, one byte longer (a trailing newline)
    data = _cp1258("Xã,Thôn\nĐông Hưng,Thôn Bãi\n\n")
    assert len(data) % 2 == 0

    # when the table is read
    table = _read(data)

    # then it is decoded as Vietnamese
    assert _values(table) == [("Đông Hưng", "Thôn Bãi")]


def test_read_table_returns_cells_in_nfc():
    # given header and cells typed in NFD
    data = _csv([["Xã", "Thôn"], ["Đông Hưng", "Thôn Bãi"]])
    data = unicodedata.normalize("NFD", data.decode()).encode()

    # when the table is read
    table = _read(data)

    # then the header is found and the cells come back in NFC
    assert _values(table) == [("Đông Hưng", "Thôn Bãi")]


def test_read_table_finds_header_spelled_without_diacritics():
    # given a header in capitals, without diacritics, with a trailing colon and star
    data = _csv([["XA:", "THON*"], ["Đông Hưng", "Thôn Bắc"]])

    # when the table is read
    table = _read(data)

    # then the columns are recognised
    assert table.columns == {"commune": 0, "village": 1}


def test_read_table_reads_xlsx_with_merged_title_and_numeric_cells():
    # given an XLSX with a merged title, a blank row and numbers stored as floats
    data = _xlsx(
        [
            ["DANH SÁCH THÔN", None, None],
            [None, None, None],
            ["Xã", "Thôn", None],
            [12001.0, "Thôn 5", None],
            [11953, 7.0, None],
        ],
        merge="A1:C1",
    )

    # when the table is read
    table = _read(data, "danh-sach.xlsx")

    # then integral floats come back as plain digits
    assert _values(table) == [("12001", "Thôn 5"), ("11953", "7")]


def test_read_table_keeps_xlsx_row_numbers_with_merged_title():
    # given an XLSX whose merged title and blank row come before the header
    data = _xlsx(
        [
            ["DANH SÁCH THÔN", None],
            [None, None],
            ["Xã", "Thôn"],
            ["Đông Hưng", "Thôn Bắc"],
            [None, None],
            ["Đông Hưng", "Thôn Nam"],
        ],
        merge="A1:B1",
    )

    # when the table is read
    table = _read(data, "danh-sach.xlsx")

    # then the row numbers are Excel's
    assert table.header_row == 3
    assert [row.number for row in table.rows] == [4, 6]


def test_read_table_rejects_file_without_header():
    # given a CSV whose columns are not the expected ones
    data = _csv([["Họ tên", "Số điện thoại"], ["Nguyễn Văn A", "0912345678"]])

    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        _read(data)

    # then the error says the header was not found
    assert caught.value.code == "header_not_found"


def test_read_table_rejects_pdf_file():
    # given a file named .pdf
    data = b"%PDF-1.7\n..."

    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        _read(data, "danh-sach.pdf")

    # then the error is about the file type
    assert caught.value.code == "bad_file_type"


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken zip"])
def test_read_table_rejects_corrupt_xlsx(data):
    # given a .xlsx file that is not a readable workbook
    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        _read(data, "danh-sach.xlsx")

    # then the error is about a broken file
    assert caught.value.code == "bad_file"


@pytest.mark.parametrize("header", [["Xã", "Thôn"], ["Mã xã", "Thôn"], ["Mã xã", "Xã", "Thôn"]])
def test_a_required_group_is_met_by_any_of_its_columns(header):
    # given a commune that may come by name, by code, or both
    columns = {**COLUMNS, "commune_code": ["mã xã"]}
    data = _csv([*TITLE_ROWS, header, ["x"] * len(header)])

    table = read_table(
        data, "x.csv", columns=columns, required=[("commune", "commune_code"), "village"]
    )

    # then the header is found whichever of the two the sheet has
    assert table.header_row == 3
    assert set(table.columns) == {
        "village",
        *(("commune",) if "Xã" in header else ()),
        *(("commune_code",) if "Mã xã" in header else ()),
    }


def test_a_missing_required_group_is_named_by_its_first_column():
    columns = {**COLUMNS, "commune_code": ["mã xã"]}

    with pytest.raises(InvalidInput) as caught:
        read_table(
            _csv([["Thôn"], ["x"]]),
            "x.csv",
            columns=columns,
            required=[("commune", "commune_code"), "village"],
        )

    assert caught.value.code == "header_not_found"
    assert "xã / commune; thôn / village" in caught.value.message
