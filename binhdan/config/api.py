"""The versioned API: every router mounted here, every error mapped to one body.

Errors are ``{"code": str, "message": str, "details": any}`` with the right 4xx status;
clients branch on ``code``. A malformed body is a 422 naming the field, never a 500.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from binhdan.accounts.api import router as accounts_router
from binhdan.accounts.auth import api_auth
from binhdan.classes.api import router as classes_router
from binhdan.core.errors import DomainError
from binhdan.curriculum.api import router as curriculum_router
from binhdan.learning.api import router as learning_router
from binhdan.people.api import router as people_router
from binhdan.scamcheck.api import router as scamcheck_router
from binhdan.volunteers.api import router as volunteers_router
from binhdan.web.areas.api import router as areas_router


class Utf8JSONRenderer(JSONRenderer):
    """Vietnamese stays readable in responses (half the bytes of \\u escapes)."""

    media_type = "application/json; charset=utf-8"
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="binhdan API",
    version="1",
    urls_namespace="api-1.0.0",
    description=(
        "API of the Bình dân học vụ số platform. Authenticate with a Bearer token issued in "
        "the web UI (Tài khoản → Mã truy cập API) or with the browser session. Errors are "
        '`{"code", "message", "details"}`; branch on `code`.'
    ),
    auth=api_auth,
)


def error_body(code: str, message: str, details=None) -> dict:
    return {"code": code, "message": str(message), "details": details}


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return api.create_response(
        request, error_body(exc.code, exc.message, exc.details), status=exc.status
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    # The submitted values are not echoed back: they may hold a CCCD number.
    details = [
        {"field": _field_name(error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    fields = ", ".join(d["field"] for d in details)
    return api.create_response(
        request,
        error_body(
            "validation_error", _("Dữ liệu không hợp lệ ở: %(f)s.") % {"f": fields}, details
        ),
        status=422,
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(
        request,
        error_body("unauthenticated", _("Cần đăng nhập hoặc mã truy cập hợp lệ.")),
        status=401,
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, error_body("not_found", _("Không tìm thấy.")), status=404)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    code = {
        400: "bad_request",
        405: "method_not_allowed",
        413: "too_large",
        429: "rate_limited",
    }.get(exc.status_code, "error")
    return api.create_response(request, error_body(code, str(exc)), status=exc.status_code)


api.add_router("/", accounts_router)
api.add_router("/areas", areas_router)
api.add_router("/people", people_router)
api.add_router("/scamcheck", scamcheck_router)
api.add_router("/topics", curriculum_router)
api.add_router("/", learning_router)
api.add_router("/", classes_router)
api.add_router("/", volunteers_router)
