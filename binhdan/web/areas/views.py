"""Area browser and village import (HTML). Thin: selectors read, services write."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdan.accounts import selectors as scope
from binhdan.accounts.permissions import Action
from binhdan.areas import selectors
from binhdan.imports.upload import TwoStepUpload, template_download
from binhdan.imports.villages import (
    apply_village_import,
    plan_village_import,
    village_template_xlsx,
)


def _area_or_404(request, code: str, action: Action = Action.AREA_VIEW):
    # Outside the user's scope answers 404 like missing (web.middleware): no probing.
    return scope.area_get_for_user(user=request.user, code=code, action=action)


@login_required
def browse(request):
    roots = list(scope.user_scope_roots(user=request.user))
    query = request.GET.get("q", "").strip()
    if len(roots) == 1 and not query:
        return redirect("areas:detail", code=roots[0].code)
    results = scope.area_search(user=request.user, query=query) if query else None
    return render(
        request, "areas/browse.html", {"roots": roots, "query": query, "results": results}
    )


@login_required
def detail(request, code: str):
    area = _area_or_404(request, code)
    query = request.GET.get("q", "").strip()
    children = scope.area_children(user=request.user, area=area, query=query)
    context = {
        "area": area,
        "ancestors": selectors.area_ancestors(area=area),
        "children": children,
        "counts": selectors.subtree_counts(area=area),
        "query": query,
        "can_import": area.level != "village"
        and scope.user_can(user=request.user, action=Action.VILLAGE_MANAGE, area=area),
    }
    if area.level == "village":
        # The web shell's cross-app read (classes, people, learning) until reports exist.
        from binhdan.web.selectors import village_activity

        context["activity"] = village_activity(user=request.user, village=area)
    if request.htmx and request.htmx.target == "children":
        return render(request, "areas/_children.html", context)
    return render(request, "areas/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_villages(request, code: str):
    """Step 1: upload and preview (nothing written). Step 2: confirm writes the preview."""
    area = _area_or_404(request, code, action=Action.VILLAGE_MANAGE)
    if area.level == "village":
        raise Http404
    upload = TwoStepUpload(
        kind="village-import",
        bound={"area": area.code, "user": request.user.pk},
        plan=lambda data, filename: plan_village_import(
            data=data, filename=filename, scope=area, actor=request.user
        ),
        apply=apply_village_import,
        template="areas/import_villages.html",
        here=reverse("areas:import_villages", args=[area.code]),
        done_url=reverse("areas:detail", args=[area.code]),
        done_message=_("Đã nhập: %(c)s thôn mới, %(u)s cập nhật, %(n)s không đổi, %(e)s dòng lỗi."),
        form_options={
            "label": _("Tệp danh sách thôn, tổ dân phố (.xlsx hoặc .csv)"),
            "help_text": _(
                "Cần cột tên (hoặc mã) xã/phường và cột tên thôn/tổ dân phố; cột loại có thể "
                "bỏ. Dòng tiêu đề, dòng trống và dòng tổng cộng được bỏ qua."
            ),
        },
    )
    return upload.respond_for_area(request, area)


@login_required
def import_villages_template(request, code: str):
    """The .xlsx to fill in: header row and one example row (no commune column for a
    commune's own import)."""
    area = _area_or_404(request, code, action=Action.VILLAGE_MANAGE)
    if area.level == "village":
        raise Http404
    return template_download(village_template_xlsx(scope=area), "mau-danh-sach-thon.xlsx")
