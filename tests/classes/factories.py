"""Factories for class sessions, bridge points and check-ins.

``village`` defaults to a fresh province/commune/village chain; pass ``village=tree.village``
(the ``tree`` fixture) to place a point in a known commune.
"""

import datetime as dt
import secrets
import uuid

import factory
from django.db.models import F
from django.utils import timezone

from binhdan.areas.models import Area
from binhdan.classes.models import (
    BridgePoint,
    CheckIn,
    CheckInMethod,
    ClassSession,
    SessionKind,
    SessionPoint,
)
from binhdan.people.identity import identity_key
from tests.areas.factories import AreaFactory


def _village() -> Area:
    province = AreaFactory()
    commune = AreaFactory(level=Area.Level.COMMUNE, parent=province, kind="xã")
    return AreaFactory(
        level=Area.Level.VILLAGE, parent=commune, code=f"{commune.code}-0001", kind="thôn"
    )


class ClassSessionFactory(factory.django.DjangoModelFactory):
    """An online session live now (started 10 minutes ago, ends in 80 minutes)."""

    class Meta:
        model = ClassSession

    kind = SessionKind.ONLINE
    title = factory.Sequence(lambda n: f"Buổi học số {n}")
    area = factory.LazyFunction(lambda: _village().parent)
    area_path = factory.LazyAttribute(lambda o: o.area.path)
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(minutes=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(minutes=90))


class BridgePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BridgePoint
        skip_postgeneration_save = True

    village = factory.LazyFunction(_village)
    area_path = factory.LazyAttribute(lambda o: o.village.path)
    name = factory.Sequence(lambda n: f"Điểm cầu Nhà văn hóa {n}")
    address = "Nhà văn hóa thôn"
    has_screen = True
    has_sound = True
    has_connection = True
    self_checkin_code = factory.LazyFunction(lambda: secrets.token_urlsafe(12)[:16])

    @factory.post_generation
    def operators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.operators.add(*extracted)


class SessionPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionPoint

    session = factory.SubFactory(ClassSessionFactory)
    point = factory.SubFactory(BridgePointFactory)
    area_path = factory.LazyAttribute(lambda o: o.point.area_path)


class CheckInFactory(factory.django.DjangoModelFactory):
    """A check-in row; pass ``session_point=sp`` to place it at a session point."""

    class Meta:
        model = CheckIn
        exclude = ("session_point",)
        skip_postgeneration_save = True

    session_point = factory.SubFactory(SessionPointFactory)
    session = factory.LazyAttribute(lambda o: o.session_point.session)
    point = factory.LazyAttribute(lambda o: o.session_point.point)
    area_path = factory.LazyAttribute(lambda o: o.point.area_path)
    identity_key = factory.LazyFunction(lambda: identity_key("test", uuid.uuid4().hex))
    full_name = factory.Sequence(lambda n: f"Trần Thị {n}")
    birth_year = 1958
    method = CheckInMethod.PHONE
    client_uuid = factory.LazyFunction(uuid.uuid4)
    checked_in_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def counted(obj, create, extracted, **kwargs):
        """Keep the point's counter true, as the services do (``counted=False`` to skip)."""
        if create and extracted is not False:
            SessionPoint.objects.filter(session=obj.session, point=obj.point).update(
                checkin_count=F("checkin_count") + 1
            )
