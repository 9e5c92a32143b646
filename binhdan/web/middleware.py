"""The web's one error mapper: a domain error raised in a view becomes the right page.

The twin of ``binhdan.config.api`` (which answers the API's JSON errors): views call
selectors and services and let their errors through; this middleware turns them into
the Vietnamese error page, or, for an HTMX request, a small ``role="alert"`` partial.

- ``NotFound`` and ``OutsideScope``: the 404 page. Outside the user's scope looks exactly
  like missing, so nobody can probe which records exist in other areas.
- any other ``DomainError`` (``InvalidInput`` 422, ``Conflict`` 409, ...): its own status
  with its message.

Paths under ``/api/`` are left to the API's own mapper. Views that show an error next to
a form field still catch the error themselves: that is UI logic, not error mapping.
"""

from django.shortcuts import render

from binhdan.core.errors import DomainError, NotFound, OutsideScope
from binhdan.web.views import error_page

API_PREFIX = "/api/"


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError) or request.path.startswith(API_PREFIX):
            return None
        return domain_error_response(request, exception)


def domain_error_response(request, exc: DomainError):
    if isinstance(exc, NotFound | OutsideScope):
        return error_page(request, 404)
    if getattr(request, "htmx", False):
        return render(
            request,
            "web/_error_partial.html",
            {"code": exc.code, "message": exc.message},
            status=exc.status,
        )
    return error_page(request, exc.status, message=exc.message)
