"""SYNTHETIC volunteer teams, members and a month of support visits for the demo."""

import datetime as dt
import random
import uuid

from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.areas.models import Area
from binhdan.demo.synthetic import DEMO_NAMESPACE, GIVEN, MIDDLE, SEED, SURNAMES
from binhdan.people.models import ELDERLY_AGE, Person
from binhdan.volunteers.models import (
    ServiceKind,
    SupportVisit,
    Team,
    TodoItem,
    TodoSource,
    VisitOutcome,
)
from binhdan.volunteers.services import member_add, team_create, team_set_leader
from binhdan.volunteers.visits import VisitItem, visits_record

DEMO_TEAM_MARK = "(minh họa)"
VOLUNTEERS_SEED = SEED + 13
TEAMS_PER_COMMUNE = 3
MEMBERS_PER_TEAM = 8
VISIT_DAYS = 30
DEMO_TODO_NOTE = "Danh sách hộ cần hỗ trợ của xã (minh họa)"
VISIT_NOTES = {
    VisitOutcome.DONE: "",
    VisitOutcome.PARTLY: "Đã cài ứng dụng, hẹn hướng dẫn thanh toán (minh họa)",
    VisitOutcome.FOLLOW_UP: "Chưa có căn cước gắn chip, hẹn quay lại (minh họa)",
}


def _demo_teams(province: Area):
    return Team.objects.filter(area_path__startswith=province.path, name__endswith=DEMO_TEAM_MARK)


def seed_volunteers_demo(*, province: Area) -> dict:
    """SYNTHETIC volunteer teams for the demo's two communes with people: three teams each
    (the villages shared out), eight members per team, `doitruong` leading the first team of
    the rural commune, `tinhnguyen` a member of the ward's team covering their village, a
    month of support visits to the demo people through the visit service, and a few
    "households to visit" items. Runs once (it looks for its own teams first)."""
    if _demo_teams(province).exists():
        return {}
    rng = random.Random(VOLUNTEERS_SEED)
    communes = list(Area.objects.filter(parent=province).order_by("code"))
    ward = next(c for c in communes if c.kind == "phường")
    rural = next(c for c in communes if c.kind == "xã")
    leader_login = User.objects.filter(username="doitruong").first()
    volunteer_login = User.objects.filter(username="tinhnguyen").first()
    volunteer_grant = volunteer_login.grants.first() if volunteer_login else None
    volunteer_grant_area = volunteer_grant.area_id if volunteer_grant else None
    kinds = list(ServiceKind.objects.filter(is_active=True).values_list("code", flat=True))
    now = timezone.now()
    figures = {"teams": 0, "members": 0, "visits": 0}
    phone = 0
    for commune in (rural, ward):
        villages = list(Area.objects.filter(parent=commune).order_by("path"))
        for number in range(TEAMS_PER_COMMUNE):
            covered = villages[number::TEAMS_PER_COMMUNE]
            team = team_create(
                actor=None,
                commune=commune,
                name=f"Đội hình thanh niên xung kích số {number + 1} {DEMO_TEAM_MARK}",
                villages=covered,
            )
            members = []
            for index in range(MEMBERS_PER_TEAM):
                user = None
                if index == 0 and number == 0 and commune == rural:
                    user = leader_login
                elif index == 1 and any(v.pk == volunteer_grant_area for v in covered):
                    user = volunteer_login
                sex = rng.choice("mf")
                phone += 1
                members.append(
                    member_add(
                        actor=None,
                        team=team,
                        full_name=(
                            f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} "
                            f"{rng.choice(GIVEN[sex])}"
                        ),
                        birth_year=rng.randint(1990, 2007),
                        phone=f"0390{phone:06d}",
                        village=rng.choice(covered) if covered else None,
                        note="Đoàn viên minh họa (dữ liệu tổng hợp)",
                        user=user,
                    )
                )
            team_set_leader(actor=None, team=team, member=members[0])
            figures["teams"] += 1
            figures["members"] += len(members)
            figures["visits"] += _demo_visits(team, members, kinds, rng, now)
    return figures


def _demo_visits(team: Team, members: list, kinds: list[str], rng: random.Random, now) -> int:
    """About one visit a day for a month to people of the team's villages, then a few
    elderly people nobody has visited yet as the commune's "households to visit"."""
    people = list(
        Person.objects.filter(village__in=team.villages.all())
        .order_by("pk")
        .values_list("pk", "birth_year")
    )
    if not people:
        return 0
    outcomes = [VisitOutcome.DONE] * 14 + [VisitOutcome.PARTLY] * 3 + [VisitOutcome.FOLLOW_UP] * 3
    by_member: dict[int, list[VisitItem]] = {}
    for day in range(VISIT_DAYS, 0, -1):
        for nth in range(rng.choice([0, 1, 1, 2])):
            member = rng.choice(members)
            outcome = rng.choice(outcomes)
            at = now - dt.timedelta(days=day, hours=rng.randint(1, 10))
            by_member.setdefault(member.pk, []).append(
                VisitItem(
                    client_uuid=uuid.uuid5(DEMO_NAMESPACE, f"visit:{team.pk}:{day}:{nth}"),
                    visited_at=at,
                    outcome=outcome,
                    person_id=rng.choice(people)[0],
                    service_kinds=rng.sample(kinds, rng.choice([1, 1, 2])),
                    note=VISIT_NOTES[outcome],
                )
            )
    stored = 0
    for member in members:
        items = by_member.get(member.pk)
        if items:
            results = visits_record(member=member, actor=member.user, items=items)
            stored += sum(1 for r in results if r.status == "created")
    visited = set(SupportVisit.objects.filter(team=team).values_list("person_id", flat=True))
    elderly = [
        pk for pk, year in people if pk not in visited and year and year <= now.year - ELDERLY_AGE
    ]
    TodoItem.objects.bulk_create(
        [
            TodoItem(team=team, person_id=pk, source=TodoSource.IMPORTED, note=DEMO_TODO_NOTE)
            for pk in elderly[:3]
        ],
        ignore_conflicts=True,
    )
    return stored
