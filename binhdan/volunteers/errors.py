"""The volunteers error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound, OutsideScope


class TeamErrors(ErrorCode):
    """Teams and their members."""

    TEAM_NOT_FOUND = "team_not_found", NotFound, _("Không tìm thấy đội hình.")
    MEMBER_NOT_FOUND = "member_not_found", NotFound, _("Không tìm thấy đoàn viên.")
    NOT_MANAGER = (
        "outside_scope",
        OutsideScope,
        _("Bạn không có quyền quản lý đội hình này."),
    )
    COMMUNE_REQUIRED = (
        "commune_required",
        InvalidInput,
        _("Đội hình thuộc một xã/phường: hãy chọn xã/phường."),
        "commune",
    )
    NAME_REQUIRED = "name_required", InvalidInput, _("Hãy nhập tên đội hình."), "name"
    NAME_TAKEN = "name_taken", Conflict, _("Xã/phường đã có đội hình mang tên này."), "name"
    VILLAGE_OUTSIDE = (
        "village_outside",
        InvalidInput,
        _("Thôn, tổ dân phố phải thuộc xã/phường của đội hình."),
        "villages",
    )
    LEADER_NOT_MEMBER = (
        "leader_not_member",
        InvalidInput,
        _("Đội trưởng phải là đoàn viên đang hoạt động của đội hình."),
        "leader",
    )
    MOVE_OTHER_COMMUNE = (
        "move_other_commune",
        InvalidInput,
        _("Chỉ chuyển được sang một đội hình khác của cùng xã/phường."),
        "team",
    )
    MEMBER_NAME_REQUIRED = (
        "member_name_required",
        InvalidInput,
        _("Hãy nhập họ và tên."),
        "full_name",
    )
    BIRTH_YEAR_INVALID = (
        "birth_year_invalid",
        InvalidInput,
        _("Năm sinh không hợp lệ."),
        "birth_year",
    )
    MEMBER_EXISTS = (
        "member_exists",
        Conflict,
        _("Đã có đoàn viên cùng họ tên và số điện thoại này."),
        "phone",
    )


class VisitErrors(ErrorCode):
    """Support visits logged from a member's phone, and a team's to-do list."""

    NOT_A_MEMBER = (
        "outside_scope",
        OutsideScope,
        _("Chỉ đoàn viên đang hoạt động của một đội hình mới ghi được lượt hỗ trợ."),
    )
    VILLAGE_OUTSIDE = (
        "outside_scope",
        OutsideScope,
        _("Thôn, tổ dân phố này không thuộc xã/phường của đội hình."),
        "village_code",
    )
    PERSON_OUTSIDE = (
        "outside_scope",
        OutsideScope,
        _("Người dân này không thuộc xã/phường của đội hình."),
        "person_id",
    )
    PERSON_REQUIRED = (
        "person_required",
        InvalidInput,
        _("Hãy chọn người dân (person_id) hoặc nhập thông tin người dân (person)."),
        "person_id",
    )
    VISITED_AT_INVALID = (
        "visited_at_invalid",
        InvalidInput,
        _("Thời điểm hỗ trợ phải có múi giờ, không ở tương lai và không quá %(days)s ngày trước."),
        "visited_at",
    )
    SERVICE_KIND_UNKNOWN = (
        "service_kind_unknown",
        InvalidInput,
        _("Hãy chọn ít nhất một nội dung hỗ trợ trong danh sách."),
        "service_kinds",
    )
    OUTCOME_INVALID = (
        "outcome_invalid",
        InvalidInput,
        _("Kết quả phải là: đã xong, xong một phần hoặc cần quay lại."),
        "outcome",
    )
    NOTE_TOO_LONG = (
        "note_too_long",
        InvalidInput,
        _("Ghi chú tối đa %(n)s ký tự."),
        "note",
    )
    BATCH_TOO_LARGE = (
        "batch_too_large",
        InvalidInput,
        _("Mỗi lần gửi từ 1 đến %(n)s lượt hỗ trợ."),
        "visits",
    )
    CLIENT_UUID_TAKEN = (
        "client_uuid_taken",
        Conflict,
        _("Mã yêu cầu (client_uuid) này đã được dùng cho một bản ghi khác: hãy tạo mã mới."),
        "client_uuid",
    )
    CLIENT_UUID_MISMATCH = (
        "client_uuid_mismatch",
        InvalidInput,
        _("Mã client_uuid trong nội dung khác với mã trên đường dẫn."),
        "client_uuid",
    )
    VISIT_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy lượt hỗ trợ.")
    VISIT_CONFLICT = (
        "visit_conflict",
        Conflict,
        _(
            "Lượt hỗ trợ này đã được sửa ở nơi khác sau lần bạn xem. Hãy xem bản đã lưu và "
            "gửi lại nếu vẫn muốn sửa."
        ),
    )
    TEAM_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy đội hình.")
