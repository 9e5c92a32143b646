"""The classes error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput


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
