"""A synthetic Hưng Yên for trying the product. Nothing here is real data.

The communes are the 104 real ones (from vietnam-provinces); the villages, users, people,
volunteer teams, members and their visits are generated from a fixed seed so that every
demo looks the same.
"""

import csv
import datetime as dt
import io
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from binhdan.accounts.models import Role, User
from binhdan.accounts.services import role_grant
from binhdan.areas.models import Area
from binhdan.areas.paths import is_within
from binhdan.classes.checkin.services import (
    CheckInItem,
    checkins_record,
    headcount_record,
    point_close,
    point_open,
)
from binhdan.classes.models import (
    BridgePoint,
    CheckInMethod,
    ClassSession,
    SessionKind,
    SessionPoint,
)
from binhdan.classes.planning.points import points_bulk_per_village
from binhdan.classes.planning.services import SessionData, session_create
from binhdan.curriculum.models import Topic
from binhdan.demo.models import DemoDataset
from binhdan.demo.selectors import CACHE_KEY
from binhdan.demo.synthetic import DEMO_NAMESPACE, GIVEN, MIDDLE, SEED, SURNAMES
from binhdan.demo.volunteers_demo import seed_volunteers_demo
from binhdan.imports.villages import village_import
from binhdan.people.models import Person
from binhdan.people.services import person_register

DEMO_PASSWORD = "hocvuso-demo"  # noqa: S105 (printed for the synthetic demo only)

