"""Domain errors: a stable machine ``code``, a translated message, an HTTP status.

Services raise these; the API maps them to ``{"code", "message", "details"}`` and the
web views show the message next to the field. Clients branch on ``code``, never on text.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "error"
    status = 400
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message: str | None = None, *, details: Any = None, code: str = ""):
        self.message = str(message or self.default_message)
        self.details = details
        if code:
            self.code = code
        super().__init__(self.message)


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("Không tìm thấy.")


class OutsideScope(DomainError):
    """The acting user has no grant covering the area, or the role may not do this."""

    code = "outside_scope"
    status = 403
    default_message = _("Bạn không có quyền với địa bàn hoặc thao tác này.")


class InvalidInput(DomainError):
    code = "invalid"
    status = 422
    default_message = _("Dữ liệu không hợp lệ.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("Dữ liệu bị trùng hoặc xung đột.")
