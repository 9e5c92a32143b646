"""The paper attendance sheet upload of a session point (preview, then confirm) and its
template."""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from binhdan.classes.documents.attendance_sheets import apply_sheet, plan_sheet, sheet_template_xlsx
from binhdan.classes.web import XLSX, download, point_of_session_or_404, session_or_404
from binhdan.imports.upload import TwoStepUpload


@login_required
@require_http_methods(["GET", "POST"])
def sheet_import(request, pk: int, point_pk: int):
    """Step 1: upload and preview (nothing written). Step 2: confirm records the rows."""
    from binhdan.classes.checkin.services import session_point_for_write

    session = session_or_404(request, pk)
    visible = point_of_session_or_404(request, session, point_pk)
    session_point = session_point_for_write(
        actor=request.user, session_id=session.pk, point_id=visible.point_id
    )
    upload = TwoStepUpload(
        kind="sheet",
        bound={"sp": session_point.pk, "user": request.user.pk},
        plan=lambda data, filename: plan_sheet(
            session_point=session_point, data=data, filename=filename
        ),
        apply=lambda report: apply_sheet(
            actor=request.user, session_point=session_point, report=report
        ),
        template="classes/sheet_import.html",
        here=reverse("classes:sheet_import", args=[session.pk, session_point.point_id]),
    )
    context = {"session": session, "session_point": session_point, "point": session_point.point}
    return upload.respond(request, context)


@login_required
def sheet_import_template(request, pk: int, point_pk: int):
    """The attendance sheet to type into: header row and one example row."""
    session = session_or_404(request, pk)
    session_point = point_of_session_or_404(request, session, point_pk)
    return download(
        sheet_template_xlsx(session_point=session_point), "mau-danh-sach-diem-danh.xlsx", XLSX
    )
