"""Citizens' self check-in: scan the poster QR at the point, type a name, done. No account."""

import uuid

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters

from binhdan.classes.checkin import selectors, services
from binhdan.classes.console.forms import SelfCheckInForm
from binhdan.classes.models import BridgePoint
from binhdan.core.errors import Conflict, DomainError
from binhdan.core.ratelimit import RateLimited, rate_limit

SELF_CHECKIN_LIMIT = 60  # submissions a minute from one address (a village hall shares one)


def _self_checkin_target(code: str):
    """(point, live session point or None) for a poster code; Http404 for an unknown code."""
    point = (
        BridgePoint.objects.filter(self_checkin_code=code, is_active=True)
        .select_related("village")
        .first()
    )
    if point is None:
        raise Http404
    return point, selectors.self_checkin_session_point(point=point)


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
