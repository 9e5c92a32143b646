"""Importing bridge points (điểm cầu) from the spreadsheets communes send.

Built on the import pipeline (``binhdan.imports``) like the village import: the header row
is found by its column names, communes are matched by name or code, villages by their name
within the commune; every row is planned (create / update / unchanged / error) and the plan
is applied in one transaction. A re-run creates nothing twice: a point is found again by its
village and its name.

An operator is named by phone or username and looked up only among the users inside the
importer's scope (``_operator_candidates``): anyone else reads as an unknown operator, so
an import cannot probe who has an account elsewhere nor link a stranger to a point.
"""

import contextlib
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from binhdan.accounts.models import RoleGrant, User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_paths, scope_q, user_can
from binhdan.areas.models import Area
from binhdan.classes.models import BridgePoint
from binhdan.classes.planning.points import new_checkin_code, village_point_name
from binhdan.core.errors import InvalidInput
from binhdan.core.sheet_templates import template_workbook
from binhdan.core.text import clean, fold
from binhdan.imports.columns import VILLAGE, Column, commune_columns, read_sheet
from binhdan.imports.matchers import (
    CommuneMatcher,
    VillageIndex,
    example_place,
    find_communes,
    implies_commune,
)
from binhdan.imports.report import CREATE, UNCHANGED, UPDATE, ImportReport
from binhdan.people.identity import normalize_phone

COLUMNS = [
    Column("name", ("tên điểm cầu", "điểm cầu", "tên điểm", "tên", "name")),
    Column("address", ("địa chỉ", "địa điểm", "address")),
    Column("capacity", ("sức chứa", "sức chứa (người)", "số chỗ", "số người", "capacity")),
    Column(
        "operator",
        ("người vận hành", "người phụ trách", "vận hành", "sđt người vận hành", "operator"),
    ),
    Column("screen", ("màn hình", "màn hình/tv", "tv", "ti vi", "screen")),
    Column("sound", ("âm thanh", "loa", "loa/âm thanh", "sound")),
    Column("connection", ("kết nối", "internet", "kết nối internet", "mạng", "wifi", "connection")),
]
YES = {"co", "x", "yes", "y", "1", "true", "dat", "du", "tot", "on", "san sang", "v"}
NO = {"khong", "k", "no", "n", "0", "false", "chua", "chua co", "-", "thieu"}
_NUMBER = re.compile(r"^\d+(\.0+)?$")
FLAGS = {"screen": "has_screen", "sound": "has_sound", "connection": "has_connection"}


def parse_yes_no(raw: str) -> bool | None:
    """``True``/``False`` for "có"/"không"/"x"…; ``None`` for an empty cell; else ValueError."""
    value = fold(raw).rstrip(".!")
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(raw)


@dataclass
class PlannedPoint:
    row: int
    village: Area
    name: str
    action: str  # create | update | unchanged
    values: dict = field(default_factory=dict)
    operators: list[User] = field(default_factory=list)
    existing: BridgePoint | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def commune(self) -> Area:
        return self.village.parent


def _operator_candidates(actor: User | None):
    """Users ``actor`` may name as operators: those whose every grant lies inside the
    actor's ``session.manage`` scope, and the actor. Without an actor (the command line,
    run by whoever holds the server) every active user."""
    users = User.objects.filter(is_active=True)
    if actor is None or scope_paths(user=actor, action=Action.SESSION_MANAGE) is None:
        return users
    inside = scope_q(user=actor, action=Action.SESSION_MANAGE, path_field="area__path")
    granted = RoleGrant.objects.filter(inside).values("user_id")
    elsewhere = RoleGrant.objects.exclude(inside).values("user_id")
    return users.filter((Q(pk__in=granted) & ~Q(pk__in=elsewhere)) | Q(pk=actor.pk))


def _find_operator(raw: str, candidates) -> User | None:
    """The one candidate whose username or phone is ``raw``; ``None`` if none or several."""
    value = clean(raw)
    if not value:
        return None
    query = Q(username__iexact=value)
    with contextlib.suppress(InvalidInput):
        query |= Q(phone=normalize_phone(value))
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 9:
        query |= Q(phone=digits) | Q(phone=value)
    found = list(candidates.filter(query)[:2])
    return found[0] if len(found) == 1 else None


