import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from binhdan.accounts.selectors import grants_for_user
from binhdan.areas.selectors import area_counts_by_level
from binhdan.web.selectors import dashboard_figures, sessions_running


def home(request):
    return render(request, "web/home.html", {"counts": area_counts_by_level()})


@login_required
def dashboard(request):
    return render(
        request,
        "web/dashboard.html",
        {
            "grants": grants_for_user(user=request.user),
            "figures": dashboard_figures(user=request.user),
            "running": sessions_running(user=request.user),
        },
    )


# Personal pages (certificate checks, a citizen's own learning, quizzes) stay out of search
# engines; the verify pages also carry noindex.
ROBOTS_DISALLOW = (
    "/c/",
    "/hoc-tap/",
    "/api/",
    "/quan-tri/",
    "/tai-khoan/",
    "/diem-danh/",
    "/van-hanh/",
    "/doi-hinh/",
    "/tinh-nguyen/",
)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append("Disallow: /hoc/*/kiem-tra/")
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def healthz(request):
    """For load balancers: answers 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


# --- error pages: Vietnamese, in the site layout, with a way back; the API answers JSON ----

log = logging.getLogger(__name__)

_ERRORS = {
    400: (
        "bad_request",
        lambda: _("Yêu cầu không hợp lệ"),
        lambda: _("Trang nhận được dữ liệu không đọc được. Hãy quay lại và thử lại."),
    ),
    403: (
        "forbidden",
        lambda: _("Bạn không có quyền xem trang này"),
        lambda: _(
            "Trang này dành cho vai trò hoặc địa bàn khác. Nếu bạn cần dùng nó, hãy nhờ cán bộ "
            "Đoàn xã hoặc Tỉnh đoàn cấp quyền."
        ),
    ),
    404: (
        "not_found",
        lambda: _("Không tìm thấy trang"),
        lambda: _(
            "Đường link có thể đã cũ, gõ nhầm, hoặc nội dung nằm ngoài địa bàn của bạn. Hãy "
            "dùng trình đơn phía trên để tìm trang bạn cần."
        ),
    ),
    409: (
        "conflict",
        lambda: _("Thao tác không thực hiện được"),
        lambda: _("Dữ liệu đã thay đổi hoặc bị trùng. Hãy tải lại trang rồi thử lại."),
    ),
    422: (
        "invalid",
        lambda: _("Dữ liệu chưa hợp lệ"),
        lambda: _("Hãy quay lại, sửa thông tin rồi gửi lại."),
    ),
    429: (
        "rate_limited",
        lambda: _("Bạn thao tác quá nhanh"),
        lambda: _("Hãy đợi một lát rồi thử lại."),
    ),
    500: (
        "server_error",
        lambda: _("Hệ thống đang gặp sự cố"),
        lambda: _(
            "Yêu cầu của bạn chưa được xử lý. Dữ liệu đã lưu trước đó không bị ảnh hưởng. "
            "Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo cho cán bộ Đoàn xã."
        ),
    ),
}


def error_page(request, status: int, *, message: str | None = None) -> HttpResponse:
    """The error page for ``status``; ``message`` (a domain error's) replaces the generic
    explanation. Also used by ``web.middleware`` to show domain errors."""
    code, heading, explanation = _ERRORS.get(status, _ERRORS[400])
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": code, "message": str(message or heading()), "details": None},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request,
        "web/error.html",
        {"status": status, "heading": heading(), "explanation": message or explanation()},
        status=status,
    )


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403)


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    """The 500 page. The site layout needs the database (menu, demo banner); when that is
    what failed, a plain page without context is served instead."""
    try:
        return error_page(request, 500)
    except Exception:
        log.exception("the 500 page could not be rendered in the site layout")
        return HttpResponse(loader.render_to_string("web/error_plain.html"), status=500)
