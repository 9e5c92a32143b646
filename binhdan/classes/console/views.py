"""Operator console (offline-capable PWA), citizens' self check-in and the live wall.

Views parse, call ``binhdan.classes.checkin.services`` / ``selectors`` and render. The console's
JavaScript (static/classes/console.js) talks to the JSON API; the forms posted here are the
path that works without JavaScript.
"""

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, scope_q
from binhdan.classes.checkin import selectors, services
from binhdan.classes.console.forms import CheckInForm, HeadcountForm, SelfCheckInForm
from binhdan.classes.models import (
    BridgePoint,
    CheckInMethod,
    SessionPoint,
    SessionStatus,
)
from binhdan.core.errors import Conflict, DomainError
from binhdan.core.ratelimit import RateLimited, rate_limit

SCOPE = "/van-hanh/"
SW_TEMPLATE = Path(__file__).parent.parent / "templates" / "classes" / "console" / "sw.js"
SELF_CHECKIN_LIMIT = 60  # submissions a minute from one address (a village hall shares one)
SILENT_LIST_TTL = 5
LATE_UPLOAD = dt.timedelta(minutes=2)  # a check-in received later than this came from offline
SHELL_ASSETS = [
    "web/app.css",
    "classes/console.css",
    "classes/console.js",
    "classes/icon-192.png",
    "classes/icon-512.png",
    "django_htmx/htmx-2.min.js",
    "django_htmx/django-htmx.js",
]

# Why the server refused a check-in (the ``reason`` codes of services.checkins_record).
REASONS = {
    "birth_year_invalid": gettext_lazy("Năm sinh không hợp lệ."),
    "cccd_invalid": gettext_lazy("Số CCCD không hợp lệ: cần đủ 12 số và khớp năm sinh."),
    "cccd_required": gettext_lazy("Hãy nhập số CCCD."),
    "phone_invalid": gettext_lazy("Số điện thoại không hợp lệ: cần 10 số, ví dụ 0912 345 678."),
    "phone_required": gettext_lazy("Hãy nhập số điện thoại."),
    "full_name_required": gettext_lazy(
        "Số điện thoại này chưa có trong danh sách người dân của xã: hãy nhập cả họ tên."
    ),
    "phone_shared": gettext_lazy(
        "Nhiều người dùng chung số điện thoại này: hãy hỏi và nhập họ tên người đến dự."
    ),
    "identity_missing": gettext_lazy("Cần họ tên, năm sinh và thôn (hoặc số điện thoại, số CCCD)."),
    "village_invalid": gettext_lazy("Thôn không thuộc xã của điểm cầu này."),
    "card_invalid": gettext_lazy("Mã QR trên thẻ không hợp lệ."),
    "checked_in_at_invalid": gettext_lazy(
        "Thời điểm điểm danh không hợp lệ: hãy kiểm tra ngày giờ của máy."
    ),
    "count_invalid": gettext_lazy("Số người phải từ 0 đến 100.000."),
    "_": gettext_lazy("Máy chủ không ghi nhận lượt này."),
}
DUPLICATE_NOTES = {
    "already_checked_in": gettext_lazy("Người này đã điểm danh tại điểm cầu này hôm nay rồi."),
    "seen_at_other_point": gettext_lazy(
        "Người này đã điểm danh ở một điểm cầu khác: đã ghi lại để kiểm tra."
    ),
}
# Where the no-JavaScript forms leave their answer for the page they redirect to: shown
# next to the form's button (the page's top is far above it on a phone).
RESULT_KEY = "console-result:{session}:{point}"


def _reason(code: str) -> str:
    return str(REASONS.get(code, REASONS["_"]))


# --------------------------------------------------------------------------- console access


def _session_point_or_404(request, session_id: int, point_id: int) -> SessionPoint:
    """Outside the user's scope answers 404 like an unknown point (web.middleware)."""
    return services.session_point_for_write(
        actor=request.user, session_id=session_id, point_id=point_id
    )


