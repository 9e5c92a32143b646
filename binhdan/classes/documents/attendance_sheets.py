"""Paper attendance sheets typed into Excel, uploaded for one point of a session.

Columns: họ tên, năm sinh, số điện thoại (optional), thôn (optional: the point's village
when empty). Each row becomes a check-in with method "sheet" through
``binhdan.classes.checkin.services.checkins_record``, with a ``client_uuid`` derived from the
session, the point and the row's content (uuid5): uploading the same file again creates
nothing new, and neither does the same person typed on two rows.
"""

import uuid
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdan.accounts.models import User
from binhdan.areas.models import Area
from binhdan.classes.checkin.services import CheckInItem, checkins_record
from binhdan.classes.errors import DUPLICATE_NOTES, CheckInReasons
from binhdan.classes.models import CheckInMethod, SessionPoint
from binhdan.core.errors import InvalidInput
from binhdan.core.sheet_templates import template_workbook
from binhdan.core.text import clean, fold
from binhdan.imports.columns import BIRTH_YEAR, FULL_NAME, PHONE, VILLAGE, read_sheet
from binhdan.imports.matchers import VillageIndex

NAMESPACE = uuid.UUID("5d6f0a52-3c8e-4f7a-9a51-0b8f6c1e2d47")
COLUMNS = [
    FULL_NAME.needed(),
    BIRTH_YEAR.needed(),
    PHONE,
    VILLAGE.also("địa chỉ"),  # on a list of people the address is usually the village
]
MAX_SHEET_ROWS = 1000

# A row uploaded before: the one note that is the sheet's own (a re-upload, not a person).
RETRY_NOTE = gettext_lazy("Dòng này đã được nhập trước đó.")


def reason_text(code: str) -> str:
    """What a row's check-in result means, from the one check-in reason table."""
    if code == "retry":
        return str(RETRY_NOTE)
    reason = CheckInReasons.by_code(code)
    if reason is not None:
        return reason.message
    return str(DUPLICATE_NOTES.get(code, _("Dòng không hợp lệ (%(code)s).") % {"code": code}))


@dataclass
class SheetLine:
    row: int
    full_name: str
    birth_year: int | None
    phone: str
    village: Area | None
    item: CheckInItem | None = None
    error: str = ""
    status: str = ""  # after apply: created | duplicate | rejected
    reason: str = ""

    @property
    def phone_masked(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return f"…{digits[-3:]}" if digits else ""


@dataclass
class SheetReport:
    lines: list[SheetLine] = field(default_factory=list)
    applied: bool = False

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def errors(self) -> list[SheetLine]:
        return [line for line in self.lines if line.error]

    @property
    def ready(self) -> list[SheetLine]:
        return [line for line in self.lines if line.item is not None]

    def as_dict(self) -> dict:
        return {
            "created": self.count("created"),
            "duplicate": self.count("duplicate"),
            "rejected": self.count("rejected"),
        }


def row_uuid(
    *, session_point: SessionPoint, full_name: str, birth_year, phone, village
) -> uuid.UUID:
    digits = "".join(ch for ch in phone if ch.isdigit())
    content = "|".join(
        [
            str(session_point.session_id),
            str(session_point.point_id),
            fold(full_name),
            str(birth_year or ""),
            digits,
            village.code if village else "",
        ]
    )
    return uuid.uuid5(NAMESPACE, content)


def plan_sheet(*, session_point: SessionPoint, data: bytes, filename: str) -> SheetReport:
    """Read the sheet and prepare one check-in per row. Writes nothing."""
    table = read_sheet(data, filename, COLUMNS)
    if len(table.rows) > MAX_SHEET_ROWS:
        raise InvalidInput(
            _("Mỗi lần nhập tối đa %(n)s dòng.") % {"n": MAX_SHEET_ROWS},
            code="too_many_rows",
            details={"field": "file"},
        )
    point = session_point.point
    commune = point.village.parent
    villages = VillageIndex()
    session = session_point.session
    at = min(session.starts_at, timezone.now())
    report = SheetReport()
    for row in table.rows:
        values = row.values
        name = clean(values.get("full_name", ""))[:200]
        year_text = clean(values.get("birth_year", ""))
        phone = clean(values.get("phone", ""))
        village_text = clean(values.get("village", ""))
        line = SheetLine(row.number, name, None, phone, point.village)
        report.lines.append(line)
        if not name:
            line.error = _("Thiếu họ tên.")
            continue
        try:
            line.birth_year = int(float(year_text))
        except ValueError:
            line.error = _("Năm sinh phải là số (ví dụ 1958).")
            continue
        if not 1900 <= line.birth_year <= timezone.localdate().year:
            line.error = _("Năm sinh %(year)s không hợp lệ.") % {"year": line.birth_year}
            continue
        if village_text:
            line.village = villages.find(commune, village_text)
            if line.village is None:
                line.error = _("Không tìm thấy thôn “%(v)s” trong %(c)s.") % {
                    "v": village_text,
                    "c": commune.name,
                }
                continue
        line.item = CheckInItem(
            client_uuid=row_uuid(
                session_point=session_point,
                full_name=name,
                birth_year=line.birth_year,
                phone=phone,
                village=line.village,
            ),
            method=CheckInMethod.SHEET,
            checked_in_at=at,
            phone=phone,
            full_name=name,
            birth_year=line.birth_year,
            village_code=line.village.code,
        )
    return report


def sheet_template_xlsx(*, session_point: SessionPoint) -> bytes:
    """An empty attendance sheet to type into: the header row and one example row."""
    return template_workbook(
        title="Danh sách điểm danh",
        headers=["Họ tên", "Năm sinh", "Số điện thoại", "Thôn"],
        example=["Nguyễn Thị Lan", 1958, "0912345678", session_point.point.village.name],
    )


def apply_sheet(
    *, actor: User | None, session_point: SessionPoint, report: SheetReport
) -> SheetReport:
    """Record the prepared rows; the rows with an error are counted as rejected."""
    if session_point.session.starts_at > timezone.now():
        raise InvalidInput(
            _("Buổi học chưa diễn ra: chưa nhập danh sách điểm danh được."),
            code="session_not_started",
            details={"field": "file"},
        )
    ready = report.ready
    results = (
        checkins_record(
            actor=actor, session_point=session_point, items=[line.item for line in ready]
        )
        if ready
        else []
    )
    for line, result in zip(ready, results, strict=True):
        line.status = result.status
        line.reason = reason_text(result.reason) if result.reason else ""
    for line in report.errors:
        line.status = "rejected"
        line.reason = line.error
    report.applied = True
    return report
