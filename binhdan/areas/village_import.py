"""Importing villages (thôn, tổ dân phố) from the spreadsheets communes send.

Communes are matched in a Vietnamese-aware way: the official code when the cell is a
number; else the exact name (case, spacing, NFC/NFD and the "Xã/Phường" prefix do not
matter); else the name without diacritics, but only when that points at exactly one
commune. Every row that cannot be taken is reported with its spreadsheet row number and
the reason; the others are taken; a re-run creates nothing twice.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can
from binhdan.areas.models import Area
from binhdan.core.sheets import read_table
from binhdan.core.text import clean, fold, has_diacritics, normalize

COLUMNS = {
    "commune": [
        "xã",
        "xã/phường",
        "xã, phường",
        "xã/phường/đặc khu",
        "tên xã",
        "tên xã/phường",
        "đơn vị cấp xã",
        "đơn vị hành chính cấp xã",
        "mã xã",
        "xã phường",
        "phường",
        "commune",
        "commune_code",
        "commune code",
        "commune name",
    ],
    "village": [
        "thôn",
        "tên thôn",
        "thôn/tổ dân phố",
        "thôn, tổ dân phố",
        "tên thôn/tổ dân phố",
        "tên thôn, tổ dân phố",
        "thôn, tdp",
        "thôn/tdp",
        "tổ dân phố",
        "thôn/xóm",
        "village",
        "village name",
    ],
    "kind": ["loại", "phân loại", "loại thôn", "kind", "type"],
}

COMMUNE_PREFIXES = ("dac khu", "phuong", "xa", "thi tran")
# Village kinds recognised at the start of a name, longest first.
VILLAGE_KINDS = [
    "tổ dân phố",
    "khu dân cư",
    "khu phố",
    "thôn",
    "xóm",
    "ấp",
    "bản",
    "khu",
    "tổ",
]
VILLAGE_KIND_BY_FOLD = {fold(kind): kind for kind in VILLAGE_KINDS}
_ABBREVIATIONS = {"tdp": "tổ dân phố", "kdc": "khu dân cư"}
_ABBREVIATION = re.compile(r"^(tdp|kdc)(?:\.\s*|\s+)(?=\S)", re.IGNORECASE)
_DIGITS = re.compile(r"^\d+(\.0+)?$")


@dataclass
class RowError:
    """A row not taken: ``field`` is our column key (stable, for scripts), ``column`` what
    the sheet calls that column (its header text, else our first Vietnamese spelling)."""

    row: int
    field: str
    message: str
    column: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class PlannedVillage:
    row: int
    commune: Area
    name: str
    kind: str
    action: str  # create | update | unchanged
    existing: Area | None = None


@dataclass
class ImportReport:
    planned: list[PlannedVillage] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    def count(self, action: str) -> int:
        return sum(1 for item in self.planned if item.action == action)

    def as_dict(self) -> dict:
        return {
            "created": self.count("create"),
            "updated": self.count("update"),
            "unchanged": self.count("unchanged"),
            "errors": [error.as_dict() for error in self.errors],
        }


def _strip_commune_prefix(folded: str) -> str:
    for prefix in COMMUNE_PREFIXES:
        if folded.startswith(prefix + " "):
            return folded[len(prefix) + 1 :]
    return folded


def _bare_exact(name: str) -> str:
    """Exact-match key: lower case with diacritics, without the "Xã/Phường" prefix."""
    normalized = normalize(name)
    folded = fold(name)
    bare_folded = _strip_commune_prefix(folded)
    if bare_folded == folded:
        return normalized
    # Drop as many words as the prefix had.
    return " ".join(normalized.split(" ")[len(folded.split(" ")) - len(bare_folded.split(" ")) :])


class CommuneMatcher:
    """Finds a commune by code or name within a set of candidate communes."""

    def __init__(self, communes: list[Area]):
        self.by_code = {c.code: c for c in communes}
        self.by_full: dict[str, list[Area]] = defaultdict(list)
        self.by_bare: dict[str, list[Area]] = defaultdict(list)
        self.by_fold_full: dict[str, list[Area]] = defaultdict(list)
        self.by_fold_bare: dict[str, list[Area]] = defaultdict(list)
        for commune in communes:
            self.by_full[normalize(commune.name)].append(commune)
            self.by_bare[_bare_exact(commune.name)].append(commune)
            self.by_fold_full[fold(commune.name)].append(commune)
            self.by_fold_bare[_strip_commune_prefix(fold(commune.name))].append(commune)

    def match(self, raw: str) -> tuple[Area | None, str]:
        """``(commune, "")`` or ``(None, reason)``."""
        value = clean(raw)
        if not value:
            return None, _("Thiếu tên hoặc mã xã/phường.")
        if _DIGITS.match(value):
            code = str(int(float(value))).zfill(5)
            commune = self.by_code.get(code)
            if commune is None:
                return None, _("Không có xã/phường mã %(code)s trong phạm vi nhập.") % {
                    "code": code
                }
            return commune, ""
        folded = fold(value)
        has_prefix = _strip_commune_prefix(folded) != folded
        exact = (
            self.by_full.get(normalize(value), [])
            if has_prefix
            else self.by_bare.get(normalize(value), [])
        )
        if len(exact) == 1:
            return exact[0], ""
        loose = (
            self.by_fold_full.get(folded, []) if has_prefix else self.by_fold_bare.get(folded, [])
        )
        candidates = exact or loose
        if len(candidates) == 1:
            return candidates[0], ""
        if len(candidates) > 1:
            names = ", ".join(f"{c.name} ({c.code}, {c.parent.name})" for c in candidates[:5])
            return None, _(
                "Tên “%(name)s” khớp nhiều xã/phường: %(names)s. Hãy ghi rõ “Xã”/“Phường”, "
                "dấu tiếng Việt hoặc mã xã."
            ) % {"name": value, "names": names}
        return None, _("Không tìm thấy xã/phường “%(name)s” trong phạm vi nhập.") % {"name": value}


@dataclass(frozen=True)
class VillageName:
    display: str  # "Thôn Đông"
    kind: str  # "thôn"
    bare: str  # "Đông": the name without its kind
    key: str  # "dong": what two spellings of one village share


def split_village_name(raw: str, explicit_kind: str, commune: Area) -> VillageName:
    """Read a village cell.

    A kind at the start ("thon 3", "TDP số 2", "tdp.2", "Tổ dân phố Bắc") is written
    properly ("Thôn 3", "Tổ dân phố số 2"); a bare name gets the commune's usual kind in
    front. A cell that is only a kind ("Thôn") has an empty ``key``: it names no village.
    """
    name = clean(raw)
    if name.isupper():
        name = name.title()
    abbreviation = _ABBREVIATION.match(name)
    if abbreviation:
        name = _ABBREVIATIONS[abbreviation.group(1).lower()] + " " + name[abbreviation.end() :]
    elif fold(name) in _ABBREVIATIONS:
        name = _ABBREVIATIONS[fold(name)]
    words = name.split(" ")
    folded_words = fold(name).split(" ")
    found_kind, consumed = "", 0
    for candidate in VILLAGE_KINDS:
        kind_words = fold(candidate).split(" ")
        if folded_words[: len(kind_words)] == kind_words:
            found_kind, consumed = candidate, len(kind_words)
            break
    bare = " ".join(words[consumed:])
    kind = clean(explicit_kind).lower() or found_kind
    if not kind:
        kind = "tổ dân phố" if commune.kind == "phường" else "thôn"
    label = found_kind or kind
    display = f"{label[:1].upper()}{label[1:]} {bare}".strip()
    return VillageName(display=display, kind=kind, bare=bare, key=fold(bare))


def required_columns(scope: Area | None) -> list[str]:
    """An import started from a commune's page needs no commune column: it is implied."""
    if scope is not None and scope.level == Area.Level.COMMUNE:
        return ["village"]
    return ["commune", "village"]


