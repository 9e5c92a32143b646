"""Reads about users and their scope. Every scoped read in the project goes through here."""

from django.db.models import Q

from binhdan.accounts.models import ApiToken, RoleGrant, User
from binhdan.accounts.permissions import Action, roles_allowed
from binhdan.areas.models import Area
from binhdan.core.errors import OutsideScope

_CACHE_ATTR = "_binhdan_scope_cache"


def _minimal(paths: list[str]) -> list[str]:
    """Drop paths already covered by a shorter one (a grant inside another grant)."""
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(parent) for parent in kept):
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
        paths = RoleGrant.objects.filter(user=user, role__in=roles_allowed(action)).values_list(
            "area__path", flat=True
        )
        cache[action] = _minimal(list(paths))
    return cache[action]


def scope_q(*, user: User, action: Action, path_field: str = "path") -> Q:
    """A filter keeping rows whose area path lies inside the user's scope for ``action``."""
    paths = scope_paths(user=user, action=action)
    if paths is None:
        return Q()
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return condition


def user_can(*, user: User, action: Action, area: Area) -> bool:
    paths = scope_paths(user=user, action=action)
    return paths is None or any(area.path.startswith(path) for path in paths)


def user_can_anywhere(*, user: User, action: Action) -> bool:
    """Whether the user may do ``action`` somewhere (for menus; the pages still check scope)."""
    paths = scope_paths(user=user, action=action)
    return paths is None or bool(paths)


def require_permission(*, user: User, action: Action, area: Area) -> None:
    if not user_can(user=user, action=action, area=area):
        raise OutsideScope()


def user_scope_roots(*, user: User, action: Action = Action.AREA_VIEW):
    """The top areas of the user's scope: where their area browser starts."""
    paths = scope_paths(user=user, action=action)
    if paths is None:
        return Area.objects.filter(level=Area.Level.PROVINCE)
    return Area.objects.filter(path__in=paths)


def grants_for_user(*, user: User):
    return RoleGrant.objects.filter(user=user).select_related("area").order_by("area__path")


def managed_users(*, user: User):
    """Users whose every grant lies inside the acting user's user-management scope."""
    paths = scope_paths(user=user, action=Action.USER_MANAGE)
    if paths is None:
        return User.objects.all()
    inside = scope_q(user=user, action=Action.USER_MANAGE, path_field="area__path")
    outside_grants = RoleGrant.objects.exclude(inside).values("user_id")
    granted = RoleGrant.objects.filter(inside).values("user_id")
    managed = Q(pk__in=granted) & ~Q(pk__in=outside_grants)
    return User.objects.filter(managed | Q(pk=user.pk)).distinct()


def tokens_visible_to(*, user: User):
    return (
        ApiToken.objects.filter(Q(user=user) | Q(created_by=user))
        .select_related("user")
        .order_by("-created_at")
    )
