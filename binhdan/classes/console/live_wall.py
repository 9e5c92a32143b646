"""The live wall: a session's figures as they come in, for the people who run it."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from binhdan.classes.checkin import selectors

SILENT_LIST_TTL = 5
LATE_UPLOAD = dt.timedelta(minutes=2)  # a check-in received later than this came from offline


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
