"""Planning pages: calendar, sessions, bridge points, posters, exports, imports.

Thin: selectors read (scoped), services write; their NotFound and OutsideScope errors go
through untouched and ``binhdan.web.middleware`` answers 404.
"""

from collections import OrderedDict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_scope_roots
from binhdan.areas import selectors as area_selectors
from binhdan.areas.models import Area
from binhdan.classes.checkin import selectors as live_selectors
from binhdan.classes.documents.attendance_sheets import apply_sheet, plan_sheet, sheet_template_xlsx
from binhdan.classes.documents.exports import attendance_workbook, export_filename
from binhdan.classes.documents.posters import poster_pdf
from binhdan.classes.models import ClassSession, SessionKind, SessionPoint, SessionStatus
from binhdan.classes.planning import selectors as sel
from binhdan.classes.planning import services as planning
from binhdan.classes.planning.forms import PointChoiceForm, PointForm, SessionForm, UploadForm
from binhdan.classes.planning.point_import import (
    apply_point_import,
    plan_point_import,
    point_template_xlsx,
    required_columns,
)
from binhdan.core import staged_upload
from binhdan.core.errors import Conflict, DomainError, InvalidInput, OutsideScope
from binhdan.core.ratelimit import RateLimited, rate_limit

POINTS_SHOWN_WITHOUT_FILTER = 60
MAX_POSTER_PAGES = 300  # about 15 s of PDF work: beyond that, one commune at a time


def _session_or_404(request, pk: int) -> ClassSession:
    return sel.session_get_for_user(user=request.user, pk=pk)


def _manageable_session_or_404(request, pk: int) -> ClassSession:
    session = _session_or_404(request, pk)
    if not sel.session_can_manage(user=request.user, session=session):
        raise Http404
    return session


def _area_or_404(request, code: str, action: Action) -> Area:
    return area_selectors.area_get_for_user(user=request.user, code=code, action=action)


def _field_error(form, exc: DomainError) -> None:
    field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
    form.add_error(field if field in form.fields else None, exc.message)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- calendar and sessions ---------------------------------------------------------------


