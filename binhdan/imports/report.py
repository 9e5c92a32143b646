"""What an import would do, or did: planned items, rows not taken, warnings.

The command's ``--format json`` prints ``ImportReport.as_dict()``:
``{"created", "updated", "unchanged", "errors": [{"row", "field", "message"}], "warnings":
[...same...]}``. Row numbers are the spreadsheet's own (the header is usually row 1).
"""

from dataclasses import dataclass, field
from typing import Protocol

from binhdan.core.sheets import Table

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass
class RowError:
    """A row not taken, or a note on a row taken: ``field`` is our column key (stable, for
    scripts), ``column`` what the sheet calls that column (its header text, else our first
    Vietnamese spelling)."""

    row: int
    field: str
    message: str
    column: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


class Planned(Protocol):
    row: int
    action: str  # create | update | unchanged


@dataclass
class ImportReport:
    planned: list[Planned] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    applied: bool = False
    table: Table | None = field(default=None, repr=False, compare=False)

    def error(self, row: int, key: str, message: str) -> None:
        """Refuse row ``row`` because of column ``key``."""
        self.errors.append(self._row_error(row, key, message))

    def warn(self, row: int, key: str, message: str) -> None:
        """Take row ``row`` but say something about column ``key``."""
        self.warnings.append(self._row_error(row, key, message))

    def _row_error(self, row: int, key: str, message: str) -> RowError:
        column = self.table.label(key) if self.table is not None else key
        return RowError(row, key, message, column)

    def count(self, action: str) -> int:
        return sum(1 for item in self.planned if item.action == action)

    def as_dict(self) -> dict:
        return {
            "created": self.count(CREATE),
            "updated": self.count(UPDATE),
            "unchanged": self.count(UNCHANGED),
            "errors": [error.as_dict() for error in self.errors],
            "warnings": [warning.as_dict() for warning in self.warnings],
        }
