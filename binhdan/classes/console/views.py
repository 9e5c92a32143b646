"""Operator console (offline-capable PWA): the points a user runs, a point's screen and the
forms that work without JavaScript.

Views parse, call ``binhdan.classes.checkin.services`` / ``selectors`` and render. The
console's JavaScript (static/classes/console.js) talks to the JSON API. Self check-in, the
live wall and the PWA files are their own modules of this package.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from binhdan.classes import access
from binhdan.classes.checkin import selectors, services
from binhdan.classes.console.forms import CheckInForm, HeadcountForm
from binhdan.classes.console.pwa import SCOPE
from binhdan.classes.errors import DUPLICATE_NOTES, CheckInErrors, CheckInReasons
from binhdan.classes.models import CheckInMethod, SessionPoint, SessionStatus
from binhdan.core.errors import DomainError

# Where the no-JavaScript forms leave their answer for the page they redirect to: shown
# next to the form's button (the page's top is far above it on a phone).
RESULT_KEY = "console-result:{session}:{point}"
FALLBACK_REASON = "_"


def _reasons() -> dict[str, str]:
    """The check-in reasons (``CheckInReasons``) and the headcount's, for the console; the
    fallback under ``"_"``."""
    return {
        **CheckInReasons.texts(),
        CheckInErrors.COUNT_INVALID.code: CheckInErrors.COUNT_INVALID.message,
        FALLBACK_REASON: CheckInReasons.CONFLICT.message,
    }


def _reason(code: str) -> str:
    reasons = _reasons()
    return reasons.get(code, reasons[FALLBACK_REASON])


# --------------------------------------------------------------------------- console access


def _session_point_or_404(request, session_id: int, point_id: int) -> SessionPoint:
    """Outside the user's scope answers 404 like an unknown point (web.middleware)."""
    return services.session_point_for_write(
        actor=request.user, session_id=session_id, point_id=point_id
    )


def _console_points(user) -> list[SessionPoint]:
    """Points of live and upcoming sessions the user runs (``access.checkin_points_q``):
    operated, or in ``checkin.write`` scope. None at all: the empty list (the page says so)."""
    return list(
        SessionPoint.objects.filter(
            access.checkin_points_q(user=user, point_field="point_id"),
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
        "reasons": _reasons(),
    }


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
