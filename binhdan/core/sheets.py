"""Reading the messy spreadsheets that communes really send (CSV or XLSX).

Real files have title rows above the header, blank rows, a "Tổng cộng" row, merged
title cells, numbers stored as floats and text in NFD. ``read_table`` finds the header
row by its column names (with or without diacritics), keeps the spreadsheet's own row
numbers for error reports and drops blank and total rows.

An .xlsx is a zip of XML parts, so a small upload can claim to be huge. Before openpyxl
opens one, the zip's own table of contents is checked: the parts may not unzip to more
than ``MAX_UNCOMPRESSED_BYTES`` (``zipfile`` never inflates a part past the size it
declares) nor be compressed beyond ``MAX_COMPRESSION_RATIO``. The sheet's declared size
(``<dimension ref="A1:XFD3000"/>``) is ignored: openpyxl would pad every row to it, so
only the first ``MAX_COLUMNS`` columns are read. The XML itself is parsed by defusedxml
(openpyxl uses it whenever it is installed): no entities, no external references.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from django.utils.translation import gettext as _

from binhdan.core.errors import InvalidInput
from binhdan.core.text import clean, fold

MAX_ROWS = 100_000
MAX_COLUMNS = 64  # a header never has more; cells further right are not read
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024  # all the parts of an .xlsx, unzipped
# Real sheets compress 5 to 15 times; a zip bomb about 1,000 times. Only parts bigger
# than RATIO_CHECK_MIN_BYTES are judged, small XML parts legitimately compress well.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
HEADER_SEARCH_ROWS = 30
# A total row's first cell is exactly one of these, or starts with "tổng cộng"/"tổng số".
# Real names such as "Tống Trân" or "Cộng Hòa" fold to "tong …"/"cong …": they are data.
TOTAL_ROW_LABELS = {"tong", "tong cong", "tong so", "cong", "total", "sum"}
TOTAL_ROW_PREFIXES = ("tong cong", "tong so")


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number a person sees in the spreadsheet (1-based)
    values: dict[str, str]


@dataclass
class Table:
    rows: list[SheetRow]
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    # What a person calls each column: the header text found in the file, else the first
    # spelling the importer knows (never our internal key).
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        return self.labels.get(name, name)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


# What a TCVN3 (ABC) file shows when read as cp1258: its letters are Latin-1 symbols, so
# symbols stand inside words ("Th«n §«ng", "X· B¾c"). Bytes cp1258 leaves undefined read as
# U+FFFD. Degree, plus-minus and superscripts are left alone ("25°C", "m²").
_TCVN3_SIGNS = "¡¢£¤¥¦§¨©ª«¬®¯´µ¶·¸¹º»¼½¾¿"
_GARBLED = re.compile(rf"\ufffd|[^\W\d_][{_TCVN3_SIGNS}]|[{_TCVN3_SIGNS}][^\W\d_]")


def _bad_encoding() -> InvalidInput:
    return InvalidInput(
        _(
            "Tệp CSV không đọc được tiếng Việt: tệp không ở bảng mã UTF-8 hay Windows-1258 "
            "(có thể là TCVN3/VNI). Hãy mở tệp bằng Excel và lưu lại với kiểu “CSV UTF-8”, "
            "hoặc gửi tệp .xlsx."
        ),
        code="bad_encoding",
    )


def _decode(data: bytes) -> str:
    """Text of a CSV in NFC: UTF-16 with a BOM, UTF-8 (with or without BOM), else cp1258.

    cp1258 (old Vietnamese Windows exports) writes tone marks as combining characters:
    the text is normalised to NFC. A file that reads as garbage in cp1258 too (TCVN3, VNI,
    bytes cp1258 does not define) is refused with ``bad_encoding`` rather than imported as
    mojibake.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return unicodedata.normalize("NFC", data.decode("utf-16"))
        except UnicodeDecodeError:
            pass
    try:
        return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if _GARBLED.search(text):
        raise _bad_encoding()
    return text


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    text = _decode(data)
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _bad_xlsx() -> InvalidInput:
    return InvalidInput(
        _("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx."), code="bad_file"
    )


