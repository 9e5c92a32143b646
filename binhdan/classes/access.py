"""Who may see, manage or operate a class session and a bridge point: the one rule.

- A **point** is seen by whoever holds ``session.view`` over its village, and by its
  operators. Check-ins are written at it by its operators and by whoever holds
  ``checkin.write`` over its village.
- A **session** is seen by whoever holds ``session.view`` or ``session.manage`` over its
  organising area or over one of its points, and by the operators of one of its points
  (an operator of a village sees the province's online class at their point). It is
  managed by whoever holds ``session.manage`` over its organising area.
- Inside a session, a user who does not see its organising area sees only the points they
  see (``SessionScope``).

Planning, check-in, the console and the live wall ask here; the scope test itself is
``accounts.selectors.user_can_at`` / ``scope_paths`` and path arithmetic is ``areas.paths``.
"""

import hashlib

from django.db.models import Exists, OuterRef, Q

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action, roles_allowed
from binhdan.accounts.selectors import scope_paths, user_can_at
from binhdan.areas.paths import is_within, within_q
from binhdan.classes.models import BridgePoint, ClassSession, SessionPoint
from binhdan.core.errors import OutsideScope

_Operators = BridgePoint.operators.through


def _active(user: User | None) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def operated_point_ids(*, user: User):
    """A subquery of the ids of the points ``user`` operates."""
    return _Operators.objects.filter(user_id=user.pk).values("bridgepoint_id")


def point_operated_by(*, user: User, point_id: int) -> bool:
    return _Operators.objects.filter(bridgepoint_id=point_id, user_id=user.pk).exists()


# --------------------------------------------------------------------------- points


def _in_scope_or_operated(*, user: User, action: Action, path_field: str, point_field: str) -> Q:
    paths = scope_paths(user=user, action=action)
    if paths is None:
        return Q()
    return within_q(paths, field=path_field) | Q(
        **{f"{point_field}__in": operated_point_ids(user=user)}
    )


def point_visible_q(*, user: User, path_field: str = "area_path", point_field: str = "pk") -> Q:
    """Points (or rows about a point) ``user`` may see: ``session.view`` over the point's
    area, or operated by them."""
    return _in_scope_or_operated(
        user=user, action=Action.SESSION_VIEW, path_field=path_field, point_field=point_field
    )


def checkin_writable(
    *, user: User, point_id: int, area_path: str, operates: bool | None = None
) -> bool:
    """Whether ``user`` may write check-ins (and open, close, count) at the point.

    ``operates``: whether they operate it, when the caller already read it (the check-in
    hot path reads it in its one query).
    """
    if operates:
        return True
    if user_can_at(user=user, action=Action.CHECKIN_WRITE, path=area_path):
        return True
    return operates is None and point_operated_by(user=user, point_id=point_id)


def checkin_points_q(*, user: User, path_field: str = "area_path", point_field: str = "pk") -> Q:
    """Points (or session points) where ``user`` may write check-ins."""
    return _in_scope_or_operated(
        user=user, action=Action.CHECKIN_WRITE, path_field=path_field, point_field=point_field
    )


# --------------------------------------------------------------------------- sessions


def _session_paths(user: User) -> list[str] | None:
    """Where ``user`` sees sessions by area: ``session.view`` or ``session.manage``."""
    view = scope_paths(user=user, action=Action.SESSION_VIEW)
    if view is None or _manage_implies_view():
        return view  # no second query for the grants when the role table settles it
    manage = scope_paths(user=user, action=Action.SESSION_MANAGE)
    if manage is None:
        return None
    return sorted(set(view) | set(manage))


def _manage_implies_view() -> bool:
    """Whether every role that manages sessions also views them (the role table today)."""
    return set(roles_allowed(Action.SESSION_MANAGE)) <= set(roles_allowed(Action.SESSION_VIEW))


def session_visible_q(*, user: User) -> Q:
    """Sessions ``user`` may see (the rule at the top of this module), as a filter."""
    if not _active(user):
        return Q(pk__in=[])
    paths = _session_paths(user)
    if paths is None:
        return Q()
    points = SessionPoint.objects.filter(
        within_q(paths, field="area_path") | Q(point_id__in=operated_point_ids(user=user)),
        session=OuterRef("pk"),
    )
    return within_q(paths, field="area_path") | Q(Exists(points))


def session_can_manage(*, user: User, session: ClassSession) -> bool:
    return user_can_at(user=user, action=Action.SESSION_MANAGE, path=session.area_path)


class SessionScope:
    """The part of a session a user may see: all of it (``paths`` None), or the points in
    ``paths`` and the points they operate (``point_ids``)."""

    def __init__(self, paths: list[str] | None, point_ids: frozenset[int] = frozenset()):
        self.paths = paths
        self.point_ids = point_ids

    @property
    def everything(self) -> bool:
        return self.paths is None

    def q(self, path_field: str = "area_path", point_field: str = "point_id") -> Q:
        if self.paths is None:
            return Q()
        condition = within_q(self.paths, field=path_field)
        if self.point_ids:
            condition |= Q(**{f"{point_field}__in": sorted(self.point_ids)})
        return condition

    def key(self) -> str:
        if self.paths is None:
            return "all"
        text = "|".join(self.paths) + "#" + ",".join(map(str, sorted(self.point_ids)))
        return hashlib.sha256(text.encode()).hexdigest()[:20]


def session_scope(*, session: ClassSession, user: User | None) -> SessionScope:
    """The part of ``session`` ``user`` may see (``None``: the system, all of it);
    OutsideScope when they may not see the session at all."""
    if user is None:
        return SessionScope(None)
    if not _active(user):
        raise OutsideScope()
    paths = _session_paths(user)
    if is_within(session.area_path, paths):
        return SessionScope(None)
    operated = frozenset(
        SessionPoint.objects.filter(
            session=session, point_id__in=operated_point_ids(user=user)
        ).values_list("point_id", flat=True)
    )
    scope = SessionScope(paths, operated)
    if not operated and not SessionPoint.objects.filter(scope.q(), session=session).exists():
        raise OutsideScope()
    return scope
