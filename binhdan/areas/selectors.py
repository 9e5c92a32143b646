"""Reads of the area tree, scoped to the acting user."""

from django.db.models import Count

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can
from binhdan.areas.models import Area
from binhdan.core.errors import NotFound, OutsideScope
from binhdan.core.text import fold


def area_counts_by_level() -> dict[str, int]:
    counts = {level: 0 for level in Area.Level.values}
    for row in Area.objects.values("level").annotate(n=Count("id")):
        counts[row["level"]] = row["n"]
    return counts


def areas_for_user(*, user: User, action: Action = Action.AREA_VIEW):
    return Area.objects.filter(scope_q(user=user, action=action))


def area_get_for_user(*, user: User, code: str, action: Action = Action.AREA_VIEW) -> Area:
    """The area with this code if the user's grants cover it; NotFound / OutsideScope else."""
    area = Area.objects.select_related("parent", "parent__parent").filter(code=code).first()
    if area is None:
        raise NotFound()
    if not user_can(user=user, action=action, area=area):
        raise OutsideScope()
    return area


def area_ancestors(*, area: Area) -> list[Area]:
    """From the province down to the parent of ``area`` (one query by path prefixes)."""
    segments = area.path.rstrip("/").split("/")[:-1]
    prefixes = ["/".join(segments[: i + 1]) + "/" for i in range(len(segments))]
    return list(Area.objects.filter(path__in=prefixes).order_by("path"))


def area_children(*, user: User, area: Area, query: str = ""):
    """Children of ``area`` in scope, each with ``child_count`` and ``village_count``."""
    children = (
        Area.objects.filter(parent=area)
        .filter(scope_q(user=user, action=Action.AREA_VIEW))
        .annotate(child_count=Count("children", distinct=True))
        .order_by("name_folded")
    )
    if query:
        children = children.filter(name_folded__contains=fold(query))
    return children


def subtree_counts(*, area: Area) -> dict[str, int]:
    """How many communes and villages lie below ``area`` (one indexed prefix query)."""
    counts = {level: 0 for level in Area.Level.values}
    rows = (
        Area.objects.filter(path__startswith=area.path)
        .exclude(pk=area.pk)
        .values("level")
        .annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["level"]] = row["n"]
    return counts


def area_search(*, user: User, query: str, within: Area | None = None, limit: int = 50):
    """Areas whose name contains ``query``, with or without diacritics, in the user's scope."""
    folded = fold(query)
    if not folded:
        return Area.objects.none()
    areas = areas_for_user(user=user).filter(name_folded__contains=folded)
    if within is not None:
        areas = areas.filter(path__startswith=within.path)
    return areas.select_related("parent").order_by("level", "name_folded")[:limit]