# Stems for invented village names. Synthetic: any match with a real village is chance.
VILLAGE_STEMS = [
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Đoài",
    "An Lạc",
    "Phú Mỹ",
    "Bình Minh",
    "Tân Tiến",
    "Hòa Bình",
    "Đồng Tâm",
    "Quyết Thắng",
    "Thắng Lợi",
    "Hồng Phong",
    "Việt Hưng",
    "Cộng Hòa",
    "Đại Đồng",
    "Phúc Lâm",
    "An Vĩnh",
    "Kim Lũ",
    "Thanh Xá",
    "Mỹ Xá",
    "Lạc Dục",
    "Yên Phú",
    "Vân Nội",
    "Đào Xá",
    "Hải Yến",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    area: str


def _village_rows(province: Area, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Danh sách thôn, tổ dân phố (DỮ LIỆU MINH HỌA, TỔNG HỢP)"])
    writer.writerow(["STT", "Mã xã", "Tên thôn/tổ dân phố"])
    number = 0
    for commune in Area.objects.filter(parent=province).order_by("code"):
        count = rng.randint(10, 20)
        if commune.kind == "phường":
            names = [f"Tổ dân phố số {i}" for i in range(1, count + 1)]
        else:
            names = [f"Thôn {stem}" for stem in rng.sample(VILLAGE_STEMS, count)]
        for name in names:
            number += 1
            writer.writerow([number, commune.code, name])
    return out.getvalue().encode("utf-8")


def _user(username: str, full_name: str, *, superuser: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "email": f"{username}@demo.invalid"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = superuser
        user.save()
    return user


def _people(villages: list[Area], rng: random.Random, count: int) -> int:
    created = 0
    for index in range(count):
        sex = rng.choice("mf")
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
        birth_year = rng.choice([rng.randint(1940, 1965), rng.randint(1966, 2007)])
        vulnerable = rng.random() < 0.08
        phone = f"0900{index:06d}" if rng.random() < 0.6 else ""
        _person, was_created = person_register(
            actor=None,
            village=rng.choice(villages),
            full_name=name,
            birth_year=birth_year,
            phone=phone,
            has_disability=vulnerable and rng.random() < 0.5,
            household_status="poor" if vulnerable else "",
            sensitive_consent=vulnerable,
        )
        created += was_created
    return created


def demo_logins() -> list[DemoLogin]:
    logins = [DemoLogin("admin", "superuser", "toàn quốc")]
    for user in User.objects.filter(email__endswith="@demo.invalid").exclude(username="admin"):
        for grant in user.grants.select_related("area"):
            logins.append(DemoLogin(user.username, grant.get_role_display(), grant.area.name))
    return logins


@transaction.atomic
def seed_demo(*, province_code: str = "33") -> tuple[bool, dict]:
    """Build the synthetic demo once. Returns ``(created, figures)``.

    Refused with ``BINHDAN_ENV=production``: the demo creates a superuser whose password
    is published in the README.
    """
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "seed_demo refuses to run with BINHDAN_ENV=production: it creates a superuser "
            "with a published password."
        )
    province = Area.objects.get(code=province_code, level=Area.Level.PROVINCE)
    if DemoDataset.objects.filter(province_code=province_code).exists():
        # A demo loaded before classes or teams existed gets them now (once).
        seed_classes_demo(province=province)
        seed_volunteers_demo(province=province)
        return False, {}
    rng = random.Random(SEED)
    report = village_import(
        data=_village_rows(province, rng), filename="demo-villages.csv", scope=province
    )
    communes = list(Area.objects.filter(parent=province).order_by("code"))
    ward = next(c for c in communes if c.kind == "phường")
    rural = next(c for c in communes if c.kind == "xã")
    ward_village = Area.objects.filter(parent=ward).order_by("path").first()
    rural_village = Area.objects.filter(parent=rural).order_by("path").first()

    _user("admin", "Quản trị hệ thống (minh họa)", superuser=True)
    grants = [
        ("tinhdoan", "Cán bộ Tỉnh đoàn (minh họa)", Role.PROVINCE_ADMIN, province),
        ("doanxa", f"Bí thư Đoàn {rural.name} (minh họa)", Role.COMMUNE_OFFICER, rural),
        ("doanphuong", f"Bí thư Đoàn {ward.name} (minh họa)", Role.COMMUNE_OFFICER, ward),
        ("diemcau", "Người vận hành điểm cầu (minh họa)", Role.OPERATOR, rural_village),
        ("doitruong", "Đội trưởng đội hình (minh họa)", Role.TEAM_LEADER, rural),
        ("tinhnguyen", "Đoàn viên tình nguyện (minh họa)", Role.VOLUNTEER, ward_village),
        ("giangvien", "Giảng viên (minh họa)", Role.INSTRUCTOR, province),
    ]
    for username, full_name, role, area in grants:
        role_grant(actor=None, user=_user(username, full_name), area=area, role=role)

    villages = list(Area.objects.filter(parent__in=[ward, rural]))
    people = _people(villages, rng, count=300)
    seed_classes_demo(province=province)
    volunteers = seed_volunteers_demo(province=province)
    DemoDataset.objects.create(province_code=province_code, seed=SEED)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return True, {
        "villages": report.count("create"),
        "communes": len(communes),
        "people": people,
        **volunteers,
    }


# --- classes: bridge points, sessions, check-ins (all synthetic) ---------------------------

DEMO_SESSION_MARK = "(minh họa)"
DEMO_STREAM_URL = "https://video.example.com/binh-dan-hoc-vu-so/truc-tuyen"  # not a real stream
CLASSES_SEED = SEED + 57


def _local(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _demo_sessions(province: Area):
    return ClassSession.objects.filter(
        area_path__startswith=province.path, title__endswith=DEMO_SESSION_MARK
    )


def seed_classes_demo(*, province: Area) -> dict:
    """SYNTHETIC classes for the demo: one bridge point per village of four communes,
    `diemcau` operating three of them, an online session today 14:00–16:00, an in-person
    class next week and last month's online session with synthetic check-ins and
    headcounts. Runs once (it looks for its own sessions first)."""
    if _demo_sessions(province).exists():
        return {}
    rng = random.Random(CLASSES_SEED)
    communes = list(Area.objects.filter(parent=province).order_by("code"))
    ward = next(c for c in communes if c.kind == "phường")
    rural = next(c for c in communes if c.kind == "xã")
    others = [c for c in communes if c.kind == "xã" and c.pk != rural.pk][:2]
    chosen = [rural, ward, *others]

    points: list[BridgePoint] = []
    for commune in chosen:
        points += points_bulk_per_village(actor=None, area=commune).created
    for point in points:
        point.has_screen = rng.random() < 0.9
        point.has_sound = rng.random() < 0.9
        point.has_connection = rng.random() < 0.85
        point.capacity = rng.choice([40, 60, 80, 100, 150])
    BridgePoint.objects.bulk_update(
        points, ["has_screen", "has_sound", "has_connection", "capacity"]
    )
    operator = User.objects.filter(username="diemcau").first()
    if operator is not None:
        grant = operator.grants.filter(role=Role.OPERATOR).select_related("area").first()
        home = grant.area.path if grant else rural.path
        mine = sorted(points, key=lambda p: (not is_within(p.area_path, [home]), p.area_path))[:3]
        for point in mine:
            point.operators.add(operator)
    topics = list(Topic.objects.order_by("order", "pk")[:4])

    today = timezone.localdate()
    online_today = session_create(
        actor=None,
        data=SessionData(
            kind=SessionKind.ONLINE,
            title=f"Nhận diện và phòng tránh lừa đảo trực tuyến {DEMO_SESSION_MARK}",
            area=province,
            starts_at=_local(today, 14),
            ends_at=_local(today, 16),
            stream_url=DEMO_STREAM_URL,
            audience="Người dân, ưu tiên người cao tuổi",
            description="Buổi học minh họa: dữ liệu tổng hợp, không phải buổi học thật.",
            topics=topics[:1],
        ),
    )
    rural_village = Area.objects.filter(parent=rural).order_by("path").first()
    next_week = today + dt.timedelta(days=7)
    session_create(
        actor=None,
        data=SessionData(
            kind=SessionKind.IN_PERSON,
            title=f"Cài đặt và kích hoạt VNeID mức 2 {DEMO_SESSION_MARK}",
            area=rural_village,
            starts_at=_local(next_week, 8),
            ends_at=_local(next_week, 10),
            venue=f"Nhà văn hóa {rural_village.name}",
            audience="Người dân chưa kích hoạt VNeID",
            topics=topics[1:2],
        ),
    )
    last_month_day = today.replace(day=1) - dt.timedelta(days=16)
    past = session_create(
        actor=None,
        data=SessionData(
            kind=SessionKind.ONLINE,
            title=f"Dịch vụ công trực tuyến cho người dân {DEMO_SESSION_MARK}",
            area=province,
            starts_at=_local(last_month_day, 14),
            ends_at=_local(last_month_day, 16),
            stream_url=DEMO_STREAM_URL,
            topics=topics[2:4],
        ),
    )
    checkins = _demo_attendance(session=past, rng=rng)
    return {
        "points": len(points),
        "sessions": _demo_sessions(province).count(),
        "checkins": checkins,
        "online_points": online_today.points.count(),
    }


def _demo_attendance(*, session: ClassSession, rng: random.Random) -> int:
    """Synthetic check-ins of the demo people at their village's point, and headcounts."""
    by_village = {
        sp.point.village_id: sp
        for sp in SessionPoint.objects.filter(session=session).select_related("point", "session")
    }
    items: dict[int, list[CheckInItem]] = {}
    people = Person.objects.filter(village_id__in=by_village).select_related("village")
    for person in people.order_by("pk"):
        if rng.random() > 0.8:
            continue
        sp = by_village[person.village_id]
        items.setdefault(sp.pk, []).append(
            CheckInItem(
                client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"{session.pk}:{person.pk}"),
                method=CheckInMethod.PHONE if person.phone else CheckInMethod.NAME,
                checked_in_at=session.starts_at + dt.timedelta(minutes=rng.randint(-20, 30)),
                phone=person.phone,
                full_name=person.full_name,
                birth_year=person.birth_year,
                village_code=person.village.code,
            )
        )
    created = 0
    for sp in by_village.values():
        results = checkins_record(actor=None, session_point=sp, items=items.get(sp.pk, []))
        created += sum(1 for r in results if r.status == "created")
        point_open(actor=None, session_point=sp, at=session.starts_at - dt.timedelta(minutes=15))
        if rng.random() < 0.75:
            headcount_record(
                actor=None,
                session_point=sp,
                count=sp.checkin_count + rng.randint(0, 25),
                counted_at=session.starts_at + dt.timedelta(minutes=45),
                client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"headcount:{sp.pk}"),
            )
        point_close(actor=None, session_point=sp, at=session.ends_at)
    return created
