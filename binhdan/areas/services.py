"""Writes to the area tree."""

import json
from dataclasses import dataclass

import vietnam_provinces
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from binhdan.areas import paths
from binhdan.areas.models import Area
from binhdan.core.text import fold

# vietnam-provinces' division types are already the Vietnamese kinds we show.
PROVINCE_CODE_WIDTH = 2
COMMUNE_CODE_WIDTH = 5


def province_code(value: int | str) -> str:
    return str(int(value)).zfill(PROVINCE_CODE_WIDTH)


def commune_code(value: int | str) -> str:
    return str(int(value)).zfill(COMMUNE_CODE_WIDTH)


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _official_divisions() -> list[dict]:
    return json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))


@transaction.atomic
def areas_load_official() -> LoadReport:
    """Load or refresh the 34 provinces and 3,321 communes from ``vietnam-provinces``.

    Idempotent: a second run reports everything unchanged and writes nothing.
    Villages are never touched.
    """
    report = LoadReport()
    existing = {
        area.code: area
        for area in Area.objects.filter(level__in=[Area.Level.PROVINCE, Area.Level.COMMUNE])
    }
    to_create: list[Area] = []
    to_update: list[Area] = []
    moved: list[tuple[str, str]] = []

    def upsert(*, code: str, name: str, kind: str, level: str, parent: Area | None, path: str):
        area = existing.get(code)
        if area is None:
            area = Area(
                code=code,
                name=name,
                kind=kind,
                level=level,
                parent=parent,
                path=path,
                name_folded=fold(name),
            )
            to_create.append(area)
            existing[code] = area
            return area
        if (area.name, area.kind, area.path, area.parent_id) != (
            name,
            kind,
            path,
            parent.pk if parent else None,
        ):
            if area.path != path:
                moved.append((area.path, path))
            area.name, area.kind, area.path, area.parent = name, kind, path, parent
            area.name_folded = fold(name)
            to_update.append(area)
        else:
            report.unchanged += 1
        return area

    divisions = _official_divisions()
    for province in divisions:
        code = province_code(province["code"])
        upsert(
            code=code,
            name=province["name"],
            kind=province["division_type"],
            level=Area.Level.PROVINCE,
            parent=None,
            path=paths.child_path("", code),
        )
    Area.objects.bulk_create(to_create)
    report.created += len(to_create)
    to_create.clear()

    for province in divisions:
        parent = existing[province_code(province["code"])]
        for ward in province["wards"]:
            code = commune_code(ward["code"])
            upsert(
                code=code,
                name=ward["name"],
                kind=ward["division_type"],
                level=Area.Level.COMMUNE,
                parent=parent,
                path=paths.child_path(parent.path, code),
            )
    Area.objects.bulk_create(to_create, batch_size=500)
    report.created += len(to_create)
    if to_update:
        Area.objects.bulk_update(
            to_update, ["name", "kind", "path", "parent", "name_folded"], batch_size=500
        )
    for old_path, new_path in moved:
        _move_descendants(old_path=old_path, new_path=new_path)
    report.updated = len(to_update)
    return report


def _move_descendants(*, old_path: str, new_path: str) -> None:
    """Rewrite the paths below a node whose own path changed (e.g. a commune re-assigned)."""
    Area.objects.filter(paths.within_q([old_path])).exclude(path=new_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
    )
