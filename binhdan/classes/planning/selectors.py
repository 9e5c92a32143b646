"""Planning reads, scoped by the acting user (``binhdan.accounts.selectors``).

A user sees a session when its organising area is in their ``SESSION_VIEW`` scope, or when
one of its bridge points is (an operator of a village sees the province's online class).
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from binhdan.accounts.models import Role, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q
from binhdan.areas.models import Area
from binhdan.areas.paths import ancestor_paths, commune_path
from binhdan.classes import access
from binhdan.classes.models import (
    BridgePoint,
    ClassSession,
    SessionPoint,
)
from binhdan.core.errors import NotFound

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def session_when(session: ClassSession) -> str:
    """ "14:00 – 16:00, Thứ Năm ngày 26/11/2026" in local time, whatever the UI language."""
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    day = f"{WEEKDAYS[start.weekday()]} ngày {start:%d/%m/%Y}"
    if end.date() != start.date():
        return f"{start:%H:%M} {day} – {end:%H:%M} ngày {end:%d/%m/%Y}"
    return f"{start:%H:%M} – {end:%H:%M}, {day}"


def sessions_for_user(*, user: User):
    """Sessions ``user`` may see (``classes.access``: by area, by point, as an operator)."""
    return (
        ClassSession.objects.filter(access.session_visible_q(user=user))
        .select_related("area", "instructor")
        .order_by("starts_at", "pk")
    )


def session_get_for_user(*, user: User, pk: int) -> ClassSession:
    session = sessions_for_user(user=user).filter(pk=pk).first()
    if session is None:
        raise NotFound()
    return session


def session_can_manage(*, user: User, session: ClassSession) -> bool:
    return access.session_can_manage(user=user, session=session)


def session_points_for_user(*, user: User, session: ClassSession):
    """The session's points the user may see, with village, commune and operators."""
    return (
        SessionPoint.objects.filter(
            access.point_visible_q(user=user, point_field="point_id"), session=session
        )
        .select_related("point__village__parent")
        .prefetch_related("point__operators")
        .order_by("area_path", "point__name", "pk")
    )


def points_addable_to(*, user: User, session: ClassSession):
    """Active points inside the session's area the user manages and not yet in it."""
    return (
        BridgePoint.objects.filter(
            scope_q(user=user, action=Action.SESSION_MANAGE, path_field="area_path"),
            is_active=True,
            area_path__startswith=session.area_path,
        )
        .exclude(sessions__session=session)
        .select_related("village")
        .order_by("area_path", "name")
    )


def points_for_user(*, user: User, area: Area | None = None, action: Action = Action.SESSION_VIEW):
    """Points ``user`` may see (``classes.access``), or may do ``action`` at."""
    if action == Action.SESSION_VIEW:
        visible = access.point_visible_q(user=user)
    else:
        visible = scope_q(user=user, action=action, path_field="area_path")
    points = BridgePoint.objects.filter(visible)
    if area is not None:
        points = points.filter(area_path__startswith=area.path)
    return (
        points.select_related("village__parent")
        .prefetch_related("operators")
        .order_by("area_path", "name", "pk")
    )


def point_get_for_user(*, user: User, pk: int, action: Action = Action.SESSION_VIEW) -> BridgePoint:
    point = points_for_user(user=user, action=action).filter(pk=pk).first()
    if point is None:
        raise NotFound()
    return point


def readiness(point: BridgePoint) -> list[tuple[str, bool]]:
    """The checklist a point must pass before a class: (label, ok)."""
    from django.utils.translation import gettext as _

    return [
        (_("Màn hình/TV"), point.has_screen),
        (_("Loa/âm thanh"), point.has_sound),
        (_("Kết nối Internet"), point.has_connection),
    ]


def operator_candidates(*, area: Area):
    """Users with the operator role somewhere in or above ``area``'s commune."""
    commune = commune_path(area.path)
    q = Q(grants__area__path__startswith=commune)
    for prefix in ancestor_paths(commune):
        q |= Q(grants__area__path=prefix)
    return User.objects.filter(q, grants__role=Role.OPERATOR, is_active=True).distinct()


