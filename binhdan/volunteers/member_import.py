"""Importing volunteer member lists (đoàn viên of the đội hình) from the sheets communes send.

Built on the import pipeline (``binhdan.imports``) like the village import: the header is
found by its column names, communes are matched by name or code, villages by their folded
name. Every row is planned (create / update / unchanged / error), then applied in one
transaction; ``created`` counts members. Teams named in the sheet are created per commune
and folded name.

A member is found again by normalised phone and folded name (without a phone: commune,
folded name and birth year); the same person listed twice counts once. A village not yet
in the tree does not refuse the member: they are kept with the commune (``village`` empty,
``village_name`` what the sheet said) and linked by ``members_link_villages`` once the
village exists. ``imports`` may not import ``volunteers`` (layering), so nothing runs it
after a village import: every member import applies it first, and team pages may call it.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import user_can, user_can_at
from binhdan.areas.models import Area
from binhdan.core.errors import InvalidInput
from binhdan.core.sheet_templates import template_workbook
from binhdan.core.text import clean, fold
from binhdan.imports.columns import (
    BIRTH_YEAR,
    FULL_NAME,
    PHONE,
    VILLAGE,
    Column,
    commune_columns,
    read_sheet,
)
from binhdan.imports.matchers import (
    CommuneMatcher,
    VillageIndex,
    example_place,
    find_communes,
    implies_commune,
)
from binhdan.imports.report import CREATE, UNCHANGED, UPDATE, ImportReport
from binhdan.people.identity import normalize_phone
from binhdan.volunteers.models import Team, Volunteer

TEAM = Column(
    "team",
    (
        "đội hình",
        "tên đội hình",
        "đội",
        "tên đội",
        "đội hình thanh niên",
        "đội tình nguyện",
        "team",
    ),
)
NOTE = Column("note", ("ghi chú", "note"))
COLUMNS = [FULL_NAME.needed(), BIRTH_YEAR, PHONE, VILLAGE, TEAM, NOTE]

NAME_MAX = 200
NOTE_MAX = 500
MIN_AGE, MAX_AGE = 10, 100
# "1998", "1998.0" (read_table already drops ".0"), "12/05/1998", "1998-05-12 00:00:00".
_YEAR = re.compile(r"^(?:(?:\d{1,2}[/.\-]){1,2}(\d{4})|(\d{4})(?:-\d{2}-\d{2}.*)?)$")


def display_name(raw: str) -> str:
    """A person's name as stored: NFC, spaces collapsed, each word capitalised (names
    arrive in capitals, in lower case, or typed at random)."""
    return " ".join(word[:1].upper() + word[1:].lower() for word in clean(raw).split(" "))


def parse_birth_year(raw: str, *, this_year: int) -> int | None:
    """The year of a birth-year cell, ``None`` when empty; ValueError when impossible."""
    value = clean(raw)
    if not value:
        return None
    match = _YEAR.match(value)
    if match is None:
        raise ValueError(value)
    year = int(match.group(1) or match.group(2))
    if not this_year - MAX_AGE <= year <= this_year - MIN_AGE:
        raise ValueError(value)
    return year


@dataclass
class PlannedMember:
    row: int
    commune: Area
    full_name: str
    phone: str
    action: str  # create | update | unchanged
    birth_year: int | None = None
    village: Area | None = None
    village_name: str = ""
    team_name: str = ""  # as first written in the sheet; empty: no team given
    team: Team | None = None  # the existing team, when it exists
    note: str = ""
    existing: Volunteer | None = None
    changes: tuple[str, ...] = ()

    @property
    def team_key(self) -> tuple[int, str] | None:
        return (self.commune.pk, fold(self.team_name)) if self.team_name else None

    @property
    def new_team(self) -> bool:
        return bool(self.team_name) and self.team is None


class MemberImportReport(ImportReport):
    @property
    def new_teams(self) -> list[str]:
        """The teams the import creates, once each, in sheet order."""
        names: dict[tuple[int, str], str] = {}
        for item in self.planned:
            if item.new_team:
                names.setdefault(item.team_key, f"{item.team_name} ({item.commune.name})")
        return list(names.values())


def _identity(phone: str, name_folded: str, commune: Area, birth_year: int | None) -> tuple:
    return ("phone", phone, name_folded) if phone else ("name", commune.pk, name_folded, birth_year)


def _existing_members(keys: list[tuple]) -> dict[tuple, Volunteer]:
    """The stored members for these identities (a query per 1,000 phones, and one more)."""
    phones = sorted({key[1] for key in keys if key[0] == "phone"})
    communes = {key[1] for key in keys if key[0] == "name"}
    found: dict[tuple, Volunteer] = {}
    for start in range(0, len(phones), 1000):
        batch = phones[start : start + 1000]
        for member in Volunteer.objects.filter(phone__in=batch).select_related("team"):
            found[("phone", member.phone, member.name_folded)] = member
    for member in Volunteer.objects.filter(commune_id__in=communes, phone="").select_related(
        "team"
    ):
        found.setdefault(("name", member.commune_id, member.name_folded, member.birth_year), member)
    return found


def plan_member_import(
    *, data: bytes, filename: str, scope: Area | None = None, actor: User | None = None
) -> MemberImportReport:
    """Read a file and decide, row by row, what the import would do. Writes nothing.
    ``actor`` (None on the command line) must hold ``team.manage`` over each row's commune."""
    columns = [*commune_columns(needed=not implies_commune(scope)), *COLUMNS]
    report = MemberImportReport(table=read_sheet(data, filename, columns))
    rows = report.table.rows
    implied = scope if implies_commune(scope) else None
    communes = find_communes(rows, CommuneMatcher.within(scope), implied=implied)
    villages = VillageIndex()
    this_year = timezone.localdate().year
    seen: dict[tuple, int] = {}
    accepted = []
    for row, found in zip(rows, communes, strict=True):
        values = row.values
        name = display_name(values.get("full_name", ""))
        if not name:
            report.error(row.number, "full_name", _("Thiếu họ và tên."))
            continue
        if len(name) > NAME_MAX:
            report.error(row.number, "full_name", _("Họ và tên quá dài (tối đa 200 ký tự)."))
            continue
        commune = found.commune
        if commune is None:
            report.error(row.number, found.field, found.reason)
            continue
        if implied is not None and commune.pk != implied.pk:
            report.error(row.number, found.field, _("Xã/phường ngoài phạm vi nhập."))
            continue
        if actor is not None and not user_can(user=actor, action=Action.TEAM_MANAGE, area=commune):
            report.error(
                row.number,
                found.field,
                _("Bạn không có quyền quản lý đội hình của %(name)s.") % {"name": commune.name},
            )
            continue
        try:
            birth_year = parse_birth_year(values.get("birth_year", ""), this_year=this_year)
        except ValueError:
            report.error(
                row.number,
                "birth_year",
                _("Năm sinh không hợp lệ (đang ghi “%(value)s”): hãy ghi năm có 4 chữ số.")
                % {"value": clean(values.get("birth_year", ""))},
            )
            continue
        phone_text = clean(values.get("phone", ""))
        phone = ""
        if phone_text:
            try:
                phone = normalize_phone(phone_text)
            except InvalidInput as exc:
                report.error(row.number, "phone", f"“{phone_text}”: {exc.message}")
                continue
        name_folded = fold(name)
        key = _identity(phone, name_folded, commune, birth_year)
        if key in seen:
            report.warn(
                row.number,
                "full_name",
                _("Trùng với dòng %(row)s (cùng số điện thoại và họ tên): chỉ tính một lần.")
                % {"row": seen[key]},
            )
            continue
        seen[key] = row.number
        if found.note:
            report.warn(row.number, found.field, found.note)
        village_name = clean(values.get("village", ""))
        village = villages.find(commune, village_name) if village_name else None
        if village_name and village is None:
            report.warn(
                row.number,
                "village",
                _(
                    "Chưa có “%(village)s” trong danh sách thôn của %(commune)s: vẫn nhận "
                    "đoàn viên, sẽ gắn thôn khi xã nhập thôn này."
                )
                % {"village": village_name, "commune": commune.name},
            )
        accepted.append(
            (
                key,
                PlannedMember(
                    row=row.number,
                    commune=commune,
                    full_name=name,
                    phone=phone,
                    action=CREATE,
                    birth_year=birth_year,
                    village=village,
                    village_name=village.name if village else village_name[:200],
                    team_name=clean(values.get("team", ""))[:200],
                    note=clean(values.get("note", ""))[:NOTE_MAX],
                ),
            )
        )
    _plan_actions(report, accepted, actor)
    return report


