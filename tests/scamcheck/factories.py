import uuid

import factory
from django.utils import timezone

from binhdan.scamcheck.models import ReportKind, ReportStatus, ScamReport


class ScamReportFactory(factory.django.DjangoModelFactory):
    """A pending phone report without an area; pass ``area`` to place it in a commune."""

    class Meta:
        model = ScamReport

    kind = ReportKind.PHONE
    value = "+84900000123"
    note = ""
    area = None
    area_path = factory.LazyAttribute(lambda o: o.area.path if o.area else "")
    status = ReportStatus.PENDING
    moderated_at = factory.LazyAttribute(
        lambda o: None if o.status == ReportStatus.PENDING else timezone.now()
    )
    client_uuid = factory.LazyFunction(uuid.uuid4)
