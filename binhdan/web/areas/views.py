"""Area browser and village import (HTML). Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_scope_roots
from binhdan.areas import selectors
from binhdan.areas.village_import import (
    apply_village_import,
    plan_village_import,
    required_columns,
    village_template_xlsx,
)
from binhdan.core import staged_upload
from binhdan.core.errors import DomainError
from binhdan.core.sheet_templates import XLSX_CONTENT_TYPE
from binhdan.web.areas.forms import VillageImportForm


def _area_or_404(request, code: str, action: Action = Action.AREA_VIEW):
    # Outside the user's scope answers 404 like missing (web.middleware): no probing.
    return selectors.area_get_for_user(user=request.user, code=code, action=action)


@login_required
def browse(request):
    roots = list(user_scope_roots(user=request.user))
    query = request.GET.get("q", "").strip()
    if len(roots) == 1 and not query:
        return redirect("areas:detail", code=roots[0].code)
    results = selectors.area_search(user=request.user, query=query) if query else None
    return render(
        request, "areas/browse.html", {"roots": roots, "query": query, "results": results}
    )


@login_required
def detail(request, code: str):
    area = _area_or_404(request, code)
    query = request.GET.get("q", "").strip()
    children = selectors.area_children(user=request.user, area=area, query=query)
    context = {
        "area": area,
        "ancestors": selectors.area_ancestors(area=area),
        "children": children,
        "counts": selectors.subtree_counts(area=area),
        "query": query,
        "can_import": area.level != "village"
        and user_can(user=request.user, action=Action.VILLAGE_MANAGE, area=area),
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
    context = {
        "area": area,
        "ancestors": selectors.area_ancestors(area=area),
        "needs_commune": "commune" in required_columns(area),
    }

    bound = {"area": area.code, "user": request.user.pk}
    if request.method == "POST" and "confirm" in request.POST:
        try:
            data, filename, token = staged_upload.unstage(
                kind="village-import", ticket=request.POST["confirm"], bound=bound
            )
        except staged_upload.UploadExpired:
            messages.error(request, _("Bản xem trước đã hết hạn. Hãy tải tệp lên lại."))
            return redirect("areas:import_villages", code=area.code)
        except staged_upload.UploadMismatch as exc:
            raise Http404 from exc
        try:
            report = plan_village_import(
                data=data, filename=filename, scope=area, actor=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("areas:import_villages", code=area.code)
        apply_village_import(report)
        staged_upload.discard(kind="village-import", token=token)
        summary = report.as_dict()
        messages.success(
            request,
            _("Đã nhập: %(c)s thôn mới, %(u)s cập nhật, %(n)s không đổi, %(e)s dòng lỗi.")
            % {
                "c": summary["created"],
                "u": summary["updated"],
                "n": summary["unchanged"],
                "e": len(summary["errors"]),
            },
        )
        return redirect("areas:detail", code=area.code)

    form = VillageImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            report = plan_village_import(
                data=data, filename=upload.name, scope=area, actor=request.user
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            context["report"] = report
            context["summary"] = report.as_dict()
            context["ticket"] = staged_upload.stage(
                kind="village-import", data=data, filename=upload.name, bound=bound
            )
    context["form"] = form
    return render(request, "areas/import_villages.html", context)


@login_required
def import_villages_template(request, code: str):
    """The .xlsx to fill in: header row and one example row (no commune column for a
    commune's own import)."""
    area = _area_or_404(request, code, action=Action.VILLAGE_MANAGE)
    if area.level == "village":
        raise Http404
    import io

    return FileResponse(
        io.BytesIO(village_template_xlsx(scope=area)),
        as_attachment=True,
        filename="mau-danh-sach-thon.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
