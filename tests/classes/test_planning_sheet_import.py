import datetime as dt
import io
import uuid

import pytest
from django.utils import timezone
from openpyxl import Workbook

from binhdan.classes.checkin.services import CheckInItem, checkins_record
from binhdan.classes.documents.attendance_sheets import apply_sheet, plan_sheet, reason_text
from binhdan.classes.errors import DUPLICATE_NOTES, CheckInReasons
from binhdan.classes.models import CheckIn, CheckInMethod
from binhdan.core.errors import InvalidInput
from tests.classes.factories import ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point

pytestmark = pytest.mark.django_db


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH NGƯỜI DỰ LỚP (gõ lại từ giấy)"])
    sheet.append(["STT", "Họ và tên", "Năm sinh", "Số điện thoại", "Thôn"])
    for i, row in enumerate(rows, start=1):
        sheet.append([i, *row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ROWS = [
    ["Nguyễn Thị Lan", 1956, "", ""],
    ["Trần Văn Nam", "1949", "0912 345 678", "Thôn Tây"],
    ["Lê Văn Hùng", "năm 50", "", ""],
    ["Phạm Thị Mai", 1960, "", "Thôn Không Có"],
]


@pytest.fixture
def session_point(tree):
    session = ClassSessionFactory(area=tree.commune)
    return SessionPointFactory(session=session, point=point(tree.village))


def _run(session_point, commune_officer, rows=ROWS):
    report = plan_sheet(session_point=session_point, data=xlsx(rows), filename="ds.xlsx")
    return apply_sheet(actor=commune_officer, session_point=session_point, report=report)


def test_sheet_rows_become_sheet_checkins(session_point, commune_officer):
    report = _run(session_point, commune_officer)

    assert report.as_dict() == {"created": 2, "duplicate": 0, "rejected": 2}
    rows = CheckIn.objects.order_by("full_name")
    assert [(c.full_name, c.method) for c in rows] == [
        ("Nguyễn Thị Lan", CheckInMethod.SHEET),
        ("Trần Văn Nam", CheckInMethod.SHEET),
    ]
    session_point.refresh_from_db()
    assert session_point.checkin_count == 2


def test_sheet_errors_are_explained_in_vietnamese(session_point, commune_officer):
    report = _run(session_point, commune_officer)

    reasons = {line.row: line.reason for line in report.lines if line.status == "rejected"}
    assert reasons == {
        5: "Năm sinh phải là số (ví dụ 1958).",
        6: "Không tìm thấy thôn “Thôn Không Có” trong Xã Đông Hưng.",
    }


def test_uploading_the_same_sheet_twice_creates_nothing_new(session_point, commune_officer):
    _run(session_point, commune_officer)

    again = _run(session_point, commune_officer)

    assert again.as_dict() == {"created": 0, "duplicate": 2, "rejected": 2}
    assert CheckIn.objects.count() == 2
    assert {line.reason for line in again.lines if line.status == "duplicate"} == {
        "Dòng này đã được nhập trước đó."
    }


def test_sheet_rows_reordered_still_create_nothing_new(session_point, commune_officer):
    _run(session_point, commune_officer)

    again = _run(session_point, commune_officer, rows=list(reversed(ROWS)))

    assert again.count("created") == 0


def test_sheet_for_a_session_not_yet_held_is_refused(tree, commune_officer):
    starts = timezone.now() + dt.timedelta(days=1)
    session = ClassSessionFactory(
        area=tree.commune, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    sp = SessionPointFactory(session=session, point=point(tree.village))

    with pytest.raises(InvalidInput) as exc:
        _run(sp, commune_officer)

    assert exc.value.code == "session_not_started"


def test_sheet_notes_come_from_the_one_check_in_reason_table(session_point, commune_officer):
    # given a person the console already checked in at this point, by name
    checkins_record(
        actor=commune_officer,
        session_point=session_point,
        items=[
            CheckInItem(
                client_uuid=uuid.uuid4(),
                method=CheckInMethod.NAME,
                checked_in_at=session_point.session.starts_at,
                full_name="Nguyễn Thị Lan",
                birth_year=1956,
                village_code=session_point.point.village.code,
            )
        ],
    )

    # when a sheet lists her again
    report = _run(session_point, commune_officer, rows=[["Nguyễn Thị Lan", 1956, "", ""]])

    # then her row says what the console says for the same result
    [line] = report.lines
    assert line.status == "duplicate"
    assert line.reason == str(DUPLICATE_NOTES["already_checked_in"])
    assert reason_text("village_invalid") == CheckInReasons.VILLAGE_INVALID.message
