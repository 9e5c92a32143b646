"""Bridge point pages: by area, create, edit, one point per village."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_scope_roots
from binhdan.areas import selectors as area_selectors
from binhdan.areas.models import Area
from binhdan.classes.planning import points as planning
from binhdan.classes.planning import selectors as sel
from binhdan.classes.planning.forms import PointForm
from binhdan.classes.web import area_or_404, field_error
from binhdan.core.errors import DomainError


@login_required
def points_home(request):
    roots = list(user_scope_roots(user=request.user, action=Action.SESSION_VIEW))
    if len(roots) == 1:
        return redirect("classes:points", code=roots[0].code)
    return render(request, "classes/points_home.html", {"roots": roots})


@login_required
def points(request, code: str):
    area = area_or_404(request, code, Action.SESSION_VIEW)
    can_manage = user_can(user=request.user, action=Action.SESSION_MANAGE, area=area)
    context = {
        "area": area,
        "ancestors": area_selectors.area_ancestors(area=area),
        "can_manage": can_manage,
    }
    if area.level == Area.Level.PROVINCE:
        context["communes"] = sel.point_counts_by_commune(user=request.user, province=area)
        return render(request, "classes/points_province.html", context)
    point_list = list(sel.points_for_user(user=request.user, area=area))
    for point in point_list:
        point.readiness = sel.readiness(point)
    with_point = {p.village_id for p in point_list}
    context["points"] = point_list
    context["villages_without"] = [
        v
        for v in Area.objects.filter(parent=area, level=Area.Level.VILLAGE).order_by("path")
        if v.pk not in with_point
    ]
    context["commune"] = area if area.level == Area.Level.COMMUNE else area.parent
    return render(request, "classes/points_commune.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def point_create(request, code: str):
    commune = area_or_404(request, code, Action.SESSION_MANAGE)
    if commune.level != Area.Level.COMMUNE:
        raise Http404
    initial = {"is_active": True}
    village_code = request.GET.get("thon")
    if village_code:
        village = Area.objects.filter(code=village_code, parent=commune).first()
        if village is not None:
            initial.update({"village": village, "name": planning.village_point_name(village)})
    form = PointForm(request.POST or None, commune=commune, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            point = planning.point_create(actor=request.user, data=form.point_data())
        except DomainError as exc:
            field_error(form, exc)
        else:
            messages.success(request, _("Đã thêm điểm cầu “%(p)s”.") % {"p": point.name})
            return redirect("classes:points", code=commune.code)
    return render(
        request, "classes/point_form.html", {"form": form, "commune": commune, "point": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def point_edit(request, pk: int):
    point = sel.point_get_for_user(user=request.user, pk=pk, action=Action.SESSION_MANAGE)
    commune = point.village.parent
    if request.method == "POST":
        form = PointForm(request.POST, commune=commune)
    else:
        form = PointForm(initial=PointForm.initial_from(point), commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            planning.point_update(actor=request.user, point=point, data=form.point_data())
        except DomainError as exc:
            field_error(form, exc)
        else:
            messages.success(request, _("Đã lưu điểm cầu."))
            return redirect("classes:points", code=commune.code)
    return render(
        request, "classes/point_form.html", {"form": form, "commune": commune, "point": point}
    )


@login_required
@require_POST
def points_bulk(request, code: str):
    area = area_or_404(request, code, Action.SESSION_MANAGE)
    try:
        result = planning.points_bulk_per_village(actor=request.user, area=area)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã tạo %(c)s điểm cầu mới; bỏ qua %(s)s thôn đã có điểm cầu.")
            % {"c": len(result.created), "s": len(result.skipped)},
        )
    return redirect("classes:points", code=area.code)
