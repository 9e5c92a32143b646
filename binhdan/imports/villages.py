"""Importing villages (thôn, tổ dân phố) from the spreadsheets communes send.

Every row that cannot be taken is reported with its spreadsheet row number and the reason;
the others are taken; a re-run creates nothing twice (a village is found again by its
folded bare name, ``matchers.split_village_name``), and a later sheet with diacritics
improves a name imported without them.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can
from binhdan.areas import paths
from binhdan.areas.models import Area
from binhdan.core.sheet_templates import template_workbook
from binhdan.core.text import clean, fold, has_diacritics
from binhdan.imports.columns import VILLAGE, Column, commune_columns, read_sheet
from binhdan.imports.matchers import (
    CommuneMatcher,
    VillageIndex,
    VillageName,
    find_communes,
    implies_commune,
    split_village_name,
)
from binhdan.imports.report import CREATE, UNCHANGED, UPDATE, ImportReport

KIND = Column("kind", ("loại", "phân loại", "loại thôn", "kind", "type"))


@dataclass
class PlannedVillage:
    row: int
    commune: Area
    name: str
    kind: str
    action: str  # create | update | unchanged
    existing: Area | None = None


def plan_village_import(
    *,
    data: bytes,
    filename: str,
    scope: Area | None = None,
    actor: User | None = None,
) -> ImportReport:
    """Read a file and decide, row by row, what the import would do. Writes nothing."""
    columns = [*commune_columns(needed=not implies_commune(scope)), VILLAGE.needed(), KIND]
    report = ImportReport(table=read_sheet(data, filename, columns))
    rows = report.table.rows
    implied = scope if implies_commune(scope) else None
    communes = find_communes(rows, CommuneMatcher.within(scope), implied=implied)
    index = VillageIndex()
    seen: dict[tuple[int, str], int] = {}
    for row, found in zip(rows, communes, strict=True):
        commune = found.commune
        if commune is None:
            report.error(row.number, found.field, found.reason)
            continue
        if actor is not None and not user_can(
            user=actor, action=Action.VILLAGE_MANAGE, area=commune
        ):
            report.error(
                row.number,
                found.field,
                _("Bạn không có quyền quản lý thôn của %(name)s.") % {"name": commune.name},
            )
            continue
        raw_village = clean(row.values.get("village", ""))
        if not raw_village:
            report.error(row.number, "village", _("Thiếu tên thôn/tổ dân phố."))
            continue
        if len(raw_village) > 150:
            report.error(row.number, "village", _("Tên thôn quá dài (tối đa 150 ký tự)."))
            continue
        parsed = split_village_name(raw_village, row.values.get("kind", ""), commune)
        if not parsed.key:
            report.error(row.number, "village", _("Tên thôn chỉ có loại, thiếu tên riêng."))
            continue
        if (commune.pk, parsed.key) in seen:
            report.error(
                row.number,
                "village",
                _("Trùng với dòng %(row)s (cùng xã, cùng tên thôn): bỏ qua.")
                % {"row": seen[(commune.pk, parsed.key)]},
            )
            continue
        seen[(commune.pk, parsed.key)] = row.number
        if found.note:
            report.warn(row.number, found.field, found.note)
        existing = index.of(commune).get(parsed.key)
        if existing is None:
            action = CREATE
        elif _improves(
            existing=split_village_name(existing.name, existing.kind, commune),
            new=parsed,
            explicit_kind=bool(row.values.get("kind")),
        ):
            action = UPDATE
        else:
            action = UNCHANGED
        report.planned.append(
            PlannedVillage(
                row.number, commune, parsed.display, parsed.kind, action, existing=existing
            )
        )
    return report


def _improves(*, existing: VillageName, new: VillageName, explicit_kind: bool) -> bool:
    """Update only when the row adds information: diacritics the stored name lacks, or an
    explicit kind. A sheet typed without diacritics never degrades a stored name."""
    better_name = (
        new.bare != existing.bare and has_diacritics(new.bare) and not has_diacritics(existing.bare)
    )
    return better_name or (explicit_kind and new.kind != existing.kind)


@transaction.atomic
def apply_village_import(report: ImportReport) -> ImportReport:
    """Write a planned import: creates and updates in one transaction."""
    by_commune: dict[int, list[PlannedVillage]] = defaultdict(list)
    for item in report.planned:
        by_commune[item.commune.pk].append(item)
    for commune_id, items in by_commune.items():
        commune = Area.objects.select_for_update().get(pk=commune_id)
        last = Area.objects.filter(parent=commune).aggregate(last=Max("path"))["last"] or ""
        sequence = int(paths.own_code(last)) if last else 0
        to_create = []
        for item in items:
            if item.action == CREATE:
                sequence += 1
                segment = f"{sequence:04d}"
                to_create.append(
                    Area(
                        level=Area.Level.VILLAGE,
                        code=f"{commune.code}-{segment}",
                        name=item.name,
                        name_folded=fold(item.name),
                        kind=item.kind,
                        parent=commune,
                        path=f"{commune.path}{segment}/",
                    )
                )
            elif item.action == UPDATE:
                village = item.existing
                village.name, village.kind = item.name, item.kind
                village.save(update_fields=["name", "kind", "name_folded", "updated_at"])
        Area.objects.bulk_create(to_create)
    report.applied = True
    return report


def village_import(*, dry_run: bool = False, **arguments) -> ImportReport:
    """``plan_village_import(**arguments)``, applied unless ``dry_run``."""
    report = plan_village_import(**arguments)
    return report if dry_run else apply_village_import(report)


def village_template_xlsx(*, scope: Area | None) -> bytes:
    """An empty sheet to fill in: the header row and one example row. From a commune's
    page there is no commune column (the import implies it)."""
    example_commune = scope.name if scope is not None and scope.level != "province" else ""
    if not example_commune and scope is not None:
        first = scope.children.order_by("name_folded").first()
        example_commune = first.name if first is not None else "Xã Đông Hưng"
    headers = ["Thôn/tổ dân phố", "Loại"]
    example = ["Thôn Đông", "thôn"]
    if not implies_commune(scope):
        headers, example = ["Xã/phường", *headers], [example_commune or "Xã Đông Hưng", *example]
    return template_workbook(title="Danh sách thôn", headers=headers, example=example)
