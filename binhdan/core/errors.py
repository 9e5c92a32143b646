"""Domain errors: a stable machine ``code``, a translated message, an HTTP status.

Services raise these; the API maps them to ``{"code", "message", "details"}`` and the
web views show the message next to the field. Clients branch on ``code``, never on text.
"""

from enum import Enum
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


class ErrorCode(Enum):
    """An app's error codes, declared once in ``<app>/errors.py``.

    Each member is ``NAME = (code, kind, message)`` or ``(code, kind, message, field)``:
    the stable machine code clients branch on, the ``DomainError`` class that gives its
    HTTP status, the Vietnamese message (``gettext_lazy``, may hold ``%(name)s``
    placeholders) and, optionally, the input field it is about. Raise with
    ``raise MyErrors.NAME.error(**params)``; ``message`` is the table text for a UI that
    only holds a code (the console's offline results, a sheet report).
    """

    def __init__(self, code: str, kind: type[DomainError], message, field: str = ""):
        self.code = code
        self.kind = kind
        self.text = message
        self.field = field

    @property
    def message(self) -> str:
        return str(self.text)

    def error(self, message=None, *, details: Any = None, **params) -> DomainError:
        """The exception to raise; ``details`` defaults to ``{"field": field}``."""
        text = str(message or self.text)
        if params:
            text = text % params
        if details is None and self.field:
            details = {"field": self.field}
        return self.kind(text, code=self.code, details=details)

    @classmethod
    def by_code(cls, code: str) -> "ErrorCode | None":
        return next((member for member in cls if member.code == code), None)
