"""The accounts' error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import DomainError, ErrorCode, InvalidInput, NotFound, OutsideScope


class Throttled(DomainError):
    status = 429


class Refused(DomainError):
    """403 for a reason other than scope (a failed CSRF check): never shown as a 404."""

    status = 403


class AccountErrors(ErrorCode):
    NOT_FOUND = "not_found", NotFound, _("Không tìm thấy.")
    OUTSIDE_SCOPE = (
        "outside_scope",
        OutsideScope,
        _("Bạn không có quyền với địa bàn hoặc thao tác này."),
    )
    BAD_ROLE = "bad_role", InvalidInput, _("Vai trò không hợp lệ: %(role)s.")
    TOKEN_OTHER_USER = (
        "token_other_user",
        OutsideScope,
        _("Chỉ có thể cấp mã truy cập cho chính tài khoản của mình."),
    )
    TOKEN_NAME_REQUIRED = (
        "token_name_required",
        InvalidInput,
        _("Hãy đặt tên cho mã truy cập (ví dụ: Điện thoại điểm cầu thôn Đông)."),
        "name",
    )
    TOKEN_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy mã truy cập.")
    TOKEN_NOT_ALLOWED = (
        "token_not_allowed",
        OutsideScope,
        _("Mã truy cập của thiết bị điểm cầu chỉ dùng để điểm danh tại điểm cầu đó."),
    )
    CSRF_FAILED = (
        "csrf_failed",
        Refused,
        _("Phiên làm việc thiếu mã bảo vệ CSRF: hãy tải lại trang rồi thử lại."),
    )
    OTP_WRONG_CODE = (
        "otp_wrong_code",
        DomainError,
        _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng."),
    )
    OTP_THROTTLED = (
        "otp_throttled",
        Throttled,
        _("Bạn vừa nhập sai mã. Hãy đợi vài giây rồi nhập mã mới."),
    )
