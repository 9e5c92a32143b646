from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from binhdan.accounts.selectors import grants_for_user
from binhdan.areas.selectors import area_counts_by_level


def home(request):
    return render(request, "web/home.html", {"counts": area_counts_by_level()})


@login_required
def dashboard(request):
    return render(request, "web/dashboard.html", {"grants": grants_for_user(user=request.user)})


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
