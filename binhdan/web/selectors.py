"""Cross-app figures for the dashboard and the village page, until the reports app exists.

Each figure is one aggregate query inside the user's scope (``accounts.selectors``), asked
only when the user's roles may see it; the dashboard's numbers are cached for
``DASHBOARD_TTL`` seconds per user, so a check-in wave is not multiplied by every officer
who opens their dashboard. The running sessions are never cached.

This module sits above the apps (web is the shell), so it may read from all of them; the
apps never import it, except the area browser for its village page.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import User
from binhdan.accounts.permissions import Action
from binhdan.accounts.selectors import scope_q, user_can, user_can_anywhere
from binhdan.areas.models import Area
from binhdan.classes.models import BridgePoint, CheckIn, SessionPoint, SessionStatus
from binhdan.classes.planning.attendance import village_classes
from binhdan.classes.planning.calendar import month_bounds
from binhdan.classes.planning.selectors import sessions_for_user
from binhdan.learning.models import Certificate, QuizAttempt
from binhdan.people.selectors import people_for_user
from binhdan.scamcheck.models import ReportStatus
from binhdan.scamcheck.selectors import reports_for_moderator

DASHBOARD_TTL = 60  # seconds


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    url: str


def _month_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    today = timezone.localtime(now).date()
    return month_bounds(today.year, today.month)


def _day_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    today = timezone.localtime(now).date()
    start = dt.datetime(today.year, today.month, today.day, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


def _numbers(user: User, now: dt.datetime) -> dict[str, int]:
    """The raw numbers the user's roles may see: one aggregate query per group."""
    numbers: dict[str, int] = {}
    month_start, month_end = _month_bounds(now)
    this_month = Q(session__starts_at__gte=month_start, session__starts_at__lt=month_end)
    if user_can_anywhere(user=user, action=Action.SESSION_VIEW):
        numbers["sessions_month"] = (
            sessions_for_user(user=user)
            .filter(starts_at__gte=month_start, starts_at__lt=month_end)
            .exclude(status=SessionStatus.CANCELLED)
            .count()
        )
        in_scope = scope_q(user=user, action=Action.SESSION_VIEW, path_field="area_path")
        points = SessionPoint.objects.filter(in_scope, this_month).aggregate(
            opened=Count("pk", filter=Q(opened_at__isnull=False)),
            checkins=Sum("checkin_count"),
        )
        numbers["points_opened_month"] = points["opened"] or 0
        numbers["checkins_month"] = points["checkins"] or 0
        # A person checks in once per session; across sessions, distinct identity keys.
        numbers["people_month"] = (
            CheckIn.objects.filter(in_scope, this_month).aggregate(
                n=Count("identity_key", distinct=True)
            )["n"]
            or 0
        )
    day_start, day_end = _day_bounds(now)
    mine = BridgePoint.objects.filter(operators=user, is_active=True).aggregate(
        points=Count("pk", distinct=True),
        today=Count(
            "sessions__session",
            distinct=True,
            filter=Q(
                sessions__session__starts_at__gte=day_start,
                sessions__session__starts_at__lt=day_end,
            )
            & ~Q(sessions__session__status=SessionStatus.CANCELLED),
        ),
    )
    if mine["points"]:  # an operator: their points and today's sessions there
        numbers["my_points"] = mine["points"]
        numbers["my_sessions_today"] = mine["today"] or 0
    if user_can_anywhere(user=user, action=Action.PERSON_VIEW):
        numbers["people"] = people_for_user(user=user).count()
    elif user_can_anywhere(user=user, action=Action.PERSON_CREATE):
        numbers["people_mine"] = people_for_user(user=user).filter(created_by=user).count()
    if user_can_anywhere(user=user, action=Action.LEARNING_VIEW):
        numbers["certificates"] = Certificate.objects.filter(
            scope_q(user=user, action=Action.LEARNING_VIEW, path_field="area_path"),
            revoked_at__isnull=True,
        ).count()
    if user_can_anywhere(user=user, action=Action.SCAM_MODERATE):
        numbers["scam_pending"] = (
            reports_for_moderator(user=user).filter(status=ReportStatus.PENDING).count()
        )
    return numbers


