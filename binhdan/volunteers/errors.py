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