@login_required
def calendar(request):
    year, month = sel.parse_month(request.GET.get("thang"))
    month_view = sel.month_calendar(user=request.user, year=year, month=month)
    can_plan = bool(
        request.user.is_superuser
        or user_scope_roots(user=request.user, action=Action.SESSION_MANAGE).exists()
    )
    return render(
        request,
        "classes/calendar.html",
        {
            "cal": month_view,
            "can_plan": can_plan,
            "kinds": SessionKind,
            "live_sessions": list(live_selectors.sessions_live_for_user(user=request.user)[:10]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    if not (
        request.user.is_superuser
        or user_scope_roots(user=request.user, action=Action.SESSION_MANAGE).exists()
    ):
        raise Http404
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = planning.session_create(actor=request.user, data=form.session_data())
        except OutsideScope as exc:
            form.add_error("area", exc.message)
        except DomainError as exc:
            _field_error(form, exc)
        else:
            count = session.points.count()
            messages.success(
                request,
                _("Đã tạo buổi học. Số điểm cầu tham gia: %(n)s.") % {"n": count},
            )
            return redirect("classes:session", pk=session.pk)
    return render(request, "classes/session_form.html", {"form": form, "session": None})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk: int):
    session = _manageable_session_or_404(request, pk)
    if request.method == "POST":
        form = SessionForm(request.POST, user=request.user)
    else:
        form = SessionForm(initial=SessionForm.initial_from(session), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            planning.session_update(actor=request.user, session=session, data=form.session_data())
        except OutsideScope as exc:
            form.add_error("area", exc.message)
        except DomainError as exc:
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã lưu buổi học."))
            return redirect("classes:session", pk=session.pk)
    return render(request, "classes/session_form.html", {"form": form, "session": session})


@login_required
@require_POST
def session_cancel(request, pk: int):
    session = _manageable_session_or_404(request, pk)
    try:
        planning.session_cancel(actor=request.user, session=session)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã hủy buổi học. Lời nhắc chưa gửi đã được bỏ."))
    return redirect("classes:session", pk=session.pk)


def _commune_summary(rows: list[sel.PointAttendance]) -> list[dict]:
    by_commune: OrderedDict[int, dict] = OrderedDict()
    for row in rows:
        commune = row.session_point.point.village.parent
        entry = by_commune.setdefault(
            commune.pk,
            {"commune": commune, "points": 0, "ready": 0, "opened": 0, "attendance": 0},
        )
        entry["points"] += 1
        entry["ready"] += row.session_point.point.is_ready
        entry["opened"] += row.session_point.opened_at is not None
        entry["attendance"] += row.attendance
    return list(by_commune.values())


@login_required
def session_detail(request, pk: int):
    session = _session_or_404(request, pk)
    rows = sel.attendance_by_point(user=request.user, session=session)
    communes = _commune_summary(rows)
    commune_code = request.GET.get("xa", "")
    shown = rows
    if commune_code:
        shown = [r for r in rows if r.session_point.point.village.parent.code == commune_code]
    elif len(rows) > POINTS_SHOWN_WITHOUT_FILTER and len(communes) > 1:
        shown = []
    can_manage = sel.session_can_manage(user=request.user, session=session)
    for row in shown:
        point = row.session_point.point
        row.readiness = sel.readiness(point)
        row.can_manage = user_can(
            user=request.user, action=Action.SESSION_MANAGE, area=point.village
        )
        row.can_write = (
            row.can_manage
            or user_can(user=request.user, action=Action.CHECKIN_WRITE, area=point.village)
            or any(op.pk == request.user.pk for op in point.operators.all())
        )
    addable = (
        list(sel.points_addable_to(user=request.user, session=session)[:500])
        if session.status == SessionStatus.PLANNED
        else []
    )
    totals = {
        "points": len(rows),
        "ready": sum(r.session_point.point.is_ready for r in rows),
        "checkins": sum(r.checkins for r in rows),
        "attendance": sum(r.attendance for r in rows),
    }
    return render(
        request,
        "classes/session_detail.html",
        {
            "session": session,
            "when": sel.session_when(session),
            "topics": list(session.topics.all()),
            "rows": shown,
            "communes": communes,
            "commune_code": commune_code,
            "totals": totals,
            "can_manage": can_manage,
            "addable": addable,
            "is_online": session.kind == SessionKind.ONLINE,
            "is_cancelled": session.status == SessionStatus.CANCELLED,
            "is_live": live_selectors.session_is_live(session),
        },
    )


def _point_of_session_or_404(request, session: ClassSession, point_pk: int) -> SessionPoint:
    session_point = (
        sel.session_points_for_user(user=request.user, session=session)
        .filter(point_id=point_pk)
        .first()
    )
    if session_point is None:
        raise Http404
    return session_point


@login_required
@require_POST
def session_point_add(request, pk: int):
    session = _session_or_404(request, pk)
    try:
        point_id = int(request.POST.get("point", 0))
    except ValueError as exc:
        raise Http404 from exc
    point = sel.point_get_for_user(user=request.user, pk=point_id, action=Action.SESSION_MANAGE)
    try:
        _sp, created = planning.session_point_add(actor=request.user, session=session, point=point)
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(request, _("Đã thêm điểm cầu “%(p)s”.") % {"p": point.name})
    return redirect("classes:session", pk=session.pk)


@login_required
@require_POST
def session_point_remove(request, pk: int, point_pk: int):
    session = _session_or_404(request, pk)
    session_point = _point_of_session_or_404(request, session, point_pk)
    try:
        planning.session_point_remove(
            actor=request.user, session=session, point=session_point.point
        )
    except (InvalidInput, Conflict) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã bỏ điểm cầu “%(p)s” khỏi buổi học.") % {"p": session_point.point.name}
        )
    commune_code = request.POST.get("xa", "")
    url = reverse("classes:session", args=[session.pk])
    if commune_code:
        url += "?" + urlencode({"xa": commune_code}) + "#points"
    return redirect(url)


def _choice_url(session: ClassSession, commune_code: str, query: str) -> str:
    params = {k: v for k, v in (("xa", commune_code), ("q", query)) if v}
    url = reverse("classes:session_points_choose", args=[session.pk])
    return url + ("?" + urlencode(params) if params else "")


@login_required
@require_http_methods(["GET", "POST"])
def session_points_choose(request, pk: int):
    """Choose many bridge points of a session at once: one commune at a time (or a name
    filter across communes), tick and untick, or take a whole commune in or out. The
    commune and the filter stay across every action."""
    session = _session_or_404(request, pk)
    data = request.POST if request.method == "POST" else request.GET
    commune_code = data.get("xa", "").strip()
    query = data.get("q", "").strip()[:100]
    communes = sel.point_choice_communes(user=request.user, session=session)
    if not communes and not sel.session_can_manage(user=request.user, session=session):
        raise Http404
    commune = next((c["commune"] for c in communes if c["commune"].code == commune_code), None)
    if commune is None and len(communes) == 1 and not query:
        commune = communes[0]["commune"]
    points = sel.point_choice_points(
        user=request.user, session=session, commune=commune, query=query
    )
    is_cancelled = session.status == SessionStatus.CANCELLED
    if request.method == "POST":
        if is_cancelled:
            raise Http404
        form = PointChoiceForm(request.POST, point_ids=[p.pk for p in points])
        if not form.is_valid():
            messages.error(request, _("Danh sách điểm cầu đã thay đổi. Hãy chọn lại."))
            return redirect(_choice_url(session, commune_code, query))
        action = form.cleaned_data["action"]
        ticked = set(form.cleaned_data["point"])
        shown = set(form.cleaned_data["shown"])
        if action == "all":
            add, remove = points, []
        elif action == "none":
            add, remove = [], points
        else:
            add = [p for p in points if p.pk in ticked and not p.chosen]
            remove = [p for p in points if p.pk in shown and p.pk not in ticked and p.chosen]
        try:
            result = planning.session_points_choose(
                actor=request.user, session=session, add=add, remove=remove
            )
        except (InvalidInput, Conflict) as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Đã thêm %(a)s điểm cầu, bỏ %(r)s điểm cầu.")
                % {"a": len(result.added), "r": len(result.removed)},
            )
            for point, reason in result.refused:
                messages.warning(request, f"{point.name}: {reason}.")
        return redirect(_choice_url(session, commune_code, query))
    return render(
        request,
        "classes/session_points.html",
        {
            "session": session,
            "communes": communes,
            "commune": commune,
            "query": query,
            "points": points,
            "chosen_total": sum(c["chosen"] for c in communes),
            "is_cancelled": is_cancelled,
        },
    )


@login_required
def session_posters(request, pk: int):
    """All the user's points of the session, or one commune's (?xa=<code>)."""
    session = _session_or_404(request, pk)
    points = sel.session_points_for_user(user=request.user, session=session)
    commune_code = request.GET.get("xa", "")
    if commune_code:
        points = points.filter(point__village__parent__code=commune_code)
    elif points.count() > MAX_POSTER_PAGES:
        messages.error(
            request,
            _("Buổi học có hơn %(n)s điểm cầu: hãy chọn một xã/phường rồi tải áp phích.")
            % {"n": MAX_POSTER_PAGES},
        )
        return redirect("classes:session", pk=session.pk)
    pdf = poster_pdf(
        session=session, points=[sp.point for sp in points], base_url=_base_url(request)
    )
    return _download(pdf, f"Áp phích điểm danh - {session.title[:60]}.pdf", "application/pdf")


@login_required
def point_poster(request, pk: int, point_pk: int):
    session = _session_or_404(request, pk)
    session_point = _point_of_session_or_404(request, session, point_pk)
    pdf = poster_pdf(session=session, points=[session_point.point], base_url=_base_url(request))
    return _download(
        pdf, f"Áp phích điểm danh - {session_point.point.name[:60]}.pdf", "application/pdf"
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    import io

    filename = filename.replace("/", "-").replace('"', "")
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type
    )
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def session_export(request, pk: int):
    session = _session_or_404(request, pk)
    data = attendance_workbook(user=request.user, session=session)
    return _download(data, export_filename(session=session), XLSX)


@login_required
def point_export(request, pk: int, point_pk: int):
    session = _session_or_404(request, pk)
    session_point = _point_of_session_or_404(request, session, point_pk)
    data = attendance_workbook(user=request.user, session=session, point=session_point.point)
    return _download(data, export_filename(session=session, point=session_point.point), XLSX)


# --- paper attendance sheets -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sheet_import(request, pk: int, point_pk: int):
    """Step 1: upload and preview (nothing written). Step 2: confirm records the rows."""
    from binhdan.classes.checkin.services import session_point_for_write

    session = _session_or_404(request, pk)
    visible = _point_of_session_or_404(request, session, point_pk)
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
    session = _session_or_404(request, pk)
    session_point = _point_of_session_or_404(request, session, point_pk)
    return _download(
        sheet_template_xlsx(session_point=session_point), "mau-danh-sach-diem-danh.xlsx", XLSX
    )


# --- bridge points -----------------------------------------------------------------------


@login_required
def points_home(request):
    roots = list(user_scope_roots(user=request.user, action=Action.SESSION_VIEW))
    if len(roots) == 1:
        return redirect("classes:points", code=roots[0].code)
    return render(request, "classes/points_home.html", {"roots": roots})


@login_required
def points(request, code: str):
    area = _area_or_404(request, code, Action.SESSION_VIEW)
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
    commune = _area_or_404(request, code, Action.SESSION_MANAGE)
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
            _field_error(form, exc)
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
            _field_error(form, exc)
        else:
            messages.success(request, _("Đã lưu điểm cầu."))
            return redirect("classes:points", code=commune.code)
    return render(
        request, "classes/point_form.html", {"form": form, "commune": commune, "point": point}
    )


@login_required
@require_POST
def points_bulk(request, code: str):
    area = _area_or_404(request, code, Action.SESSION_MANAGE)
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


@login_required
@require_http_methods(["GET", "POST"])
def points_import(request, code: str):
    """Step 1: upload and preview (nothing written). Step 2: confirm writes the preview."""
    area = _area_or_404(request, code, Action.SESSION_MANAGE)
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
    area = _area_or_404(request, code, Action.SESSION_MANAGE)
    if area.level == Area.Level.VILLAGE:
        raise Http404
    return _download(point_template_xlsx(scope=area), "mau-danh-sach-diem-cau.xlsx", XLSX)


# --- a typed point code ------------------------------------------------------------------


def self_checkin_find(request):
    """For whoever cannot scan the poster's QR: type the point code (any case, with or
    without spaces or dashes) and go on to the self check-in page."""
    typed = request.GET.get("ma", "").strip()[:64]
    error, status = "", 200
    if typed:
        try:
            rate_limit(request=request, scope="point-code", limit=20, window_seconds=60)
        except RateLimited as exc:
            error, status = exc.message, exc.status
        else:
            point = sel.point_find_by_code(code=typed)
            if point is not None:
                return redirect("console:self_checkin", code=point.self_checkin_code)
            error, status = (
                _(
                    "Không tìm thấy điểm cầu có mã này. Hãy kiểm tra lại mã in dưới mã QR "
                    "(gồm các nhóm 4 ký tự)."
                ),
                404,
            )
    return render(
        request, "classes/self_checkin_find.html", {"typed": typed, "error": error}, status=status
    )
