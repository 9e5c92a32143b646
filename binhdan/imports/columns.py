"""Column specs: what a sheet's header may call each column, declared once.

A ``Column`` has our canonical key (used in row errors and ``--format json``), the header
spellings people write (compared without diacritics or case; the first one is what our
templates write and what a missing column is called), and whether the import needs it.
Columns sharing a ``group`` satisfy the requirement together: a commune is given by its
name, its code, or both.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from binhdan.core.sheets import Table, read_table


@dataclass(frozen=True)
class Column:
    key: str
    spellings: tuple[str, ...]
    required: bool = False
    group: str = ""

    def needed(self, required: bool = True) -> "Column":
        return replace(self, required=required)

    def also(self, *spellings: str) -> "Column":
        """The same column, read under a few more header spellings."""
        return replace(self, spellings=(*self.spellings, *spellings))


COMMUNE = Column(
    "commune",
    (
        "xã/phường",
        "xã",
        "phường",
        "xã, phường",
        "xã phường",
        "xã/phường/đặc khu",
        "tên xã",
        "tên xã/phường",
        "đơn vị cấp xã",
        "đơn vị hành chính cấp xã",
        "commune",
        "commune name",
    ),
    group="commune",
)
COMMUNE_CODE = Column(
    "commune_code",
    (
        "mã xã",
        "mã xã/phường",
        "mã xã, phường",
        "mã đơn vị cấp xã",
        "commune_code",
        "commune code",
    ),
    group="commune",
)
VILLAGE = Column(
    "village",
    (
        "thôn/tổ dân phố",
        "thôn",
        "tên thôn",
        "thôn, tổ dân phố",
        "tên thôn/tổ dân phố",
        "tên thôn, tổ dân phố",
        "thôn, tdp",
        "thôn/tdp",
        "tổ dân phố",
        "thôn/xóm",
        "village",
        "village name",
    ),
)

# A person on a list: the paper attendance sheet, and the volunteers' member lists.
FULL_NAME = Column(
    "full_name", ("họ tên", "họ và tên", "tên", "họ tên người dân", "full name", "name")
)
BIRTH_YEAR = Column("birth_year", ("năm sinh", "sinh năm", "năm sinh (yyyy)", "birth year"))
PHONE = Column("phone", ("số điện thoại", "điện thoại", "sđt", "sdt", "số đt", "phone"))


def commune_columns(*, needed: bool) -> list[Column]:
    """The commune by name and by code; ``needed`` unless the import implies the commune."""
    return [COMMUNE.needed(needed), COMMUNE_CODE.needed(needed)]


def read_sheet(data: bytes, filename: str, columns: Sequence[Column]) -> Table:
    """Read ``data`` against ``columns``: the header row, then ``{key: text}`` per row."""
    required: list[str | tuple[str, ...]] = []
    for column in columns:
        if not column.required:
            continue
        if not column.group:
            required.append(column.key)
            continue
        group = tuple(c.key for c in columns if c.required and c.group == column.group)
        if group not in required:
            required.append(group)
    return read_table(
        data, filename, columns={c.key: c.spellings for c in columns}, required=required
    )
