"""Session reminders: the day-before and hour-before messages to the operators of a
session's points and the team leaders whose area holds one of them."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdan.accounts.models import Role, RoleGrant, User
from binhdan.areas.paths import ancestor_paths
from binhdan.classes.models import BridgePoint, ClassSession, SessionStatus
from binhdan.notifications.models import Channel
from binhdan.notifications.services import message_queue

REMINDER_KINDS = {
    "day_before": dt.timedelta(days=1),
    "hour_before": dt.timedelta(hours=1),
}


def reminder_prefix(session: ClassSession) -> str:
    """The start of every reminder's dedupe key for this session (to cancel them)."""
    return f"session-reminder:{session.pk}:"


def _concerned(session: ClassSession) -> dict[int, tuple[User, list[BridgePoint]]]:
    """Operators of the session's points and team leaders whose area holds one of them."""
    points = list(
        BridgePoint.objects.filter(sessions__session=session).prefetch_related("operators")
    )
    people: dict[int, tuple[User, list[BridgePoint]]] = {}
    for point in points:
        for operator in point.operators.all():
            if operator.is_active:
                people.setdefault(operator.pk, (operator, []))[1].append(point)
    paths = [p.area_path for p in points] or [session.area_path]
    # A team leader is concerned when their area holds a point (an ancestor path of it) or
    # lies inside the session's area with no point listed yet.
    ancestors = {ancestor for path in paths for ancestor in ancestor_paths(path)}
    grants = RoleGrant.objects.filter(
        Q(area__path__in=ancestors) | Q(area__path__startswith=session.area_path),
        role=Role.TEAM_LEADER,
        user__is_active=True,
    ).select_related("user", "area")
    for grant in grants:
        mine = [p for p in points if p.area_path.startswith(grant.area.path)]
        if mine or any(grant.area.path.startswith(path) for path in paths):
            people.setdefault(grant.user.pk, (grant.user, []))[1].extend(mine)
    return people


def _channel_for(user: User) -> tuple[str, str] | None:
    if user.email and not user.email.endswith(".invalid"):
        return Channel.EMAIL, user.email
    if user.phone:
        return Channel.SMS, user.phone
    return None


def _reminder_text(session: ClassSession, kind: str, points: list[BridgePoint]) -> tuple[str, str]:
    local = timezone.localtime(session.starts_at)
    when = local.strftime("%H:%M ngày %d/%m/%Y")
    lead = _("Ngày mai") if kind == "day_before" else _("Sau 1 giờ nữa")
    subject = _("Nhắc lịch: %(title)s lúc %(when)s") % {"title": session.title, "when": when}
    lines = [
        _("%(lead)s có buổi học “%(title)s”, bắt đầu lúc %(when)s.")
        % {"lead": lead, "title": session.title, "when": when}
    ]
    if points:
        names = ", ".join(sorted({p.name for p in points}))
        lines.append(_("Điểm cầu của bạn: %(names)s.") % {"names": names})
        lines.append(
            _("Hãy bật màn hình, loa, kiểm tra kết nối và mở điểm cầu trước giờ học 15 phút.")
        )
    if session.stream_url:
        lines.append(_("Link phát trực tuyến: %(url)s") % {"url": session.stream_url})
    if session.venue:
        lines.append(_("Địa điểm: %(venue)s") % {"venue": session.venue})
    return subject, "\n".join(lines)


def session_reminders_queue(*, session: ClassSession, now: dt.datetime | None = None) -> int:
    """Queue the day-before and hour-before reminders for everyone concerned, once each.

    The dedupe key is (session, user, kind, start time): calling this again queues nothing
    twice, and a session moved to another time gets fresh reminders. A
    reminder whose time has passed is not queued, except the hour-before one while the
    session has not started. Returns how many messages were newly queued.
    """
    now = now or timezone.now()
    session.refresh_from_db(fields=["status", "starts_at"])
    if session.status == SessionStatus.CANCELLED or session.starts_at <= now:
        return 0
    queued = 0
    for user, points in _concerned(session).values():
        channel = _channel_for(user)
        if channel is None:
            continue
        for kind, before in REMINDER_KINDS.items():
            send_after = session.starts_at - before
            if send_after <= now and kind != "hour_before":
                continue
            subject, body = _reminder_text(session, kind, points)
            stamp = session.starts_at.strftime("%Y%m%d%H%M")
            _message, created = message_queue(
                channel=channel[0],
                recipient=channel[1],
                subject=subject,
                body=body,
                send_after=max(send_after, now),
                dedupe_key=f"{reminder_prefix(session)}{user.pk}:{kind}:{stamp}",
            )
            queued += created
    return queued