def _plan_actions(report: ImportReport, accepted: list, actor: User | None) -> None:
    """Compare the accepted rows with what is stored: create, update or unchanged."""
    existing = _existing_members([key for key, _item in accepted])
    team_keys = {item.team_key for _key, item in accepted if item.team_name}
    teams = {
        (team.commune_id, team.name_folded): team
        for team in Team.objects.filter(
            commune_id__in={commune for commune, _name in team_keys},
            name_folded__in={name for _commune, name in team_keys},
        )
    }
    for key, item in accepted:
        item.team = teams.get(item.team_key) if item.team_name else None
        member = existing.get(key)
        if member is not None and not _may_manage(actor, member):
            report.error(
                item.row,
                "phone",
                _("Số điện thoại và họ tên này là của một đoàn viên ngoài phạm vi của bạn."),
            )
            continue
        if member is not None:
            item.existing = member
            item.changes = tuple(_changes(member, item))
            item.action = UPDATE if item.changes else UNCHANGED
        report.planned.append(item)


def _may_manage(actor: User | None, member: Volunteer) -> bool:
    if actor is None:
        return True
    return user_can_at(user=actor, action=Action.TEAM_MANAGE, path=member.area_path)


def _changes(member: Volunteer, item: PlannedMember) -> list[str]:
    """What the row changes. Empty cells keep what is stored."""
    changes = []
    if member.full_name != item.full_name:
        changes.append("full_name")
    if member.commune_id != item.commune.pk:
        changes.append("commune")
    if item.birth_year is not None and member.birth_year != item.birth_year:
        changes.append("birth_year")
    if item.village_name and (
        member.village_id != (item.village.pk if item.village else None)
        or fold(member.village_name) != fold(item.village_name)
    ):
        changes.append("village")
    if item.team_name and (item.team is None or member.team_id != item.team.pk):
        changes.append("team")
    if item.note and member.note != item.note:
        changes.append("note")
    if not member.is_active:
        changes.append("is_active")
    return changes


