"""The curriculum's error codes, declared once (see ``binhdan.core.errors.ErrorCode``)."""

from django.utils.translation import gettext_lazy as _

from binhdan.core.errors import Conflict, ErrorCode, InvalidInput, NotFound, OutsideScope


class CurriculumErrors(ErrorCode):
    NOT_FOUND = "not_found", NotFound, _("Không tìm thấy.")
    NOT_EDITOR = "outside_scope", OutsideScope, _("Bạn không có quyền soạn bài.")
    # Authoring: the field of REQUIRED is given at the raise site.
    REQUIRED = "required", InvalidInput, _("Trường này là bắt buộc.")
    WINDOW_INVALID = (
        "window_invalid",
        InvalidInput,
        _("Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu xuất bản."),
        "publish_until",
    )
    SLUG_INVALID = (
        "slug_invalid",
        InvalidInput,
        _("Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang."),
        "slug",
    )
    STATUS_INVALID = "status_invalid", InvalidInput, _("Trạng thái không hợp lệ."), "status"
    TOPIC_SLUG_TAKEN = "slug_taken", Conflict, _("Đường dẫn này đã được dùng."), "slug"
    LESSON_SLUG_TAKEN = (
        "slug_taken",
        Conflict,
        _("Đường dẫn này đã được dùng trong chuyên đề."),
        "slug",
    )
    MINUTES_INVALID = "minutes_invalid", InvalidInput, _("Thời lượng từ 1 đến 240 phút."), "minutes"
    VIDEO_URL_INVALID = (
        "video_url_invalid",
        InvalidInput,
        _("Đường link video phải bắt đầu bằng https://."),
        "video_url",
    )
    LESSON_IN_USE = (
        "lesson_in_use",
        Conflict,
        _("Đã có người học bài này nên không xóa được."),
        "lesson",
    )
    DIRECTION_INVALID = "invalid", InvalidInput, _("Dữ liệu không hợp lệ."), "direction"
    # Lesson attachments.
    FILE_EMPTY = "file_empty", InvalidInput, _("Tệp trống."), "file"
    FILE_TOO_LARGE = "file_too_large", InvalidInput, _("Tệp quá lớn: tối đa %(mb)s MB."), "file"
    FILE_TOO_LARGE_STREAMED = "file_too_large", InvalidInput, _("Tệp quá lớn."), "file"
    TOO_MANY_FILES = "too_many_files", InvalidInput, _("Mỗi bài có tối đa %(n)s tài liệu."), "file"
    FILE_TYPE = (
        "file_type",
        InvalidInput,
        _("Chỉ nhận tệp PDF, PNG, JPEG hoặc WebP (nội dung tệp không đúng loại)."),
        "file",
    )
