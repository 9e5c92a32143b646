"""View helpers shared by the classes pages: scoped lookups that answer 404, form errors
from domain errors, and file downloads."""

import io

from django.http import FileResponse, Http404, HttpResponse

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import area_get_for_user
from binhdan.areas.models import Area
from binhdan.classes.models import ClassSession, SessionPoint
from binhdan.classes.planning import selectors as sel
from binhdan.core.errors import DomainError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def session_or_404(request, pk: int) -> ClassSession:
    return sel.session_get_for_user(user=request.user, pk=pk)


def point_of_session_or_404(request, session: ClassSession, point_pk: int) -> SessionPoint:
    session_point = (
        sel.session_points_for_user(user=request.user, session=session)
        .filter(point_id=point_pk)
        .first()
    )
    if session_point is None:
        raise Http404
    return session_point


def area_or_404(request, code: str, action: Action) -> Area:
    return area_get_for_user(user=request.user, code=code, action=action)


def field_error(form, exc: DomainError) -> None:
    field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
    form.add_error(field if field in form.fields else None, exc.message)


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    filename = filename.replace("/", "-").replace('"', "")
    return FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type
    )
