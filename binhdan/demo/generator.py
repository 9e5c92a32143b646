"""A synthetic Hưng Yên for trying the product. Nothing here is real data.

The communes are the 104 real ones (from vietnam-provinces); the villages, users and
people are generated from a fixed seed so that every demo looks the same.
"""

import csv
import io
import random
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction

from binhdan.accounts.models import Role, User
from binhdan.accounts.services import role_grant
from binhdan.areas.models import Area
from binhdan.areas.village_import import village_import
from binhdan.demo.models import DemoDataset
from binhdan.demo.selectors import CACHE_KEY
from binhdan.people.services import person_register

SEED = 20251101
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
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MIDDLE = {"m": ["Văn", "Đức", "Minh", "Quang", "Hữu"], "f": ["Thị", "Thu", "Ngọc", "Thanh"]}
GIVEN = {
    "m": ["An", "Bình", "Dũng", "Hải", "Hùng", "Nam", "Phúc", "Quang", "Sơn", "Tuấn"],
    "f": ["Cúc", "Hà", "Hoa", "Lan", "Mai", "Oanh", "Tâm", "Thảo", "Yến", "Nga"],
}


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
    """Build the synthetic demo once. Returns ``(created, figures)``."""
    province = Area.objects.get(code=province_code, level=Area.Level.PROVINCE)
    if DemoDataset.objects.filter(province_code=province_code).exists():
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
    DemoDataset.objects.create(province_code=province_code, seed=SEED)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return True, {
        "villages": report.count("create"),
        "communes": len(communes),
        "people": people,
    }
