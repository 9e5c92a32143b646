"""The bridge point sheet upload (preview, then confirm) and its template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdan.accounts.permissions import Action
from binhdan.areas import selectors as area_selectors
from binhdan.areas.models import Area
from binhdan.classes.planning.forms import UploadForm
from binhdan.classes.planning.point_import import (
    apply_point_import,
    plan_point_import,
    point_template_xlsx,
    required_columns,
)
from binhdan.classes.web import XLSX, area_or_404, download
from binhdan.core import staged_upload
from binhdan.core.errors import DomainError


@login_required
@require_http_methods(["GET", "POST"])
def points_import(request, code: str):
    """Step 1: upload and preview (nothing written). Step 2: confirm writes the preview."""
    area = area_or_404(request, code, Action.SESSION_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    context = {
        "area": area,
        "ancestors": area_selectors.area_ancestors(area=area),
        "needs_commune": "commune" in required_columns(area),
    }

    bound = {"area": area.code, "user": request.user.pk}
    if request.method == "POST" and "confirm" in request.POST:
        try:
            data, filename, token = staged_upload.unstage(
                kind="points", ticket=request.POST["confirm"], bound=bound
            )
        except staged_upload.UploadExpired:
            messages.error(request, _("Bản xem trước đã hết hạn. Hãy tải tệp lên lại."))
            return redirect("classes:points_import", code=area.code)
        except staged_upload.UploadMismatch as exc:
            raise Http404 from exc
        try:
            report = plan_point_import(data=data, filename=filename, scope=area, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("classes:points_import", code=area.code)
        apply_point_import(report)
        staged_upload.discard(kind="points", token=token)
        summary = report.as_dict()
        messages.success(
            request,
            _("Đã nhập: %(c)s điểm cầu mới, %(u)s cập nhật, %(n)s không đổi, %(e)s dòng lỗi.")
            % {
                "c": summary["created"],
                "u": summary["updated"],
                "n": summary["unchanged"],
                "e": len(summary["errors"]),
            },
        )
        return redirect("classes:points", code=area.code)

    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = plan_point_import(
                data=data, filename=upload.name, scope=area, actor=request.user
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            context["report"] = report
            context["summary"] = report.as_dict()
            context["ticket"] = staged_upload.stage(
                kind="points", data=data, filename=upload.name, bound=bound
            )
    context["form"] = form
    return render(request, "classes/points_import.html", context)


@login_required
def points_import_template(request, code: str):
    """The .xlsx to fill in: header row and one example row (no commune column for a
    commune's own import)."""
    area = area_or_404(request, code, Action.SESSION_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    return download(point_template_xlsx(scope=area), "mau-danh-sach-diem-cau.xlsx", XLSX)
