"""Template files for the imports: an .xlsx with the header row and one example row.

People fill them in and upload them; the header texts are the importer's own first
spellings, so ``core.sheets.read_table`` finds the header of an untouched template.
"""

import io
from collections.abc import Sequence

from binhdan.core.xlsx_export import append_row

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_workbook(*, title: str, headers: Sequence[str], example: Sequence) -> bytes:
    """A one-sheet workbook: bold headers, one example row, columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    append_row(sheet, headers)
    append_row(sheet, example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, header in enumerate(headers, start=1):
        width = max(len(str(header)), len(str(example[index - 1] if index <= len(example) else "")))
        sheet.column_dimensions[cell_letter(index)].width = min(max(width + 4, 12), 40)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)
