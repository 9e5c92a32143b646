"""Writing spreadsheets that people open in Excel without running what someone typed.

Names, villages, points and session titles come from self check-in and from imported
files: a name such as ``=HYPERLINK("http://x","y")`` must come back as text, not as a live
formula. Every export writes its rows through ``append_row`` (openpyxl) or ``safe_row``
(``csv.writer``):

- text whose first character is ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  prefixed with a single quote, as OWASP recommends for CSV injection, so it stays inert
  even after being copied to a CSV and opened again;
- text is always a string cell (openpyxl's ``data_type`` ``"s"``), never a formula;
- control characters a workbook cannot hold are dropped instead of failing the export;
- numbers, dates and empty cells are written as they are.
"""

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# What openpyxl refuses in a cell (IllegalCharacterError): C0 controls but tab, LF and CR.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_AS_IS = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)


def safe_text(value: str) -> str:
    """``value`` that no spreadsheet reads as a formula."""
    value = _ILLEGAL.sub("", value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def safe_cell(value):
    """A cell value ready to write: text escaped, numbers, dates and ``None`` unchanged."""
    if value is None or isinstance(value, _AS_IS):
        return value
    return safe_text(str(value))  # lazy translations, choices and the like are text too


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def append_row(sheet, values: Iterable) -> None:
    """Append one row to an openpyxl worksheet, every cell through ``safe_cell``."""
    sheet.append(safe_row(values))