def plan_point_import(
    *, data: bytes, filename: str, scope: Area | None = None, actor: User | None = None
) -> ImportReport:
    """Read a file and decide, row by row, what the import would do. Writes nothing."""
    columns = [*commune_columns(needed=not implies_commune(scope)), VILLAGE.needed(), *COLUMNS]
    report = ImportReport(table=read_sheet(data, filename, columns))
    rows = report.table.rows
    implied = scope if implies_commune(scope) else None
    communes = find_communes(rows, CommuneMatcher.within(scope), implied=implied)
    villages = VillageIndex()
    operator_candidates = _operator_candidates(actor)
    seen: dict[tuple[int, str], int] = {}
    existing_by_village: dict[int, dict[str, BridgePoint]] = {}

    for row, found in zip(rows, communes, strict=True):
        values = row.values
        commune = found.commune
        if commune is None:
            report.error(row.number, found.field, found.reason)
            continue
        if implied is not None and commune.pk != implied.pk:
            report.error(row.number, found.field, _("Xã/phường ngoài phạm vi nhập."))
            continue
        if actor is not None and not user_can(
            user=actor, action=Action.SESSION_MANAGE, area=commune
        ):
            report.error(
                row.number,
                found.field,
                _("Bạn không có quyền quản lý điểm cầu của %(name)s.") % {"name": commune.name},
            )
            continue
        raw_village = clean(values.get("village", ""))
        if not raw_village:
            report.error(row.number, "village", _("Thiếu tên thôn/tổ dân phố."))
            continue
        village = villages.find(commune, raw_village)
        if village is None:
            report.error(
                row.number,
                "village",
                _("Không tìm thấy “%(village)s” trong %(commune)s. Hãy nhập thôn trước.")
                % {"village": raw_village, "commune": commune.name},
            )
            continue
        name = clean(values.get("name", "")) or village_point_name(village)
        if len(name) > 200:
            report.error(row.number, "name", _("Tên điểm cầu quá dài."))
            continue
        key = (village.pk, fold(name))
        if key in seen:
            report.error(
                row.number,
                "name",
                _("Trùng với dòng %(row)s (cùng thôn, cùng tên điểm cầu): bỏ qua.")
                % {"row": seen[key]},
            )
            continue

        parsed: dict = {}
        bad = ""
        for column, attribute in FLAGS.items():
            try:
                flag = parse_yes_no(values.get(column, ""))
            except ValueError:
                bad = column
                break
            if flag is not None:
                parsed[attribute] = flag
        if bad:
            report.error(
                row.number,
                bad,
                _("Cột %(col)s chỉ nhận “có”, “không” hoặc “x” (đang ghi “%(value)s”).")
                % {"col": report.table.label(bad), "value": values.get(bad, "")},
            )
            continue
        capacity_text = clean(values.get("capacity", ""))
        if capacity_text:
            if not _NUMBER.match(capacity_text) or not 0 < int(float(capacity_text)) <= 100_000:
                report.error(
                    row.number,
                    "capacity",
                    _("Sức chứa phải là một số người (đang ghi “%(value)s”).")
                    % {"value": capacity_text},
                )
                continue
            parsed["capacity"] = int(float(capacity_text))
        address = clean(values.get("address", ""))
        if address:
            parsed["address"] = address[:300]
        if found.note:
            report.warn(row.number, found.field, found.note)
        operators: list[User] = []
        operator_text = clean(values.get("operator", ""))
        if operator_text:
            operator = _find_operator(operator_text, operator_candidates)
            if operator is None:
                report.warn(
                    row.number,
                    "operator",
                    _(
                        "Không tìm thấy tài khoản người vận hành “%(value)s” (số điện "
                        "thoại hoặc tên đăng nhập): điểm cầu vẫn được nhập, chưa gán "
                        "người vận hành."
                    )
                    % {"value": operator_text},
                )
            else:
                operators.append(operator)
        seen[key] = row.number

        if village.pk not in existing_by_village:
            existing_by_village[village.pk] = {
                fold(p.name): p for p in BridgePoint.objects.filter(village=village)
            }
        existing = existing_by_village[village.pk].get(fold(name))
        if existing is None:
            action, changes = CREATE, []
        else:
            changes = [k for k, v in parsed.items() if getattr(existing, k) != v]
            if operators and not existing.operators.filter(pk=operators[0].pk).exists():
                changes.append("operators")
            action = UPDATE if changes else UNCHANGED
        report.planned.append(
            PlannedPoint(
                row=row.number,
                village=village,
                name=existing.name if existing else name,
                action=action,
                values=parsed,
                operators=operators,
                existing=existing,
                changes=changes,
            )
        )
    return report


@transaction.atomic
def apply_point_import(report: ImportReport) -> ImportReport:
    """Write a planned import in one transaction."""
    for item in report.planned:
        if item.action == CREATE:
            point = BridgePoint(
                village=item.village,
                area_path=item.village.path,
                name=item.name,
                self_checkin_code=new_checkin_code(),
                **item.values,
            )
            point.save()
            if item.operators:
                point.operators.add(*item.operators)
        elif item.action == UPDATE:
            point = BridgePoint.objects.select_for_update().get(pk=item.existing.pk)
            for attribute, value in item.values.items():
                setattr(point, attribute, value)
            point.save()
            if item.operators:
                point.operators.add(*item.operators)
    report.applied = True
    return report


def point_import(*, dry_run: bool = False, **arguments) -> ImportReport:
    """``plan_point_import(**arguments)``, applied unless ``dry_run``."""
    report = plan_point_import(**arguments)
    return report if dry_run else apply_point_import(report)


def point_template_xlsx(*, scope: Area) -> bytes:
    """An empty sheet to fill in: the header row and one example row (a real village of
    the scope when it has one). From a commune's page there is no commune column."""
    village_name, commune_name = example_place(scope)
    headers = [
        "Thôn/tổ dân phố",
        "Tên điểm cầu",
        "Địa chỉ",
        "Sức chứa",
        "Người vận hành",
        "Màn hình",
        "Âm thanh",
        "Kết nối",
    ]
    example = [
        village_name,
        f"Nhà văn hóa {village_name}",
        f"Nhà văn hóa {village_name}, {commune_name}",
        80,
        "0912345678",
        "có",
        "có",
        "không",
    ]
    if not implies_commune(scope):
        headers, example = ["Xã/phường", *headers], [commune_name, *example]
    return template_workbook(title="Danh sách điểm cầu", headers=headers, example=example)
