"""The bridge point sheet upload (preview, then confirm) and its template."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdan.accounts.permissions import Action
from binhdan.areas.models import Area
from binhdan.classes.planning.point_import import (
    apply_point_import,
    plan_point_import,
    point_template_xlsx,
)
from binhdan.classes.web import XLSX, area_or_404, download
from binhdan.imports.upload import TwoStepUpload


@login_required
@require_http_methods(["GET", "POST"])
def points_import(request, code: str):
    """Step 1: upload and preview (nothing written). Step 2: confirm writes the preview."""
    area = area_or_404(request, code, Action.SESSION_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    upload = TwoStepUpload(
        kind="points",
        bound={"area": area.code, "user": request.user.pk},
        plan=lambda data, filename: plan_point_import(
            data=data, filename=filename, scope=area, actor=request.user
        ),
        apply=apply_point_import,
        template="classes/points_import.html",
        here=reverse("classes:points_import", args=[area.code]),
        done_url=reverse("classes:points", args=[area.code]),
        done_message=_(
            "Đã nhập: %(c)s điểm cầu mới, %(u)s cập nhật, %(n)s không đổi, %(e)s dòng lỗi."
        ),
    )
    return upload.respond_for_area(request, area)


@login_required
def points_import_template(request, code: str):
    """The .xlsx to fill in: header row and one example row (no commune column for a
    commune's own import)."""
    area = area_or_404(request, code, Action.SESSION_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    return download(point_template_xlsx(scope=area), "mau-danh-sach-diem-cau.xlsx", XLSX)