def instructor_candidates():
    return (
        User.objects.filter(grants__role=Role.INSTRUCTOR, is_active=True)
        .distinct()
        .order_by("full_name", "username")
    )


def point_counts_by_commune(*, user: User, province: Area) -> list[dict]:
    """Per commune of a province in the user's scope: villages, points, ready points."""
    communes = Area.objects.filter(
        scope_q(user=user, action=Action.SESSION_VIEW), parent=province
    ).order_by("name")
    points = points_for_user(user=user, area=province).values_list(
        "village__parent_id", "has_screen", "has_sound", "has_connection", "village_id"
    )
    stats: dict[int, dict] = {}
    for commune_id, screen, sound, connection, village_id in points:
        entry = stats.setdefault(commune_id, {"points": 0, "ready": 0, "villages": set()})
        entry["points"] += 1
        entry["ready"] += screen and sound and connection
        entry["villages"].add(village_id)
    village_counts = dict(
        Area.objects.filter(parent__in=communes, level=Area.Level.VILLAGE)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", "n")
    )
    rows = []
    for commune in communes:
        entry = stats.get(commune.pk, {"points": 0, "ready": 0, "villages": set()})
        rows.append(
            {
                "commune": commune,
                "villages": village_counts.get(commune.pk, 0),
                "covered": len(entry["villages"]),
                "points": entry["points"],
                "ready": entry["ready"],
            }
        )
    return rows


# --- choosing the bridge points of a session ------------------------------------------------


def _choosable_points(*, user: User, session: ClassSession):
    """Points the user may put into or take out of ``session``: inside its area and their
    ``SESSION_MANAGE`` scope; active ones, and inactive ones already in it (to take out)."""
    in_session = SessionPoint.objects.filter(session=session, point=OuterRef("pk"))
    return (
        BridgePoint.objects.filter(
            scope_q(user=user, action=Action.SESSION_MANAGE, path_field="area_path"),
            area_path__startswith=session.area_path,
        )
        .annotate(chosen=Exists(in_session))
        .filter(Q(is_active=True) | Q(chosen=True))
    )


def point_choice_communes(*, user: User, session: ClassSession) -> list[dict]:
    """Communes where the user may choose points of ``session``, by folded name, each with
    ``points`` (choosable) and ``chosen`` (in the session). Two queries."""
    rows = (
        _choosable_points(user=user, session=session)
        .values("village__parent_id")
        .annotate(points=Count("pk"), chosen=Count("pk", filter=Q(chosen=True)))
    )
    counts = {row["village__parent_id"]: row for row in rows}
    communes = Area.objects.filter(pk__in=list(counts)).order_by("name_folded", "path")
    return [
        {
            "commune": commune,
            "points": counts[commune.pk]["points"],
            "chosen": counts[commune.pk]["chosen"],
        }
        for commune in communes
    ]


def point_choice_points(
    *, user: User, session: ClassSession, commune: Area | None = None, query: str = ""
) -> list[BridgePoint]:
    """The choosable points of one commune (or of every commune when a filter is typed),
    each with ``chosen``; ``query`` matches the point's or the village's name, with or
    without diacritics."""
    from binhdan.core.text import fold

    points = _choosable_points(user=user, session=session).select_related("village")
    if commune is not None:
        points = points.filter(area_path__startswith=commune.path)
    elif not query:
        return []
    points = list(points.order_by("area_path", "name", "pk")[:2000])
    folded = fold(query)
    if folded:
        points = [p for p in points if folded in fold(p.name) or folded in p.village.name_folded]
    return points


def point_find_by_code(*, code: str) -> BridgePoint | None:
    """The active point whose self check-in code ``code`` is, as printed or as typed
    (``point_codes.stored_candidates``)."""
    from binhdan.classes.point_codes import stored_candidates

    candidates = stored_candidates(code)
    if not candidates:
        return None
    return BridgePoint.objects.filter(self_checkin_code__in=candidates, is_active=True).first()
