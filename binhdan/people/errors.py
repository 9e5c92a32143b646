"""The people error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound


class IdentityErrors(ErrorCode):
    """What identifies a citizen, as typed (``people.identity.parse_identity``).

    The phone and CCCD codes name no field when raised by ``normalize_phone`` /
    ``parse_cccd`` alone (a search box, a scam report); ``parse_identity`` names it.
    """

    NAME_REQUIRED = "name_required", InvalidInput, _("Hãy nhập họ và tên."), "full_name"
    NAME_TOO_LONG = (
        "name_too_long",
        InvalidInput,
        _("Họ và tên quá dài (tối đa 200 ký tự)."),
        "full_name",
    )
    BIRTH_YEAR_REQUIRED = "birth_year_required", InvalidInput, _("Hãy nhập năm sinh."), "birth_year"
    BIRTH_YEAR_INVALID = (
        "birth_year_invalid",
        InvalidInput,
        _("Năm sinh phải từ 1900 đến %(year)s."),
        "birth_year",
    )
    PHONE_REQUIRED = "phone_required", InvalidInput, _("Hãy nhập số điện thoại.")
    PHONE_INVALID = (
        "phone_invalid",
        InvalidInput,
        _("Số điện thoại không hợp lệ: hãy nhập 10 số, ví dụ 0912 345 678."),
    )
    CCCD_REQUIRED = "cccd_required", InvalidInput, _("Hãy nhập số CCCD.")
    CCCD_NOT_DIGITS = "cccd_not_digits", InvalidInput, _("Số CCCD chỉ gồm chữ số.")
    CCCD_LENGTH = (
        "cccd_length",
        InvalidInput,
        _("Số CCCD phải có đúng 12 chữ số (đã nhập %(n)s)."),
    )
    CCCD_PROVINCE = (
        "cccd_province",
        InvalidInput,
        _("Ba số đầu của CCCD (mã nơi đăng ký khai sinh) không hợp lệ."),
    )
    CCCD_CENTURY = (
        "cccd_century",
        InvalidInput,
        _("Số thứ tư của CCCD (giới tính, thế kỷ sinh) không hợp lệ."),
    )
    CCCD_YEAR = "cccd_year", InvalidInput, _("Năm sinh trong số CCCD (%(year)s) ở tương lai.")
    CCCD_BIRTH_YEAR_MISMATCH = (
        "cccd_birth_year_mismatch",
        InvalidInput,
        _("Năm sinh %(given)s không khớp với số CCCD (năm %(year)s)."),
    )
    CARD_INVALID = "card_invalid", InvalidInput, _("Mã QR trên thẻ không hợp lệ."), "card"


class PeopleErrors(ErrorCode):
    """Registering, updating and merging people."""

    VILLAGE_REQUIRED = (
        "village_required",
        InvalidInput,
        _("Hãy chọn thôn/tổ dân phố nơi người dân sinh sống."),
        "village",
    )
    VILLAGE_NOT_FOUND = "not_found", NotFound, _("Không tìm thấy thôn đã chọn.")
    HOUSEHOLD_STATUS_INVALID = (
        "household_status_invalid",
        InvalidInput,
        _("Tình trạng hộ không hợp lệ."),
        "household_status",
    )
    CONSENT_REQUIRED = (
        "consent_required",
        InvalidInput,
        _(
            "Chỉ ghi nhận khuyết tật hoặc hộ nghèo/cận nghèo khi người dân đồng ý. "
            "Hãy hỏi và đánh dấu ô đồng ý."
        ),
        "sensitive_consent",
    )
    # The identity matches a person the caller may not see: nothing about them is told.
    PERSON_EXISTS = (
        "person_exists",
        Conflict,
        _(
            "Người này đã được ghi nhận ở nơi khác trong hệ thống. Không tạo bản ghi mới; "
            "nếu cần sửa thông tin, hãy liên hệ cán bộ Đoàn xã."
        ),
    )
    # A client_uuid replayed by someone other than the one who first sent it.
    CLIENT_UUID_TAKEN = (
        "client_uuid_taken",
        Conflict,
        _("Mã yêu cầu (client_uuid) này đã được dùng cho một bản ghi khác: hãy tạo mã mới."),
    )
    # A learner's CCCD or phone is known, but the name or birth year typed differ; the
    # message is neutral: it never echoes the stored name.
    IDENTITY_MISMATCH = (
        "identity_mismatch",
        InvalidInput,
        _(
            "Không khớp được các thông tin này với người đã đăng ký. Hãy kiểm tra lại họ "
            "tên, năm sinh và số CCCD hoặc số điện thoại."
        ),
    )
    MERGE_SAME_PERSON = "merge_same_person", InvalidInput, _("Hãy chọn hai hồ sơ khác nhau.")
    ALREADY_MERGED = (
        "already_merged",
        Conflict,
        _("Một trong hai hồ sơ đã được gộp trước đó."),
    )
