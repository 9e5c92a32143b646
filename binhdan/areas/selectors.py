"""Reads of the area tree. Scope comes in as ``roots`` (area paths; ``None`` = everywhere):
``areas`` knows nothing of users; ``accounts.selectors`` turns a user into roots."""

from django.db.models import Count, QuerySet

from binhdan.areas import paths
from binhdan.areas.models import Area
from binhdan.core.text import fold


def area_counts_by_level() -> dict[str, int]:
    counts = {level: 0 for level in Area.Level.values}
    for row in Area.objects.values("level").annotate(n=Count("id")):
        counts[row["level"]] = row["n"]
    return counts


def area_by_code(*, code: str) -> Area | None:
    """The area with this code, its parent and grandparent loaded; ``None`` if unknown."""
    return Area.objects.select_related("parent", "parent__parent").filter(code=code).first()


def commune_by_code(*, code: str) -> Area | None:
    """The commune with this code, its province loaded; ``None`` if there is none."""
    if not code:
        return None
    return Area.objects.select_related("parent").filter(code=code, level=Area.Level.COMMUNE).first()


def areas_within(*, roots: list[str] | None) -> QuerySet[Area]:
    return Area.objects.filter(paths.within_q(roots))


def area_ancestors(*, area: Area) -> list[Area]:
    """From the province down to the parent of ``area`` (one query by path prefixes)."""
    return list(Area.objects.filter(path__in=paths.ancestor_paths(area.path)[:-1]).order_by("path"))


def area_children(*, area: Area, roots: list[str] | None, query: str = "") -> QuerySet[Area]:
    """Children of ``area`` under ``roots``, each with ``child_count``."""
    children = (
        areas_within(roots=roots)
        .filter(parent=area)
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
        areas_within(roots=[area.path]).exclude(pk=area.pk).values("level").annotate(n=Count("id"))
    )
    for row in rows:
        counts[row["level"]] = row["n"]
    return counts


def area_search(*, query: str, roots: list[str] | None, limit: int = 50) -> QuerySet[Area]:
    """Areas under ``roots`` whose name contains ``query``, with or without diacritics."""
    folded = fold(query)
    if not folded:
        return Area.objects.none()
    areas = areas_within(roots=roots).filter(name_folded__contains=folded)
    return areas.select_related("parent").order_by("level", "name_folded")[:limit]
