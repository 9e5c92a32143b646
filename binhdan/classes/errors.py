"""The classes error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound, OutsideScope


class PlanningErrors(ErrorCode):
    """Sessions, their bridge points, bridge points themselves."""

    KIND_INVALID = "kind_invalid", InvalidInput, _("Hãy chọn hình thức lớp học."), "kind"
    TITLE_REQUIRED = "title_required", InvalidInput, _("Hãy nhập tên buổi học."), "title"
    ONLINE_AREA_LEVEL = (
        "area_level",
        InvalidInput,
        _("Lớp trực tuyến do tỉnh hoặc xã/phường tổ chức: hãy chọn tỉnh hoặc một xã/phường."),
        "area",
    )
    IN_PERSON_AREA_LEVEL = (
        "area_level",
        InvalidInput,
        _("Lớp trực tiếp tổ chức ở một xã/phường hoặc một thôn/tổ dân phố."),
        "area",
    )
    STARTS_REQUIRED = "starts_required", InvalidInput, _("Hãy nhập giờ bắt đầu."), "starts_at"
    ENDS_REQUIRED = "ends_required", InvalidInput, _("Hãy nhập giờ kết thúc."), "ends_at"
    ENDS_BEFORE_START = (
        "ends_before_start",
        InvalidInput,
        _("Giờ kết thúc phải sau giờ bắt đầu."),
        "ends_at",
    )
    SESSION_TOO_LONG = (
        "session_too_long",
        InvalidInput,
        _("Một buổi học dài tối đa %(h)s giờ. Hãy kiểm tra ngày kết thúc."),
        "ends_at",
    )
    VENUE_REQUIRED = (
        "venue_required",
        InvalidInput,
        _("Lớp trực tiếp cần địa điểm (ví dụ: Nhà văn hóa thôn Đông)."),
        "venue",
    )
    STREAM_URL_INVALID = (
        "stream_url_invalid",
        InvalidInput,
        _("Đường link phát trực tuyến phải bắt đầu bằng https://"),
        "stream_url",
    )
    INSTRUCTOR_ROLE = (
        "instructor_role",
        InvalidInput,
        _("Người được chọn không có vai trò giảng viên."),
        "instructor",
    )
    SESSION_CANCELLED = (
        "session_cancelled",
        Conflict,
        _("Buổi học đã bị hủy: không sửa được."),
        "status",
    )
    KIND_LOCKED = (
        "kind_locked",
        InvalidInput,
        _("Buổi học đã có người điểm danh: không đổi được hình thức."),
        "kind",
    )
    SESSION_HAS_CHECKINS = (
        "session_has_checkins",
        Conflict,
        _("Buổi học đã có người điểm danh: không hủy được (số liệu đã ghi nhận)."),
        "status",
    )
    POINT_OUTSIDE_SESSION_AREA = (
        "point_outside_session_area",
        InvalidInput,
        _("Điểm cầu “%(point)s” không thuộc địa bàn tổ chức buổi học."),
        "point",
    )
    POINT_INACTIVE = "point_inactive", InvalidInput, _("Điểm cầu này đã ngừng hoạt động."), "point"
    POINT_HAS_CHECKINS = (
        "point_has_checkins",
        Conflict,
        _(
            "Điểm cầu “%(point)s” đã có người điểm danh trong buổi này: không bỏ ra được "
            "(số liệu phải truy được về điểm cầu)."
        ),
        "point",
    )
    VILLAGE_REQUIRED = (
        "village_required",
        InvalidInput,
        _("Điểm cầu phải đặt ở một thôn/tổ dân phố."),
        "village",
    )
    POINT_NAME_REQUIRED = "name_required", InvalidInput, _("Hãy nhập tên điểm cầu."), "name"
    POINT_NAME_TOO_LONG = "name_too_long", InvalidInput, _("Tên điểm cầu quá dài."), "name"
    CAPACITY_INVALID = (
        "capacity_invalid",
        InvalidInput,
        _("Sức chứa phải là số người, từ 1 đến 100.000."),
        "capacity",
    )
    POINT_NAME_TAKEN = (
        "name_taken",
        InvalidInput,
        _("Thôn này đã có điểm cầu tên “%(name)s”."),
        "name",
    )
    VILLAGE_LOCKED = (
        "village_locked",
        InvalidInput,
        _("Điểm cầu đã có người điểm danh: không chuyển sang thôn khác được."),
        "village",
    )
    BULK_AREA_LEVEL = (
        "area_level",
        InvalidInput,
        _("Hãy chọn một xã/phường hoặc cả tỉnh."),
        "area",
    )
    BULK_POINTS_RACE = (
        "bulk_points_race",
        Conflict,
        _("Đang có người khác tạo điểm cầu cho địa bàn này. Hãy thử lại."),
    )


class CheckInErrors(ErrorCode):
    """Check-in, point status, headcounts, self check-in, live figures, device tokens."""

    POINT_NOT_FOUND = "point_not_found", NotFound, _("Không tìm thấy điểm cầu.")
    QR_POINT_NOT_FOUND = "point_not_found", NotFound, _("Không tìm thấy điểm cầu của mã QR này.")
    SESSION_NOT_FOUND = "session_not_found", NotFound, _("Không tìm thấy buổi học.")
    TOKEN_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy mã truy cập.")
    TOKEN_NOT_ALLOWED = (
        "token_not_allowed",
        OutsideScope,
        _("Mã truy cập của thiết bị này chỉ dùng cho điểm cầu của nó."),
        "point_id",
    )
    POINT_NOT_IN_SESSION = (
        "point_not_in_session",
        OutsideScope,
        _("Điểm cầu này không tham gia buổi học này."),
        "point_id",
    )
    SESSION_CANCELLED = "session_cancelled", Conflict, _("Buổi học đã bị hủy.")
    NO_LIVE_SESSION = (
        "no_live_session",
        Conflict,
        _("Hiện không có buổi học nào tại điểm cầu này. Hãy điểm danh khi buổi học diễn ra."),
    )
    BATCH_TOO_LARGE = (
        "batch_too_large",
        InvalidInput,
        _("Mỗi lần gửi tối đa %(n)s lượt điểm danh."),
        "items",
    )
    AT_INVALID = (
        "at_invalid",
        InvalidInput,
        _(
            "Thời điểm không hợp lệ: phải có múi giờ, không ở tương lai và không trước "
            "ngày diễn ra buổi học."
        ),
        "at",
    )
    COUNT_INVALID = "count_invalid", InvalidInput, _("Số người phải từ 0 đến 100.000."), "count"
    COUNTED_AT_INVALID = (
        "counted_at_invalid",
        InvalidInput,
        _("Thời điểm đếm không hợp lệ."),
        "counted_at",
    )
    CLIENT_UUID_REUSED = (
        "client_uuid_reused",
        Conflict,
        _("Dữ liệu bị trùng hoặc xung đột."),
        "client_uuid",
    )


class CheckInReasons(ErrorCode):
    """Why one check-in item was rejected: the ``reason`` of its result, the message the API,
    the console (also offline, from its JSON copy), self check-in and paper sheets show,
    and the input field it is about."""

    CLIENT_UUID_INVALID = (
        "client_uuid_invalid",
        InvalidInput,
        _("Mã lượt điểm danh (client_uuid) không hợp lệ."),
        "client_uuid",
    )
    METHOD_INVALID = "method_invalid", InvalidInput, _("Cách điểm danh không hợp lệ."), "method"
    CHECKED_IN_AT_INVALID = (
        "checked_in_at_invalid",
        InvalidInput,
        _("Thời điểm điểm danh không hợp lệ: hãy kiểm tra ngày giờ của máy."),
        "checked_in_at",
    )
    CARD_INVALID = "card_invalid", InvalidInput, _("Mã QR trên thẻ không hợp lệ."), "card"
    BIRTH_YEAR_INVALID = (
        "birth_year_invalid",
        InvalidInput,
        _("Năm sinh không hợp lệ."),
        "birth_year",
    )
    CCCD_INVALID = (
        "cccd_invalid",
        InvalidInput,
        _("Số CCCD không hợp lệ: cần đủ 12 số và khớp năm sinh."),
        "cccd",
    )
    CCCD_REQUIRED = "cccd_required", InvalidInput, _("Hãy nhập số CCCD."), "cccd"
    PHONE_INVALID = (
        "phone_invalid",
        InvalidInput,
        _("Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."),
        "phone",
    )
    PHONE_REQUIRED = "phone_required", InvalidInput, _("Hãy nhập số điện thoại."), "phone"
    # A phone came without a name, and it is nobody's known phone in the point's commune.
    NAME_REQUIRED = (
        "name_required",
        InvalidInput,
        _("Số điện thoại này chưa có trong danh sách người dân của xã: hãy nhập cả họ tên."),
        "full_name",
    )
    NAME_TOO_LONG = (
        "name_too_long",
        InvalidInput,
        _("Họ và tên quá dài (tối đa 200 ký tự)."),
        "full_name",
    )
    PHONE_SHARED = (
        "phone_shared",
        InvalidInput,
        _("Nhiều người dùng chung số điện thoại này: hãy hỏi và nhập họ tên người đến dự."),
        "full_name",
    )
    IDENTITY_MISSING = (
        "identity_missing",
        InvalidInput,
        _("Cần họ tên, năm sinh và thôn (hoặc số điện thoại, số CCCD)."),
        "full_name",
    )
    VILLAGE_INVALID = (
        "village_invalid",
        InvalidInput,
        _("Thôn không thuộc xã của điểm cầu này."),
        "village_code",
    )
    # Not inserted and found nowhere: never acknowledged, the console sends it again.
    CONFLICT = "conflict", Conflict, _("Máy chủ không ghi nhận lượt này.")

    @classmethod
    def texts(cls) -> dict[str, str]:
        """{reason: message} in the active language."""
        return {reason.code: reason.message for reason in cls}


# Why an item was a duplicate (not an error): the console's and the sheets' note.
DUPLICATE_NOTES = {
    "already_checked_in": _("Người này đã điểm danh tại điểm cầu này hôm nay rồi."),
    "seen_at_other_point": _("Người này đã điểm danh ở một điểm cầu khác: đã ghi lại để kiểm tra."),
}