def plan_village_import(
    *,
    data: bytes,
    filename: str,
    scope: Area | None = None,
    actor: User | None = None,
) -> ImportReport:
    """Read a file and decide, row by row, what the import would do. Writes nothing."""
    table = read_table(data, filename, columns=COLUMNS, required=required_columns(scope))
    communes = Area.objects.filter(level=Area.Level.COMMUNE).select_related("parent")
    if scope is not None:
        communes = communes.filter(path__startswith=scope.path)
    matcher = CommuneMatcher(list(communes))
    implied = scope if scope is not None and scope.level == Area.Level.COMMUNE else None
    report = ImportReport()

    def error(row: int, column: str, message: str) -> RowError:
        return RowError(row, column, message, table.label(column))

    existing_by_commune: dict[int, dict[str, Area]] = {}
    seen: dict[tuple[int, str], int] = {}
    for row in table.rows:
        commune_text = row.values.get("commune", "")
        if implied is not None and not clean(commune_text):
            commune, reason = implied, ""
        else:
            commune, reason = matcher.match(commune_text)
        if commune is None:
            report.errors.append(error(row.number, "commune", reason))
            continue
        if actor is not None and not user_can(
            user=actor, action=Action.VILLAGE_MANAGE, area=commune
        ):
            report.errors.append(
                error(
                    row.number,
                    "commune",
                    _("Bạn không có quyền quản lý thôn của %(name)s.") % {"name": commune.name},
                )
            )
            continue
        raw_village = clean(row.values.get("village", ""))
        if not raw_village:
            report.errors.append(error(row.number, "village", _("Thiếu tên thôn/tổ dân phố.")))
            continue
        if len(raw_village) > 150:
            report.errors.append(
                error(row.number, "village", _("Tên thôn quá dài (tối đa 150 ký tự)."))
            )
            continue
        parsed = split_village_name(raw_village, row.values.get("kind", ""), commune)
        name, kind, key = parsed.display, parsed.kind, parsed.key
        if not key:
            report.errors.append(
                error(row.number, "village", _("Tên thôn chỉ có loại, thiếu tên riêng."))
            )
            continue
        if (commune.pk, key) in seen:
            report.errors.append(
                error(
                    row.number,
                    "village",
                    _("Trùng với dòng %(row)s (cùng xã, cùng tên thôn): bỏ qua.")
                    % {"row": seen[(commune.pk, key)]},
                )
            )
            continue
        seen[(commune.pk, key)] = row.number
        if commune.pk not in existing_by_commune:
            existing_by_commune[commune.pk] = {
                split_village_name(v.name, v.kind, commune).key: v
                for v in Area.objects.filter(parent=commune)
            }
        existing = existing_by_commune[commune.pk].get(key)
        if existing is None:
            action = "create"
        elif _improves(
            existing=split_village_name(existing.name, existing.kind, commune),
            new=parsed,
            explicit_kind=bool(row.values.get("kind")),
        ):
            action = "update"
        else:
            action = "unchanged"
        report.planned.append(
            PlannedVillage(row.number, commune, name, kind, action, existing=existing)
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
        sequence = int(last.rstrip("/").rsplit("/", 1)[-1]) if last else 0
        to_create = []
        for item in items:
            if item.action == "create":
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
            elif item.action == "update":
                village = item.existing
                village.name, village.kind = item.name, item.kind
                village.save(update_fields=["name", "kind", "name_folded", "updated_at"])
        Area.objects.bulk_create(to_create)
    report.applied = True
    return report


def village_import(
    *,
    data: bytes,
    filename: str,
    scope: Area | None = None,
    actor: User | None = None,
    dry_run: bool = False,
) -> ImportReport:
    report = plan_village_import(data=data, filename=filename, scope=scope, actor=actor)
    if not dry_run:
        apply_village_import(report)
    return report


def village_template_xlsx(*, scope: Area | None) -> bytes:
    """An empty sheet to fill in: the header row and one example row. From a commune's
    page there is no commune column (the import implies it)."""
    from binhdan.core.sheet_templates import template_workbook

    example_commune = scope.name if scope is not None and scope.level != "province" else ""
    if not example_commune and scope is not None:
        first = scope.children.order_by("name_folded").first()
        example_commune = first.name if first is not None else "Xã Đông Hưng"
    headers = ["Thôn/tổ dân phố", "Loại"]
    example = ["Thôn Đông", "thôn"]
    if "commune" in required_columns(scope):
        headers, example = ["Xã/phường", *headers], [example_commune or "Xã Đông Hưng", *example]
    return template_workbook(title="Danh sách thôn", headers=headers, example=example)
