"""Errors of the checker: ``ValueError``s with a stable ``code`` and the HTTP status the API maps.

The package stays free of Django, so these do not derive from ``binhdan.core.errors``; the API
layer turns them into its error body by ``code``.
"""

MAX_CHARS = 20_000


class CheckerInputError(ValueError):
    code = "invalid_text"
    status = 400
    message_vi = "Nội dung cần kiểm tra không hợp lệ."

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message_vi)


class EmptyText(CheckerInputError):
    code = "empty_text"
    status = 400
    message_vi = "Hãy dán nội dung tin nhắn cần kiểm tra."


class TextTooLong(CheckerInputError):
    code = "text_too_long"
    status = 413
    message_vi = f"Nội dung quá dài: tối đa {MAX_CHARS:,} ký tự.".replace(",", ".")
