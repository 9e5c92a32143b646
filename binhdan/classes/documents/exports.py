"""Attendance of a session as an Excel workbook (openpyxl), limited to the user's scope.

Sheet "Tổng hợp": one row per point (commune, point, village): check-ins, the latest
headcount and the attendance (the larger of the two), with totals. Sheet "Danh sách": one
row per check-in: time, point, commune and village where the person lives, name, birth
year, method. Never a phone or a CCCD.

Where a person lives: the village typed at the check-in, else the known person's village,
else (nothing said) the point's village. The birth year: the check-in's, else the known
person's (a phone check-in carries none).
Every row goes through ``append_row``: a name typed as ``=HYPERLINK(…)`` stays text.
"""

import io

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from binhdan.accounts.models import User
from binhdan.classes.models import BridgePoint, CheckInMethod, ClassSession
from binhdan.classes.planning.attendance import attendance_by_point, checkins_for_export
from binhdan.core.text import strip_diacritics
from binhdan.core.xlsx_export import append_row

SUMMARY_HEADER = [
    "Xã/phường",
    "Điểm cầu",
    "Thôn/tổ dân phố",
    "Lượt điểm danh",
    "Báo cáo số lượng (mới nhất)",
    "Số người tham dự",
]
LIST_HEADER = [
    "STT",
    "Thời gian",
    "Điểm cầu",
    "Xã/phường",
    "Thôn/tổ dân phố",
    "Họ và tên",
    "Năm sinh",
    "Cách điểm danh",
]
RULE = (
    "Số người tham dự của một điểm cầu = số lớn hơn giữa lượt điểm danh và báo cáo số lượng "
    "mới nhất của điểm cầu đó."
)


def attendance_workbook(
    *, user: User, session: ClassSession, point: BridgePoint | None = None
) -> bytes:
    bold = Font(bold=True)
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Tổng hợp"
    start = timezone.localtime(session.starts_at)
    append_row(summary, [session.title])
    summary["A1"].font = Font(bold=True, size=14)
    append_row(
        summary, [f"{session.get_kind_display()} · {start:%H:%M %d/%m/%Y} · {session.area.name}"]
    )
    append_row(summary, [RULE])
    append_row(summary, [])
    append_row(summary, SUMMARY_HEADER)
    for cell in summary[5]:
        cell.font = bold
    totals = [0, 0, 0]
    for row in attendance_by_point(user=user, session=session, point=point):
        village = row.session_point.point.village
        append_row(
            summary,
            [
                village.parent.name if village.parent else "",
                row.session_point.point.name,
                village.name,
                row.checkins,
                row.headcount,
                row.attendance,
            ],
        )
        totals[0] += row.checkins
        totals[1] += row.headcount or 0
        totals[2] += row.attendance
    append_row(summary, ["Tổng cộng", "", "", totals[0], totals[1], totals[2]])
    for cell in summary[summary.max_row]:
        cell.font = bold
    for column, width in zip("ABCDEF", [28, 34, 24, 16, 18, 18], strict=True):
        summary.column_dimensions[column].width = width

    listing = workbook.create_sheet("Danh sách")
    append_row(listing, LIST_HEADER)
    for cell in listing[1]:
        cell.font = bold
    methods = dict(CheckInMethod.choices)
    for number, checkin in enumerate(
        checkins_for_export(user=user, session=session, point=point).iterator(chunk_size=2000),
        start=1,
    ):
        person = checkin.person if checkin.person_id else None
        village = checkin.village or (person.village if person else checkin.point.village)
        birth_year = checkin.birth_year or (person.birth_year if person else None)
        append_row(
            listing,
            [
                number,
                timezone.localtime(checkin.checked_in_at).replace(tzinfo=None),
                checkin.point.name,
                village.parent.name if village.parent_id else "",
                village.name,
                checkin.full_name,
                birth_year,
                str(methods.get(checkin.method, checkin.method)),
            ],
        )
    for row in listing.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = "dd/mm/yyyy hh:mm"
    for column, width in zip("ABCDEFGH", [7, 18, 34, 24, 24, 30, 10, 30], strict=True):
        listing.column_dimensions[column].width = width
    listing.freeze_panes = "A2"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(*, session: ClassSession, point: BridgePoint | None = None) -> str:
    """A readable Vietnamese file name; the view sends an ASCII fallback too."""
    day = timezone.localtime(session.starts_at).strftime("%Y-%m-%d")
    title = session.title[:60].replace("/", "-")
    suffix = f" - {point.name[:40]}" if point is not None else ""
    return f"Điểm danh {day} - {title}{suffix}.xlsx".replace('"', "")


def ascii_filename(name: str) -> str:
    return slugify(strip_diacritics(name.removesuffix(".xlsx"))) + ".xlsx"
