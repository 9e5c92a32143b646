"""The paper attendance sheet upload of a session point (preview, then confirm) and its
template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdan.classes.documents.attendance_sheets import apply_sheet, plan_sheet, sheet_template_xlsx
from binhdan.classes.planning.forms import UploadForm
from binhdan.classes.web import XLSX, download, point_of_session_or_404, session_or_404
from binhdan.core import staged_upload
from binhdan.core.errors import DomainError


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
    context = {"session": session, "session_point": session_point, "point": session_point.point}
    here = reverse("classes:sheet_import", args=[session.pk, session_point.point_id])

    bound = {"sp": session_point.pk, "user": request.user.pk}
    if request.method == "POST" and "confirm" in request.POST:
        try:
            data, filename, token = staged_upload.unstage(
                kind="sheet", ticket=request.POST["confirm"], bound=bound
            )
        except staged_upload.UploadExpired:
            messages.error(request, _("Bản xem trước đã hết hạn. Hãy tải tệp lên lại."))
            return redirect(here)
        except staged_upload.UploadMismatch as exc:
            raise Http404 from exc
        try:
            report = plan_sheet(session_point=session_point, data=data, filename=filename)
            apply_sheet(actor=request.user, session_point=session_point, report=report)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(here)
        staged_upload.discard(kind="sheet", token=token)
        context.update({"report": report, "summary": report.as_dict(), "applied": True})
        return render(request, "classes/sheet_import.html", context)

    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = plan_sheet(session_point=session_point, data=data, filename=upload.name)
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            context["report"] = report
            context["ticket"] = staged_upload.stage(
                kind="sheet", data=data, filename=upload.name, bound=bound
            )
    context["form"] = form
    return render(request, "classes/sheet_import.html", context)


@login_required
def sheet_import_template(request, pk: int, point_pk: int):
    """The attendance sheet to type into: header row and one example row."""
    session = session_or_404(request, pk)
    session_point = point_of_session_or_404(request, session, point_pk)
    return download(
        sheet_template_xlsx(session_point=session_point), "mau-danh-sach-diem-danh.xlsx", XLSX
    )