def _check_xlsx_size(data: bytes) -> None:
    """Refuse a workbook whose parts would unzip to too much, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _bad_xlsx() from exc
    total = sum(part.file_size for part in parts)
    bomb = any(
        part.file_size > RATIO_CHECK_MIN_BYTES
        and part.file_size > MAX_COMPRESSION_RATIO * part.compress_size
        for part in parts
    )
    if total > MAX_UNCOMPRESSED_BYTES or bomb:
        raise InvalidInput(
            _(
                "Tệp Excel quá lớn hoặc bất thường khi giải nén (tối đa %(mb)s MB). Hãy lưu "
                "lại tệp chỉ với danh sách cần nhập, hoặc gửi tệp .csv."
            )
            % {"mb": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)},
            code="file_too_large",
        )


def _xlsx_rows(data: bytes) -> Iterable[Sequence]:
    from openpyxl import load_workbook

    _check_xlsx_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise _bad_xlsx() from exc
    try:
        sheet = workbook.worksheets[0]
        # Forget the size the file declares, or every row is padded to its width.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    except Exception as exc:  # broken XML, forbidden entities, a part failing its CRC
        raise _bad_xlsx() from exc
    finally:
        workbook.close()


def raw_rows(data: bytes, filename: str) -> list[list[str]]:
    """Every row of the first sheet as cleaned strings, blank rows included.

    At most ``MAX_COLUMNS`` cells a row, trailing empty cells dropped (a blank row is ``[]``).
    """
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or data[:2] == b"PK":
        source = _xlsx_rows(data)
    elif suffix in {".csv", ".txt", ""}:
        source = _csv_rows(data)
    else:
        raise InvalidInput(
            _("Chỉ nhận tệp .csv hoặc .xlsx (tệp đã gửi: %(name)s).") % {"name": filename},
            code="bad_file_type",
        )
    rows = []
    for index, row in enumerate(source):
        if index >= MAX_ROWS:
            raise InvalidInput(
                _("Tệp quá lớn: tối đa %(n)s dòng.") % {"n": MAX_ROWS}, code="too_many_rows"
            )
        cells = [_cell_text(value) for value in row[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows


def _is_total_row(values: Sequence[str]) -> bool:
    first = next((fold(v) for v in values if v), "").rstrip(": ")
    return first in TOTAL_ROW_LABELS or first.startswith(TOTAL_ROW_PREFIXES)


def read_table(
    data: bytes,
    filename: str,
    *,
    columns: dict[str, Sequence[str]],
    required: Sequence[str | tuple[str, ...]],
) -> Table:
    """Find the header and return the data rows as ``{column: text}``.

    ``columns`` maps our column names to the header spellings that mean them (compared
    without diacritics or case); the header is the first row among the top
    ``HEADER_SEARCH_ROWS`` that names every ``required`` column. A tuple in ``required``
    is satisfied by any one of its columns (a commune given by name or by code).
    """
    groups = [(need,) if isinstance(need, str) else tuple(need) for need in required]
    rows = raw_rows(data, filename)
    aliases = {name: {fold(a) for a in spellings} for name, spellings in columns.items()}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for position, cell in enumerate(row):
            key = fold(cell).rstrip(":* ")
            for name, spellings in aliases.items():
                if name not in found and key in spellings:
                    found[name] = position
                    break
        if all(any(name in found for name in group) for group in groups):
            header_index = index
            break
    else:
        expected = "; ".join(" / ".join(columns[group[0]][:3]) for group in groups)
        raise InvalidInput(
            _("Không tìm thấy dòng tiêu đề. Cần các cột: %(cols)s.") % {"cols": expected},
            code="header_not_found",
        )
    header = rows[header_index]
    labels = {
        name: spellings[0][:1].upper() + spellings[0][1:] for name, spellings in columns.items()
    }
    labels.update({name: header[position] for name, position in found.items()})
    table = Table(rows=[], header_row=header_index + 1, columns=found, labels=labels)
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(row) or _is_total_row(row):
            continue
        values = {
            name: (row[position] if position < len(row) else "") for name, position in found.items()
        }
        if not any(values.values()):
            continue
        table.rows.append(SheetRow(number=index + 1, values=values))
    return table