def members_link_villages(*, commune: Area) -> int:
    """Link the commune's members whose village was not in the tree when they were
    imported, now that it is. Returns how many were linked."""
    pending = list(
        Volunteer.objects.filter(commune=commune, village__isnull=True).exclude(village_name="")
    )
    if not pending:
        return 0
    index = VillageIndex()
    linked = []
    for member in pending:
        village = index.find(commune, member.village_name)
        if village is not None:
            member.village, member.area_path = village, village.path
            linked.append(member)
    Volunteer.objects.bulk_update(linked, ["village", "area_path", "updated_at"])
    return len(linked)


def _team_for(item: PlannedMember, created: dict[tuple[int, str], Team]) -> Team | None:
    if not item.team_name:
        return None
    if item.team is not None:
        return item.team
    if item.team_key not in created:
        created[item.team_key], _new = Team.objects.get_or_create(
            commune=item.commune,
            name_folded=item.team_key[1],
            defaults={"name": item.team_name, "area_path": item.commune.path},
        )
    return created[item.team_key]


@transaction.atomic
def apply_member_import(report: ImportReport) -> ImportReport:
    """Write a planned import in one transaction: pending villages first, then the teams
    named, then the members."""
    for commune in {item.commune.pk: item.commune for item in report.planned}.values():
        members_link_villages(commune=commune)
    created_teams: dict[tuple[int, str], Team] = {}
    to_create = []
    for item in report.planned:
        team = _team_for(item, created_teams)
        if item.action == CREATE:
            to_create.append(
                Volunteer(
                    full_name=item.full_name,
                    name_folded=fold(item.full_name),
                    birth_year=item.birth_year,
                    phone=item.phone,
                    commune=item.commune,
                    village=item.village,
                    village_name=item.village_name,
                    area_path=(item.village or item.commune).path,
                    team=team,
                    note=item.note,
                )
            )
        elif item.action == UPDATE:
            _update(Volunteer.objects.select_for_update().get(pk=item.existing.pk), item, team)
    Volunteer.objects.bulk_create(to_create)
    report.applied = True
    return report


def _update(member: Volunteer, item: PlannedMember, team: Team | None) -> None:
    member.full_name, member.name_folded = item.full_name, fold(item.full_name)
    member.is_active = True
    if member.commune_id != item.commune.pk:
        member.commune, member.village, member.village_name = item.commune, None, ""
    if item.birth_year is not None:
        member.birth_year = item.birth_year
    if item.village_name:
        member.village, member.village_name = item.village, item.village_name
    if team is not None:
        member.team = team
    if item.note:
        member.note = item.note
    member.area_path = (member.village or item.commune).path
    member.save()


def member_import(*, dry_run: bool = False, **arguments) -> ImportReport:
    """``plan_member_import(**arguments)``, applied unless ``dry_run``."""
    report = plan_member_import(**arguments)
    return report if dry_run else apply_member_import(report)


def member_template_xlsx(*, scope: Area) -> bytes:
    """An empty sheet to fill in: the header row and one example row. From a commune's
    page there is no commune column (the import implies it)."""
    village_name, commune_name = example_place(scope)
    headers = [
        "STT",
        "Họ và tên",
        "Năm sinh",
        "Số điện thoại",
        "Thôn/tổ dân phố",
        "Đội hình",
        "Ghi chú",
    ]
    example = [1, "Nguyễn Văn An", 2001, "0912 345 678", village_name, "Đội xung kích số 1", ""]
    if not implies_commune(scope):
        headers.insert(4, "Xã/phường")
        example.insert(4, commune_name)
    return template_workbook(title="Danh sách đoàn viên", headers=headers, example=example)
