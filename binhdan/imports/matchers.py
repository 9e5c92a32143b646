"""Finding what a sheet's cells name: communes (by name or official code) and villages
(by name, however it is spelt).

Communes are matched in a Vietnamese-aware way: the official code when the cell is a
number; else the exact name (case, spacing, NFC/NFD and the "Xã/Phường" prefix do not
matter); else the name without diacritics, but only when that points at exactly one
commune. A sheet may give the commune by name, by code, or both: the code serves when the
name cell is empty, and a row whose name and code disagree is refused. A name found in
several provinces is settled by the province most other rows of the sheet resolve to.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from binhdan.areas import paths
from binhdan.areas.models import Area
from binhdan.core.sheets import SheetRow
from binhdan.core.text import clean, fold, normalize

COMMUNE_PREFIXES = ("dac khu", "phuong", "xa", "thi tran")
_DIGITS = re.compile(r"^\d+(\.0+)?$")


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
    """Finds a commune by code or name within a set of candidate communes (their
    ``parent`` selected: messages name the province)."""

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

    @classmethod
    def within(cls, scope: Area | None) -> "CommuneMatcher":
        """Every commune under ``scope`` (``None``: the whole country)."""
        communes = Area.objects.filter(level=Area.Level.COMMUNE).select_related("parent")
        if scope is not None:
            communes = communes.filter(paths.within_q([scope.path]))
        return cls(list(communes))

    def lookup(self, raw: str) -> tuple[list[Area], str]:
        """The communes ``raw`` may mean, and the reason when it is not exactly one."""
        value = clean(raw)
        if not value:
            return [], _("Thiếu tên hoặc mã xã/phường.")
        if _DIGITS.match(value):
            code = str(int(float(value))).zfill(5)
            commune = self.by_code.get(code)
            if commune is None:
                return [], _("Không có xã/phường mã %(code)s trong phạm vi nhập.") % {"code": code}
            return [commune], ""
        folded = fold(value)
        has_prefix = _strip_commune_prefix(folded) != folded
        exact = (
            self.by_full.get(normalize(value), [])
            if has_prefix
            else self.by_bare.get(normalize(value), [])
        )
        if len(exact) == 1:
            return exact, ""
        loose = (
            self.by_fold_full.get(folded, []) if has_prefix else self.by_fold_bare.get(folded, [])
        )
        candidates = exact or loose
        if len(candidates) == 1:
            return candidates, ""
        if len(candidates) > 1:
            names = ", ".join(f"{c.name} ({c.code}, {c.parent.name})" for c in candidates[:5])
            return candidates, _(
                "Tên “%(name)s” khớp nhiều xã/phường: %(names)s. Hãy ghi rõ “Xã”/“Phường”, "
                "dấu tiếng Việt hoặc mã xã."
            ) % {"name": value, "names": names}
        return [], _("Không tìm thấy xã/phường “%(name)s” trong phạm vi nhập.") % {"name": value}

    def match(self, raw: str) -> tuple[Area | None, str]:
        """``(commune, "")`` or ``(None, reason)``."""
        candidates, reason = self.lookup(raw)
        return (candidates[0], "") if len(candidates) == 1 else (None, reason)


def implies_commune(scope: Area | None) -> bool:
    """An import started from a commune's page needs no commune column: it is implied."""
    return scope is not None and scope.level == Area.Level.COMMUNE


@dataclass(frozen=True)
class CommuneFound:
    """A row's commune, or why it has none (``reason``, about column ``field``);
    ``note`` tells how an ambiguous name was settled."""

    commune: Area | None
    reason: str = ""
    field: str = "commune"
    note: str = ""


