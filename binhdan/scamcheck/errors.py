"""Scamcheck's error codes, declared once (see ``binhdan.core.errors.ErrorCode``).

The checker's own input errors (``empty_text``, ``text_too_long``) stay in
``checker/errors.py``: that package is free of Django; the API maps them.
"""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound, OutsideScope


class ScamErrors(ErrorCode):
    NOT_MODERATOR = (
        "outside_scope",
        OutsideScope,
        _("Bạn không có quyền với địa bàn hoặc thao tác này."),
    )
    # Reports
    REPORT_KIND_INVALID = (
        "kind_invalid",
        InvalidInput,
        _("Hãy chọn loại thông tin cần báo cáo."),
        "kind",
    )
    NOTE_TOO_LONG = "note_too_long", InvalidInput, _("Ghi chú quá dài: tối đa %(n)s ký tự."), "note"
    COMMUNE_NOT_FOUND = (
        "commune_not_found",
        InvalidInput,
        _("Không tìm thấy xã/phường này. Hãy chọn lại, hoặc để trống."),
        "commune_code",
    )
    DOMAIN_REQUIRED = (
        "domain_required",
        InvalidInput,
        _("Hãy nhập đường link hoặc tên miền."),
        "value",
    )
    DOMAIN_HAS_SPACE = (
        "domain_invalid",
        InvalidInput,
        _("Đường link không được có dấu cách. Hãy dán đúng một đường link."),
        "value",
    )
    DOMAIN_INVALID = (
        "domain_invalid",
        InvalidInput,
        _(
            "Đường link hoặc tên miền không hợp lệ, ví dụ đúng: vi-du.com hoặc https://vi-du.com/abc"
        ),
        "value",
    )
    ACCOUNT_REQUIRED = "account_required", InvalidInput, _("Hãy nhập số tài khoản."), "value"
    ACCOUNT_NOT_DIGITS = (
        "account_invalid",
        InvalidInput,
        _("Số tài khoản chỉ gồm chữ số. Tên ngân hàng hãy ghi vào phần ghi chú."),
        "value",
    )
    ACCOUNT_LENGTH = (
        "account_invalid",
        InvalidInput,
        _("Số tài khoản phải có từ %(min)s đến %(max)s chữ số."),
        "value",
    )
    MESSAGE_REQUIRED = (
        "message_required",
        InvalidInput,
        _("Hãy dán nội dung tin nhắn lừa đảo."),
        "value",
    )
    MESSAGE_TOO_LONG = (
        "message_too_long",
        InvalidInput,
        _("Tin nhắn quá dài: tối đa %(n)s ký tự."),
        "value",
    )
    # Moderation
    DECISION_INVALID = (
        "decision_invalid",
        InvalidInput,
        _("Hãy chọn xác nhận hoặc bác bỏ."),
        "decision",
    )
    NO_PENDING_REPORTS = (
        "not_found",
        NotFound,
        _("Không còn báo cáo nào chờ duyệt cho thông tin này."),
    )
    REPORT_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy báo cáo này.")
    # Domain lists
    SOURCE_INVALID = (
        "source_invalid",
        InvalidInput,
        _("Hãy đặt tên nguồn danh sách (tối đa %(n)s ký tự)."),
        "source",
    )
    LIST_KIND_INVALID = (
        "kind_invalid",
        InvalidInput,
        _("Loại danh sách phải là block (cảnh báo) hoặc allow (tin cậy)."),
        "kind",
    )
    FILE_TOO_LARGE = "file_too_large", InvalidInput, _("Tệp quá lớn: tối đa %(mb)s MB.")
    EMPTY_LIST = (
        "empty_list",
        InvalidInput,
        _("Không có tên miền nào đọc được trong tệp: danh sách cũ (nếu có) được giữ nguyên."),
    )
    KIND_MISMATCH = (
        "kind_mismatch",
        Conflict,
        _("Nguồn “%(name)s” đã có và là %(kind)s: hãy dùng tên nguồn khác."),
    )
