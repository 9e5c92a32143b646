"""The member list upload (preview, then confirm) and its template."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import area_get_for_user
from binhdan.areas.models import Area
from binhdan.imports.upload import TwoStepUpload, template_download
from binhdan.volunteers.member_import import (
    apply_member_import,
    member_template_xlsx,
    plan_member_import,
)


def _area_or_404(request, code: str) -> Area:
    area = area_get_for_user(user=request.user, code=code, action=Action.TEAM_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    return area


@login_required
@require_http_methods(["GET", "POST"])
def import_members(request, code: str):
    """Step 1: upload and preview (nothing written). Step 2: confirm writes the preview."""
    area = _area_or_404(request, code)
    upload = TwoStepUpload(
        kind="volunteers",
        bound={"area": area.code, "user": request.user.pk},
        plan=lambda data, filename: plan_member_import(
            data=data, filename=filename, scope=area, actor=request.user
        ),
        apply=apply_member_import,
        template="volunteers/import_members.html",
        here=reverse("volunteers:import_members", args=[area.code]),
    )
    return upload.respond_for_area(request, area)


@login_required
def import_members_template(request, code: str):
    """The .xlsx to fill in (no commune column for a commune's own import)."""
    area = _area_or_404(request, code)
    return template_download(member_template_xlsx(scope=area), "mau-danh-sach-doan-vien.xlsx")
