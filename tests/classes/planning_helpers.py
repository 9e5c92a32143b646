"""Shared helpers of the planning tests (sessions, points, calendar, exports, imports)."""

import datetime as dt

from django.utils import timezone

from binhdan.classes.models import SessionKind
from binhdan.classes.planning.services import SessionData
from tests.classes.factories import BridgePointFactory


def local(year, month, day, hour=14, minute=0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def session_data(area, **overrides) -> SessionData:
    """An online session tomorrow 14:00–16:00 local time, organised by ``area``."""
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts = local(tomorrow.year, tomorrow.month, tomorrow.day)
    values = {
        "kind": SessionKind.ONLINE,
        "title": "Nhận diện lừa đảo trực tuyến",
        "area": area,
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=2),
        "stream_url": "https://video.example.vn/live/1",
    }
    values.update(overrides)
    return SessionData(**values)


def point(village, **kwargs):
    return BridgePointFactory(village=village, **kwargs)