def _labels() -> dict[str, tuple[str, str]]:
    """Figure key → (label, list URL)."""
    month = timezone.localdate().strftime("%Y-%m")
    calendar = reverse("classes:calendar") + f"?thang={month}"
    return {
        "sessions_month": (_("Buổi học trong tháng"), calendar),
        "points_opened_month": (
            _("Lượt điểm cầu đã mở trong tháng"),
            reverse("classes:points_home"),
        ),
        "checkins_month": (_("Lượt điểm danh trong tháng"), calendar),
        "people_month": (_("Người dân tham dự trong tháng (không trùng)"), calendar),
        "my_points": (_("Điểm cầu tôi vận hành"), reverse("console:home")),
        "my_sessions_today": (_("Buổi học hôm nay ở điểm cầu của tôi"), reverse("console:home")),
        "people": (_("Người dân đã ghi nhận"), reverse("people:list")),
        "people_mine": (_("Người dân tôi đã ghi nhận"), reverse("people:list")),
        "certificates": (_("Chứng nhận còn hiệu lực"), reverse("learning:staff_certificates")),
        "scam_pending": (_("Báo cáo lừa đảo chờ duyệt"), reverse("scamcheck:moderation")),
    }


def dashboard_figures(*, user: User, now: dt.datetime | None = None) -> list[Figure]:
    """The few numbers the user's roles need today, each linking to its list."""
    if not user.is_authenticated or not user.is_active:
        return []
    now = now or timezone.now()
    key = f"web:dashboard:{user.pk}:{timezone.localtime(now):%Y%m%d}"
    numbers = cache.get(key)
    if numbers is None:
        numbers = _numbers(user, now)
        cache.set(key, numbers, DASHBOARD_TTL)
    labels = _labels()
    return [
        Figure(name, labels[name][0], value, labels[name][1])
        for name, value in numbers.items()
        if name in labels
    ]


def sessions_running(*, user: User, limit: int = 5):
    """Sessions going on now whose live wall the user may open (the "Đang diễn ra" cards):
    the live wall's own rule, ``classes.selectors.sessions_live_for_user``."""
    if not user.is_authenticated:
        return []
    from binhdan.classes.checkin.selectors import sessions_live_for_user

    return list(sessions_live_for_user(user=user)[:limit])


# --- the village page ----------------------------------------------------------------------


def village_activity(*, user: User, village: Area) -> dict:
    """What happened in a village, as far as the user may see it.

    ``classes``: its bridge points, sessions held there, check-ins and people reached at
    them (``None`` without ``session.view`` there); ``people``: people living there the
    user may see (all of them with ``person.view``, else those they registered), with
    ``people_all`` telling which; ``learning``: quiz attempts, people who passed and valid
    certificates of the people living there (``None`` without ``learning.view``).
    """
    activity: dict = {
        "classes": village_classes(user=user, village=village),
        "people": None,
        "people_all": user_can(user=user, action=Action.PERSON_VIEW, area=village),
        "learning": None,
    }
    if activity["people_all"] or user_can(user=user, action=Action.PERSON_CREATE, area=village):
        people = people_for_user(user=user, village_code=village.code)
        if not activity["people_all"]:
            people = people.filter(created_by=user)
        activity["people"] = people.count()
    if user_can(user=user, action=Action.LEARNING_VIEW, area=village):
        attempts = QuizAttempt.objects.filter(
            person__village=village, submitted_at__isnull=False
        ).aggregate(
            attempts=Count("pk"),
            learners=Count("person_id", distinct=True),
            passed=Count("person_id", distinct=True, filter=Q(passed=True)),
        )
        certificates = Certificate.objects.filter(
            person__village=village, revoked_at__isnull=True
        ).count()
        activity["learning"] = {**attempts, "certificates": certificates}
    return activity
