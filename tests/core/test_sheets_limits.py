"""Hostile workbooks: a tiny .xlsx claiming a huge sheet, zip bombs, XML entities."""

import io
import time
import tracemalloc
import zipfile

import openpyxl.xml
import openpyxl.xml.functions
import pytest
from openpyxl import Workbook

from binhdan.core.errors import InvalidInput
from binhdan.core.sheets import (
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_CHECK_MIN_BYTES,
    raw_rows,
    read_table,
)

XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    "[Content_Types].xml": (
        f"{XML}<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
        "<Default Extension='rels' "
        "ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
        "<Default Extension='xml' ContentType='application/xml'/>"
        "<Override PartName='/xl/workbook.xml' ContentType='application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'/>"
        "<Override PartName='/xl/worksheets/sheet1.xml' ContentType='application/"
        "vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'/></Types>"
    ),
    "_rels/.rels": (
        f"{XML}<Relationships xmlns='{RELS}'><Relationship Id='rId1' "
        f"Type='{DOC_RELS}/officeDocument' Target='xl/workbook.xml'/></Relationships>"
    ),
    "xl/workbook.xml": (
        f"{XML}<workbook xmlns='{MAIN}' xmlns:r='{DOC_RELS}'><sheets>"
        "<sheet name='Sheet1' sheetId='1' r:id='rId1'/></sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f"{XML}<Relationships xmlns='{RELS}'><Relationship Id='rId1' "
        f"Type='{DOC_RELS}/worksheet' Target='worksheets/sheet1.xml'/></Relationships>"
    ),
}


def _cell(ref: str, text: str) -> str:
    return f"<c r='{ref}' t='inlineStr'><is><t>{text}</t></is></c>"


def _hand_made_xlsx(sheet_data: str, *, dimension: str = "A1:B3", doctype: str = "") -> bytes:
    """A minimal workbook written by hand, so its XML says whatever a test wants."""
    sheet = (
        f"{XML}{doctype}<worksheet xmlns='{MAIN}'><dimension ref='{dimension}'/>"
        f"<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _zip_with_a_part_of(size: int) -> bytes:
    """A valid workbook plus one part that inflates to ``size`` bytes of spaces."""
    buffer = io.BytesIO(_hand_made_xlsx(f"<row r='1'>{_cell('A1', 'Xã')}</row>"))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/padding.xml", "w", force_zip64=True) as part,
    ):
        chunk = b" " * (1024 * 1024)
        written = 0
        while written < size:
            part.write(chunk[: size - written])
            written += len(chunk)
    return buffer.getvalue()


def test_raw_rows_ignores_the_sheet_size_a_tiny_file_declares():
    # given a 2 KB workbook whose <dimension> claims 3,000 rows x 16,384 columns
    rows = "".join(f"<row r='{n}'>{_cell(f'A{n}', f'Thôn {n}')}</row>" for n in (1, 2, 3, 3000))
    data = _hand_made_xlsx(rows, dimension="A1:XFD3000")
    assert len(data) < 2048

    # when its rows are read
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = raw_rows(data, "thon.xlsx")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    # then only the cells really there come back, quickly and in little memory
    assert max(len(row) for row in result) == 1
    assert result[0] == ["Thôn 1"] and result[-1] == ["Thôn 3000"]
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert elapsed < 10


def test_raw_rows_reads_at_most_max_columns():
    # given a row with a value in each of 100 columns
    workbook = Workbook()
    workbook.active.append([f"c{n}" for n in range(100)])
    buffer = io.BytesIO()
    workbook.save(buffer)

    # when it is read
    [row] = raw_rows(buffer.getvalue(), "rong.xlsx")

    # then only the first MAX_COLUMNS cells are kept
    assert row == [f"c{n}" for n in range(MAX_COLUMNS)]


def test_raw_rows_drops_trailing_empty_cells():
    rows = (
        f"<row r='1'>{_cell('A1', 'Xã')}{_cell('B1', 'Thôn')}{_cell('D1', '')}</row>"
        f"<row r='2'>{_cell('C2', '')}</row>"
    )

    assert raw_rows(_hand_made_xlsx(rows, dimension="A1:Z2"), "x.xlsx") == [["Xã", "Thôn"], []]


def test_read_table_refuses_a_workbook_unzipping_past_the_cap():
    # given a small upload one of whose parts inflates past the cap
    data = _zip_with_a_part_of(MAX_UNCOMPRESSED_BYTES + 1)
    assert len(data) < MAX_UNCOMPRESSED_BYTES // 100

    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        read_table(data, "bom.xlsx", columns={"commune": ["xã"]}, required=["commune"])

    # then it is refused as too large, before anything is inflated
    assert caught.value.code == "file_too_large"


def test_read_table_refuses_a_part_compressed_like_a_zip_bomb():
    # given a part under the size cap but compressed far beyond any real sheet
    data = _zip_with_a_part_of(4 * RATIO_CHECK_MIN_BYTES)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/padding.xml")
    assert info.file_size > MAX_COMPRESSION_RATIO * info.compress_size

    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        read_table(data, "bom.xlsx", columns={"commune": ["xã"]}, required=["commune"])

    # then it is refused as too large
    assert caught.value.code == "file_too_large"


def test_openpyxl_parses_with_defusedxml():
    import defusedxml.ElementTree

    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_read_table_refuses_xml_entities():
    # given a sheet whose XML declares an entity (the start of a "billion laughs")
    doctype = "<!DOCTYPE worksheet [<!ENTITY lol 'Thôn Đông'>]>"
    data = _hand_made_xlsx(
        f"<row r='1'>{_cell('A1', 'Xã')}{_cell('B1', 'Thôn')}</row>"
        f"<row r='2'>{_cell('A2', 'Xã A')}{_cell('B2', '&lol;')}</row>",
        doctype=doctype,
    )

    # when the table is read
    with pytest.raises(InvalidInput) as caught:
        raw_rows(data, "x.xlsx")

    # then the file is refused as broken instead of having its entity expanded
    assert caught.value.code == "bad_file"
