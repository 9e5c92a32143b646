"""A typed point code: for whoever cannot scan the poster's QR."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from binhdan.classes.planning import selectors as sel
from binhdan.core.ratelimit import RateLimited, rate_limit


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
