"""The planning calendar: a month of the sessions a user sees, and their next sessions."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils import timezone

from binhdan.accounts.models import User
from binhdan.classes.models import ClassSession, SessionKind, SessionPoint, SessionStatus
from binhdan.classes.planning.selectors import sessions_for_user

ONLINE_TOPICS_TARGET = 2  # the campaign: two online topics a month


def parse_month(value: str | None, *, today: dt.date | None = None) -> tuple[int, int]:
    """``"2026-11"`` → ``(2026, 11)``; anything else → the current local month."""
    today = today or timezone.localdate()
    try:
        year_text, month_text = (value or "").split("-", 1)
        year, month = int(year_text), int(month_text)
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return year, month
    except ValueError:
        pass
    return today.year, today.month


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of the 1st and of the 1st of the next month, as aware datetimes."""
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    sessions: list[ClassSession] = field(default_factory=list)


@dataclass
class MonthCalendar:
    year: int
    month: int
    weeks: list[list[CalendarDay]]
    sessions: list[ClassSession]
    online_topics: int
    target: int = ONLINE_TOPICS_TARGET

    @property
    def previous(self) -> str:
        return f"{self.year - (self.month == 1)}-{(self.month - 2) % 12 + 1:02d}"

    @property
    def next(self) -> str:
        return f"{self.year + (self.month == 12)}-{self.month % 12 + 1:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_calendar(*, user: User, year: int, month: int) -> MonthCalendar:
    start, end = month_bounds(year, month)
    sessions = list(
        sessions_for_user(user=user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(point_count=Count("points", distinct=True))
        .prefetch_related("topics")
    )
    by_day: dict[dt.date, list[ClassSession]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localdate(session.starts_at), []).append(session)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([CalendarDay(day, day.month == month, by_day.get(day, [])) for day in week])
    online_topics = {
        topic.pk
        for session in sessions
        if session.kind == SessionKind.ONLINE and session.status != SessionStatus.CANCELLED
        for topic in session.topics.all()
    }
    return MonthCalendar(year, month, weeks, sessions, len(online_topics))


def upcoming_sessions_for(*, user: User, limit: int = 5, now: dt.datetime | None = None):
    """The next sessions a user takes part in: as operator of one of its points, or in
    their scope (team leaders, officers). Ongoing sessions are included."""
    now = now or timezone.now()
    operated = SessionPoint.objects.filter(session=OuterRef("pk"), point__operators=user)
    sessions = (
        sessions_for_user(user=user)
        .filter(ends_at__gte=now)
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(mine=Exists(operated))
        .prefetch_related(
            Prefetch(
                "points",
                queryset=SessionPoint.objects.filter(point__operators=user).select_related("point"),
                to_attr="my_points",
            )
        )
        .order_by("-mine", "starts_at", "pk")
    )
    return list(sessions[:limit])
