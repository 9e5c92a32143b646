"""Exported cells: text stays text, formulas typed by someone are escaped, numbers stay numbers."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from binhdan.core.xlsx_export import append_row, safe_cell, safe_row


def _written(values: list) -> list:
    """The cells of ``values`` after a save and a reload, as a user's Excel would read them."""
    workbook = Workbook()
    append_row(workbook.active, values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return list(load_workbook(io.BytesIO(buffer.getvalue())).active[1])


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://x","y")',
        "+1+2",
        "-1+2",
        "@SUM(A1:A2)",
        "\t=1+2",
        "\r=1+2",
    ],
)
def test_safe_cell_escapes_text_starting_like_a_formula(value):
    # given text that a spreadsheet would read as a formula
    # when it is written to a workbook
    [cell] = _written([value])

    # then it comes back as a string cell with a leading quote (XML reads CR back as LF)
    assert safe_cell(value) == "'" + value
    assert cell.data_type == "s"
    assert cell.value == "'" + value.replace("\r", "\n")


@pytest.mark.parametrize("value", ["Nguyễn Thị Lan", "Thôn Đông", "a=b", "1 + 1", "Tổ 5 - Đông"])
def test_safe_cell_keeps_ordinary_text(value):
    [cell] = _written([value])

    assert (cell.data_type, cell.value) == ("s", value)


def test_safe_cell_keeps_numbers_and_dates():
    # given numbers (negative ones too), a date and an empty cell
    when = dt.datetime(2025, 11, 3, 14, 30)
    values = [-5, 3.5, Decimal("2"), when, None, True]

    # when they are written
    cells = _written(values)

    # then they are numbers and dates, not text
    assert [cell.value for cell in cells] == [-5, 3.5, 2, when, None, True]
    assert [cell.data_type for cell in cells] == ["n", "n", "n", "d", "n", "b"]


def test_safe_cell_writes_lazy_text_as_text():
    assert safe_cell(gettext_lazy("Tổng cộng")) == "Tổng cộng"


def test_safe_cell_drops_control_characters_a_workbook_cannot_hold():
    # given a name with a bell character hiding a formula behind it
    cells = _written(["\x07=1+2", "Lan\x01"])

    # then the export does not fail and the formula is still escaped
    assert [cell.value for cell in cells] == ["'=1+2", "Lan"]


def test_safe_row_escapes_csv_cells_too():
    # given a row written with csv.writer through safe_row
    buffer = io.StringIO()
    csv.writer(buffer).writerow(safe_row(["=1+2", "@cmd", 7, "Lan"]))

    # then the formula cells are quoted, the rest unchanged
    assert buffer.getvalue() == "'=1+2,'@cmd,7,Lan\r\n"
