"""Reads about users and their scope. Every scoped read in the project goes through here."""

from django.db.models import Q

from binhdan.accounts.errors import AccountErrors
from binhdan.accounts.models import ApiToken, RoleGrant, User
from binhdan.accounts.permissions import Action, roles_allowed
from binhdan.areas import paths
from binhdan.areas import selectors as area_selectors
from binhdan.areas.models import Area

_CACHE_ATTR = "_binhdan_scope_cache"


def _minimal(roots: list[str]) -> list[str]:
    """Drop paths already covered by a shorter one (a grant inside another grant)."""
    kept: list[str] = []
    for path in sorted(set(roots), key=len):
        if not paths.is_within(path, kept):
            kept.append(path)
    return sorted(kept)


def scope_paths(*, user: User, action: Action) -> list[str] | None:
    """Area paths where ``user`` may do ``action``; ``None`` means everywhere (superuser)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if action not in cache:
        granted = RoleGrant.objects.filter(user=user, role__in=roles_allowed(action)).values_list(
            "area__path", flat=True
        )
        cache[action] = _minimal(list(granted))
    return cache[action]


def scope_q(*, user: User, action: Action, path_field: str = "path") -> Q:
    """A filter keeping rows whose area path lies inside the user's scope for ``action``."""
    return paths.within_q(scope_paths(user=user, action=action), field=path_field)


def user_can_at(*, user: User, action: Action, path: str) -> bool:
    """Whether ``user`` may do ``action`` at the area whose path is ``path``.

    The one scope test of the project: everything that holds an area path (a session's,
    a point's, a person's commune) asks here rather than comparing prefixes itself.
    """
    return paths.is_within(path, scope_paths(user=user, action=action))


def user_can(*, user: User, action: Action, area: Area) -> bool:
    return user_can_at(user=user, action=action, path=area.path)


def user_can_anywhere(*, user: User, action: Action) -> bool:
    """Whether the user may do ``action`` somewhere (for menus; the pages still check scope)."""
    roots = scope_paths(user=user, action=action)
    return roots is None or bool(roots)


def require_permission(*, user: User, action: Action, area: Area) -> None:
    if not user_can(user=user, action=action, area=area):
        raise AccountErrors.OUTSIDE_SCOPE.error()


def user_scope_roots(*, user: User, action: Action = Action.AREA_VIEW):
    """The top areas of the user's scope: where their area browser starts."""
    roots = scope_paths(user=user, action=action)
    if roots is None:
        return Area.objects.filter(level=Area.Level.PROVINCE)
    return Area.objects.filter(path__in=roots)


def areas_for_user(*, user: User, action: Action = Action.AREA_VIEW):
    return area_selectors.areas_within(roots=scope_paths(user=user, action=action))


def area_get_for_user(*, user: User, code: str, action: Action = Action.AREA_VIEW) -> Area:
    """The area with this code if the user's grants cover it; NotFound / OutsideScope else."""
    area = area_selectors.area_by_code(code=code)
    if area is None:
        raise AccountErrors.NOT_FOUND.error()
    require_permission(user=user, action=action, area=area)
    return area


def area_children(*, user: User, area: Area, query: str = ""):
    """Children of ``area`` in the user's scope, each with ``child_count``."""
    roots = scope_paths(user=user, action=Action.AREA_VIEW)
    return area_selectors.area_children(area=area, roots=roots, query=query)


def area_search(*, user: User, query: str, limit: int = 50):
    """Areas in the user's scope whose name contains ``query`` (diacritics optional)."""
    roots = scope_paths(user=user, action=Action.AREA_VIEW)
    return area_selectors.area_search(query=query, roots=roots, limit=limit)


def grants_for_user(*, user: User):
    return RoleGrant.objects.filter(user=user).select_related("area").order_by("area__path")


def tokens_visible_to(*, user: User):
    """The tokens page: the user's own tokens, personal ones and the device tokens they
    issued (a device token belongs to its issuer)."""
    return (
        ApiToken.objects.filter(Q(user=user) | Q(created_by=user))
        .select_related("user", "bridge_point")
        .order_by("-created_at")
    )


def tokens_revocable_by(*, user: User):
    """Tokens ``user`` may revoke: their own, those they issued, and the device tokens of
    the bridge points they manage (``session.manage``), whoever issued them."""
    if user.is_superuser:
        return ApiToken.objects.all()
    mine = Q(user=user) | Q(created_by=user)
    if not scope_paths(user=user, action=Action.SESSION_MANAGE):
        return ApiToken.objects.filter(mine)
    managed_points = scope_q(
        user=user, action=Action.SESSION_MANAGE, path_field="bridge_point__area_path"
    )
    return ApiToken.objects.filter(mine | (Q(bridge_point__isnull=False) & managed_points))