def _console_points(user) -> list[SessionPoint]:
    """Points of live and upcoming sessions the user runs: operated, or in checkin.write scope.

    Raises PermissionDenied for a user who neither operates a point nor may write check-ins.
    """
    write_paths = scope_paths(user=user, action=Action.CHECKIN_WRITE)
    operated = selectors.operator_sessions(user=user)
    if write_paths == []:
        if not BridgePoint.operators.through.objects.filter(user_id=user.pk).exists():
            raise PermissionDenied
        return list(operated[:200])
    return list(
        SessionPoint.objects.filter(
            Q(pk__in=operated.values("pk"))
            | scope_q(user=user, action=Action.CHECKIN_WRITE, path_field="area_path"),
            selectors.still_listed_q(),
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session", "point", "point__village")
        .order_by("session__starts_at", "area_path", "pk")[:200]
    )


def _console_context(request) -> dict:
    return {
        "sw_url": reverse("console:service_worker"),
        "manifest_url": reverse("console:manifest"),
        "console_home": reverse("console:home"),
        "scope": SCOPE,
        "console_text": _console_text(),
    }


def _console_text() -> dict:
    return {
        "online": _("Có mạng"),
        "offline": _("Mất mạng: vẫn điểm danh được, sẽ gửi khi có mạng"),
        "never": _("chưa gửi lần nào"),
        "opened": _("Đang mở"),
        "not_opened": _("Chưa mở"),
        "closed": _("Đã đóng"),
        "opened_msg": _("Đã mở điểm cầu: máy chủ biết điểm cầu đang kết nối."),
        "closed_msg": _("Đã đóng điểm cầu."),
        "confirm_close": _("Đóng điểm cầu? Sau khi đóng vẫn gửi được các lượt đang chờ."),
        "later": _("(Mất mạng: sẽ báo lên máy chủ khi có mạng, kèm đúng giờ.)"),
        "sending": _("Đang gửi: %s…"),
        "saved_offline": _("Đã lưu trên máy: %s. Sẽ gửi khi có mạng."),
        "done": _("Đã điểm danh: %s"),
        "headcount_done": _("Đã báo số người: %s"),
        "duplicates": {code: str(text) for code, text in DUPLICATE_NOTES.items()},
        "synced": _("Đã gửi các lượt đang chờ lên máy chủ."),
        "sync_failed": _("Chưa gửi được: dữ liệu vẫn giữ trên máy, sẽ thử lại."),
        "login_again": _(
            "Máy chủ từ chối (phiên đăng nhập hết hạn?): hãy đăng nhập lại. "
            "Dữ liệu vẫn giữ trên máy."
        ),
        "missing": _("Hãy điền đủ thông tin của cách điểm danh đã chọn."),
        "dismiss": _("Đã xem"),
        "headcount": _("Báo số người:"),
        "m_phone": _("SĐT"),
        "m_cccd": _("CCCD"),
        "m_card": _("Thẻ QR"),
        "scan_start": _("Quét mã QR bằng camera"),
        "scan_stop": _("Dừng quét"),
        "no_camera": _("Không mở được camera: hãy nhập mã trên thẻ."),
        "offline_ready": _("Trang này dùng được cả khi mất mạng."),
        "reasons": {code: str(text) for code, text in REASONS.items()},
    }


# --------------------------------------------------------------------------- console pages


@login_required
def console_home(request):
    points = _console_points(request.user)
    today = timezone.localdate()
    now = timezone.now()
    live = [sp for sp in points if timezone.localdate(sp.session.starts_at) <= today]
    upcoming = [sp for sp in points if timezone.localdate(sp.session.starts_at) > today]
    for sp in points:
        # Ended today: still listed so that a late headcount can be reported.
        sp.ended = sp.session.ends_at < now
    return render(
        request,
        "classes/console/home.html",
        {"live": live, "upcoming": upcoming, "now": now, **_console_context(request)},
    )


@login_required
def point_screen(request, session_id: int, point_id: int):
    session_point = _session_point_or_404(request, session_id, point_id)
    point = session_point.point
    villages = selectors.commune_villages(area_paths={session_point.area_path})
    village_list = next(iter(villages.values()), [])
    village_code = point.village.code
    result = request.session.pop(_result_key(session_point), None) or {}
    return render(
        request,
        "classes/console/point.html",
        {
            "sp": session_point,
            "session": session_point.session,
            "point": point,
            "village_name": point.village.name,
            "checkin_form": CheckInForm(
                villages=village_list,
                initial={"client_uuid": uuid.uuid4(), "village": village_code},
            ),
            "headcount_form": HeadcountForm(auto_id="hc_%s", initial={"client_uuid": uuid.uuid4()}),
            "generated": timezone.now().isoformat(),
            "ended": session_point.session.ends_at < timezone.now(),
            "checkin_result": result.get("checkin"),
            "headcount_result": result.get("headcount"),
            "self_checkin_url": request.build_absolute_uri(
                reverse("console:self_checkin", args=[point.self_checkin_code])
            ),
            **_console_context(request),
        },
    )


@never_cache
@login_required
@require_GET
def point_status(request, session_id: int, point_id: int):
    session_point = _session_point_or_404(request, session_id, point_id)
    return JsonResponse(
        {
            "checkins": session_point.checkin_count,
            "headcount": session_point.headcount,
            "attendance": session_point.attendance,
            "opened": session_point.opened_at is not None,
            "closed": session_point.closed_at is not None,
            "generated": timezone.now().isoformat(),
        }
    )


def _result_key(session_point: SessionPoint) -> str:
    return RESULT_KEY.format(session=session_point.session_id, point=session_point.point_id)


def _point_url(session_point: SessionPoint) -> str:
    return reverse("console:point", args=[session_point.session_id, session_point.point_id])


def _answer(request, session_point: SessionPoint, *, form: str, text: str, tone: str):
    """Back to the point's screen scrolled to ``form``, its answer next to the form's button
    (kept in the session for that one page: the messages sit far above on a phone)."""
    request.session[_result_key(session_point)] = {form: {"text": str(text), "tone": tone}}
    anchor = {"checkin": "#diem-danh", "headcount": "#bao-so"}[form]
    return redirect(_point_url(session_point) + anchor)


def _checkin_answer(result: services.ItemResult) -> tuple[str, str]:
    """(text, tone) for one check-in's result: tone ok | info | bad."""
    if result.status == services.CREATED or result.reason == "retry":
        if result.name_masked:
            return _("Đã điểm danh: %s") % result.name_masked, "ok"
        return _("Đã điểm danh."), "ok"
    if result.status == services.DUPLICATE:
        note = str(DUPLICATE_NOTES.get(result.reason, _("Lượt này đã được ghi nhận.")))
        if result.name_masked:
            note = f"{result.name_masked}: {note}"
        return note, "info"
    return _reason(result.reason), "bad"


@sensitive_post_parameters("cccd")
@login_required
@require_POST
def point_checkin(request, session_id: int, point_id: int):
    """One check-in without JavaScript: the same service as the API's batch."""
    session_point = _session_point_or_404(request, session_id, point_id)
    villages = selectors.commune_villages(area_paths={session_point.area_path})
    form = CheckInForm(request.POST, villages=next(iter(villages.values()), []))
    if not form.is_valid():
        text = next(iter(form.errors.values()))[0]
        return _answer(request, session_point, form="checkin", text=text, tone="bad")
    data = form.cleaned_data
    method = data["method"]
    fields = {
        CheckInMethod.QR_CARD: {"card": data["card"]},
        CheckInMethod.PHONE: {"phone": data["phone"], "full_name": data["full_name"]},
        CheckInMethod.CCCD: {"cccd": data["cccd"], "full_name": data["full_name"]},
        CheckInMethod.NAME: {
            "full_name": data["full_name"],
            "birth_year": data["birth_year"],
            "village_code": data["village"],
        },
    }[method]
    item = services.CheckInItem(client_uuid=data["client_uuid"], method=method, **fields)
    try:
        result = services.checkins_record(
            actor=request.user, session_point=session_point, items=[item]
        )[0]
    except DomainError as exc:
        return _answer(request, session_point, form="checkin", text=exc.message, tone="bad")
    text, tone = _checkin_answer(result)
    return _answer(request, session_point, form="checkin", text=text, tone=tone)


@login_required
@require_POST
def point_headcount(request, session_id: int, point_id: int):
    session_point = _session_point_or_404(request, session_id, point_id)
    form = HeadcountForm(request.POST)
    if not form.is_valid():
        text = next(iter(form.errors.values()))[0]
        return _answer(request, session_point, form="headcount", text=text, tone="bad")
    try:
        services.headcount_record(
            actor=request.user,
            session_point=session_point,
            count=form.cleaned_data["count"],
            counted_at=timezone.now(),
            client_uuid=form.cleaned_data["client_uuid"],
        )
    except DomainError as exc:
        return _answer(request, session_point, form="headcount", text=exc.message, tone="bad")
    text = _("Đã báo số người: %s") % form.cleaned_data["count"]
    return _answer(request, session_point, form="headcount", text=text, tone="ok")


@login_required
@require_POST
def point_open(request, session_id: int, point_id: int):
    session_point = _session_point_or_404(request, session_id, point_id)
    services.point_open(actor=request.user, session_point=session_point)
    messages.success(request, _("Đã mở điểm cầu: máy chủ biết điểm cầu đang kết nối."))
    return redirect(_point_url(session_point))


@login_required
@require_POST
def point_close(request, session_id: int, point_id: int):
    session_point = _session_point_or_404(request, session_id, point_id)
    services.point_close(actor=request.user, session_point=session_point)
    messages.success(request, _("Đã đóng điểm cầu."))
    return redirect(_point_url(session_point))


# --------------------------------------------------------------------------- PWA files


def _asset_version() -> str:
    """Changes whenever a cached asset or the worker itself changes."""
    digest = hashlib.sha256()
    for name in SHELL_ASSETS:
        digest.update(static(name).encode())
        found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                digest.update(handle.read())
    digest.update(SW_TEMPLATE.read_bytes())
    return digest.hexdigest()[:12]


@never_cache
@require_GET
def service_worker(request):
    static_prefix = static("x")[:-1]
    response = render(
        request,
        "classes/console/sw.js",
        {
            "version": _asset_version(),
            "scope": SCOPE,
            "scope_json": json.dumps(SCOPE),
            "static_json": json.dumps(static_prefix),
            "shell_json": json.dumps([static(name) for name in SHELL_ASSETS]),
        },
        content_type="application/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = SCOPE
    return response


@require_GET
def manifest(request):
    data = {
        "name": _("Bình dân học vụ số: vận hành điểm cầu"),
        "short_name": _("Điểm cầu"),
        "lang": "vi",
        "start_url": reverse("console:home"),
        "scope": SCOPE,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b3261e",
        "icons": [
            {"src": static("classes/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {
                "src": static("classes/icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


# --------------------------------------------------------------------------- self check-in


def _self_checkin_target(code: str):
    """(point, live session point or None) for a poster code; Http404 for an unknown code."""
    point = (
        BridgePoint.objects.filter(self_checkin_code=code, is_active=True)
        .select_related("village")
        .first()
    )
    if point is None:
        raise Http404
    now = timezone.now()
    session_point = (
        SessionPoint.objects.select_related("session")
        .filter(
            point=point,
            session__starts_at__lte=now + services.SELF_CHECKIN_MARGIN,
            session__ends_at__gte=now - services.SELF_CHECKIN_MARGIN,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .order_by("session__starts_at")
        .first()
    )
    return point, session_point


@sensitive_post_parameters("phone")
def self_checkin(request, code: str):
    """A citizen scans the poster QR at the point and checks in: no account needed."""
    point, session_point = _self_checkin_target(code)
    villages = next(iter(selectors.commune_villages(area_paths={point.area_path}).values()), [])
    context = {
        "point": point,
        "sp": session_point,
        "session": getattr(session_point, "session", None),
    }
    if session_point is None:
        return render(request, "classes/console/self_checkin.html", context)
    form = SelfCheckInForm(
        request.POST or None,
        villages=villages,
        initial={"client_uuid": uuid.uuid4(), "village_code": point.village.code},
    )
    status = 200
    if request.method == "POST":
        try:
            rate_limit(request=request, scope="self_checkin", limit=SELF_CHECKIN_LIMIT)
        except RateLimited as exc:
            form.add_error(None, exc.message)
            return render(
                request, "classes/console/self_checkin.html", {**context, "form": form}, status=429
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.checkin_self(
                    point_code=code,
                    full_name=data["full_name"],
                    birth_year=data["birth_year"],
                    phone=data["phone"],
                    village_code=data["village_code"],
                    client_uuid=data["client_uuid"],
                )
            except Conflict as exc:
                context["closed_message"] = exc.message
                return render(request, "classes/console/self_checkin.html", context, status=409)
            except DomainError as exc:
                field = (exc.details or {}).get("field") if isinstance(exc.details, dict) else None
                form.add_error(field if field in form.fields else None, exc.message)
                status = 422
            else:
                already = result.status == services.DUPLICATE and result.reason != "retry"
                return render(
                    request,
                    "classes/console/self_checkin_done.html",
                    {**context, "already": already},
                )
        else:
            status = 422
    return render(
        request, "classes/console/self_checkin.html", {**context, "form": form}, status=status
    )


# --------------------------------------------------------------------------- live wall


def _session_for_wall(request, session_id: int):
    return selectors.session_get_for_view(user=request.user, session_id=session_id)


def _silent_points(*, session, user) -> list[dict]:
    """Opened, not closed, no heartbeat for over 2 minutes: the points to phone."""
    key = f"classes:wall-silent:{session.pk}:{user.pk}"
    rows = cache.get(key)
    if rows is None:
        silent_before = timezone.now() - selectors.SILENT_AFTER
        rows = [
            row
            for row in selectors.session_attendance_rows(session=session, user=user)
            if row["opened_at"] is not None
            and row["closed_at"] is None
            and (row["last_heartbeat_at"] or row["opened_at"]) < silent_before
        ]
        cache.set(key, rows, SILENT_LIST_TTL)
    return rows


def _latest_row(row: dict) -> dict:
    """A "Vừa điểm danh" line: when it happened, and when it reached us if much later (a
    phone that was offline)."""
    received = dt.datetime.fromisoformat(row["at"])
    happened = dt.datetime.fromisoformat(row.get("checked_in_at") or row["at"])
    late = received - happened > LATE_UPLOAD
    return {**row, "at": happened, "received_at": received if late else None}


def _wall_context(request, session) -> dict:
    figures = selectors.session_live_figures(session=session, user=request.user)
    parse = dt.datetime.fromisoformat
    return {
        "session": session,
        "f": figures,
        "generated": parse(figures["generated_at"]),
        "latest": [_latest_row(row) for row in figures["latest"]],
        "silent": _silent_points(session=session, user=request.user),
        "headcounted": max(0, figures["attendance"] - figures["checkins"]),
    }


@login_required
def live_wall(request, session_id: int):
    session = _session_for_wall(request, session_id)
    return render(request, "classes/console/live_wall.html", _wall_context(request, session))


@never_cache
@login_required
def live_wall_frame(request, session_id: int):
    session = _session_for_wall(request, session_id)
    return render(request, "classes/console/_live_frame.html", _wall_context(request, session))
