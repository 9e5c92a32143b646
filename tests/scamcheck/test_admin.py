"""Confirm / reject actions in the Django admin go through the moderation service."""

import pytest

from binhdan.scamcheck.models import ScamReport
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/quan-tri/scamcheck/scamreport/"


@pytest.mark.parametrize(
    ("action", "status"), [("confirm_reports", "confirmed"), ("reject_reports", "rejected")]
)
def test_admin_action_moderates_the_selected_reports(superuser_client, superuser, action, status):
    client, admin = superuser_client, superuser
    chosen, left = ScamReportFactory.create_batch(2)

    client.post(CHANGELIST, {"action": action, "_selected_action": [chosen.pk]})

    chosen.refresh_from_db()
    left.refresh_from_db()
    assert chosen.status == status and chosen.moderated_by == admin
    assert chosen.moderated_at is not None
    assert left.status == "pending"


def test_admin_changelist_renders(superuser_client):
    client = superuser_client
    ScamReportFactory()
    assert client.get(CHANGELIST).status_code == 200
    assert ScamReport.objects.count() == 1
