"""Arithmetic on ``Area.path``: the one place that knows how a path is written.

A path is the codes of an area's ancestors and its own, each followed by ``/``:
``"33/"`` (province), ``"33/11953/"`` (commune), ``"33/11953/0004/"`` (village). A
subtree is every path that starts with the root's path.
"""

from django.db.models import Q


def segments(path: str) -> list[str]:
    """The codes along the path, province first."""
    return [part for part in path.split("/") if part]


def depth(path: str) -> int:
    """1 for a province, 2 for a commune, 3 for a village."""
    return len(segments(path))


def is_province(path: str) -> bool:
    return depth(path) == 1


def ancestor_paths(path: str) -> list[str]:
    """The path of every area on the way down to this one, itself included."""
    parts = segments(path)
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def child_path(parent: str, code: str) -> str:
    """The path of the area with ``code`` under ``parent`` (``""`` for a province)."""
    return f"{parent}{code}/"


def parent_path(path: str) -> str:
    """The parent's path; ``""`` for a province."""
    return "".join(part + "/" for part in segments(path)[:-1])


def province_path(path: str) -> str:
    return ancestor_paths(path)[0]


def commune_path(path: str) -> str:
    """The path of the commune an area lies in (a province's path is returned as is)."""
    return ancestor_paths(path)[:2][-1]


def own_code(path: str) -> str:
    """The last segment: a village's number inside its commune, else the official code."""
    return segments(path)[-1]


def is_within(path: str, roots: list[str] | None) -> bool:
    """Whether ``path`` lies in the subtree of one of ``roots`` (``None``: everywhere)."""
    return roots is None or any(path.startswith(root) for root in roots)


def within_q(roots: list[str] | None, *, field: str = "path") -> Q:
    """A filter for rows whose ``field`` lies under one of ``roots`` (``None``: all rows)."""
    if roots is None:
        return Q()
    if not roots:
        return Q(pk__in=[])
    condition = Q()
    for root in roots:
        condition |= Q(**{f"{field}__startswith": root})
    return condition