def _read_row(
    row: SheetRow, matcher: CommuneMatcher, implied: Area | None
) -> tuple[CommuneFound, list[Area]]:
    """``(CommuneFound, ambiguous candidates)`` for one row, before any majority."""
    name = clean(row.values.get("commune", ""))
    code = clean(row.values.get("commune_code", ""))
    if implied is not None and not name and not code:
        return CommuneFound(implied), []
    if name and code:
        by_code, reason = matcher.match(code)
        if by_code is None:
            return CommuneFound(None, reason, "commune_code"), []
        by_name, _reason = matcher.lookup(name)
        if by_code in by_name:
            return CommuneFound(by_code), []
        message = _(
            "Tên xã/phường “%(name)s” và mã xã %(code)s (%(commune)s) không khớp nhau: hãy "
            "sửa tên hoặc mã cho đúng."
        ) % {"name": name, "code": code, "commune": by_code.name}
        return CommuneFound(None, message), []
    field = "commune" if name or not code else "commune_code"
    candidates, reason = matcher.lookup(name or code)
    if len(candidates) == 1:
        return CommuneFound(candidates[0]), []
    return CommuneFound(None, reason, field), candidates


def _province(commune: Area) -> str:
    return paths.province_path(commune.path)


def find_communes(
    rows: Sequence[SheetRow], matcher: CommuneMatcher, *, implied: Area | None = None
) -> list[CommuneFound]:
    """The commune of every row (``implied`` when a row gives none).

    A name that matches communes of several provinces is settled by the one province most
    other rows resolve to (when there is one), with a ``note``.
    """
    read = [_read_row(row, matcher, implied) for row in rows]
    tally = Counter(
        _province(found.commune) for found, _candidates in read if found.commune is not None
    )
    ranked = tally.most_common(2)
    majority = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else ""
    results = []
    for row, (found, candidates) in zip(rows, read, strict=True):
        provinces = {_province(c) for c in candidates}
        settled = [c for c in candidates if _province(c) == majority]
        if majority and len(provinces) > 1 and len(settled) == 1:
            commune = settled[0]
            note = _(
                "“%(name)s” có ở nhiều tỉnh: đã chọn %(commune)s (%(code)s, %(province)s), "
                "tỉnh của phần lớn các dòng khác."
            ) % {
                "name": clean(row.values.get(found.field, "")),
                "commune": commune.name,
                "code": commune.code,
                "province": commune.parent.name,
            }
            found = CommuneFound(commune, field=found.field, note=note)
        results.append(found)
    return results


@dataclass(frozen=True)
class VillageName:
    display: str  # "Thôn Đông"
    kind: str  # "thôn"
    bare: str  # "Đông": the name without its kind
    key: str  # "dong": what two spellings of one village share


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
_ABBREVIATIONS = {"tdp": "tổ dân phố", "kdc": "khu dân cư"}
_ABBREVIATION = re.compile(r"^(tdp|kdc)(?:\.\s*|\s+)(?=\S)", re.IGNORECASE)


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


class VillageIndex:
    """The villages of each commune by their folded bare name (“Thôn Đông” = “thon dong” =
    “Đông”), read once per commune."""

    def __init__(self):
        self._by_commune: dict[int, dict[str, Area]] = {}

    def of(self, commune: Area) -> dict[str, Area]:
        if commune.pk not in self._by_commune:
            self._by_commune[commune.pk] = {
                split_village_name(v.name, v.kind, commune).key: v
                for v in Area.objects.filter(parent=commune, level=Area.Level.VILLAGE)
            }
        return self._by_commune[commune.pk]

    def find(self, commune: Area, raw: str) -> Area | None:
        key = split_village_name(raw, "", commune).key
        return self.of(commune).get(key) if key else None


def example_place(scope: Area) -> tuple[str, str]:
    """(village, commune) names for a template's example row: a real village of the scope
    when it has one."""
    village = (
        Area.objects.filter(paths.within_q([scope.path]), level=Area.Level.VILLAGE)
        .select_related("parent")
        .order_by("path")
        .first()
    )
    if village is None:
        return "Thôn Đông", "Xã Đông Hưng"
    return village.name, village.parent.name
