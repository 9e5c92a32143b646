"""Planning pages: the calendar and the sessions (create, edit, cancel, detail, points).

Thin: selectors read (scoped), services write; their NotFound and OutsideScope errors go
through untouched and ``binhdan.web.middleware`` answers 404.
"""

from collections import OrderedDict
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_scope_roots
from binhdan.classes.checkin import selectors as live_selectors
from binhdan.classes.models import ClassSession, SessionKind, SessionStatus
from binhdan.classes.planning import selectors as sel
from binhdan.classes.planning import services as planning
from binhdan.classes.planning.attendance import PointAttendance, attendance_by_point
from binhdan.classes.planning.calendar import month_calendar, parse_month
from binhdan.classes.planning.forms import PointChoiceForm, SessionForm
from binhdan.classes.web import field_error, point_of_session_or_404, session_or_404
from binhdan.core.errors import Conflict, DomainError, InvalidInput, OutsideScope

POINTS_SHOWN_WITHOUT_FILTER = 60


def _manageable_session_or_404(request, pk: int) -> ClassSession:
    session = session_or_404(request, pk)
    if not sel.session_can_manage(user=request.user, session=session):
        raise Http404
    return session


@login_required
def calendar(request):
    year, month = parse_month(request.GET.get("thang"))
    month_view = month_calendar(user=request.user, year=year, month=month)
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
            field_error(form, exc)
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
            field_error(form, exc)
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


def _commune_summary(rows: list[PointAttendance]) -> list[dict]:
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
    session = session_or_404(request, pk)
    rows = attendance_by_point(user=request.user, session=session)
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


@login_required
@require_POST
def session_point_add(request, pk: int):
    session = session_or_404(request, pk)
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
    session = session_or_404(request, pk)
    session_point = point_of_session_or_404(request, session, point_pk)
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
    session = session_or_404(request, pk)
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
