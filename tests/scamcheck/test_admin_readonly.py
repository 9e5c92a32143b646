"""Reports and daily counts are view only in the admin; moderation stays, as actions that
call the moderation service (tests/scamcheck/test_admin.py)."""

import pytest
from django.urls import reverse

from binhdan.scamcheck.models import ScamCheckDay, ScamReport
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db


def test_change_report_status_by_edit_refused_in_admin(superuser_client):
    # given
    report = ScamReportFactory()

    # when the admin tries to confirm it by editing the row (no moderator recorded)
    response = superuser_client.post(
        reverse("admin:scamcheck_scamreport_change", args=[report.pk]),
        {"kind": report.kind, "value": report.value, "status": "confirmed"},
    )

    # then
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "pending"


def test_add_and_delete_report_refused_in_admin(superuser_client):
    report = ScamReportFactory()

    add = superuser_client.post(reverse("admin:scamcheck_scamreport_add"), {})
    delete = superuser_client.post(
        reverse("admin:scamcheck_scamreport_delete", args=[report.pk]), {"post": "yes"}
    )

    assert (add.status_code, delete.status_code) == (403, 403)
    assert ScamReport.objects.filter(pk=report.pk).exists()


def test_report_page_renders(superuser_client):
    report = ScamReportFactory()

    page = superuser_client.get(reverse("admin:scamcheck_scamreport_change", args=[report.pk]))

    assert page.status_code == 200


def test_change_daily_count_refused_in_admin(superuser_client):
    # given
    day = ScamCheckDay.objects.create(day="2025-06-01", verdict="danger", count=5)

    # when
    response = superuser_client.post(
        reverse("admin:scamcheck_scamcheckday_change", args=[day.pk]),
        {"day": "2025-06-01", "verdict": "danger", "count": "500"},
    )

    # then
    assert response.status_code == 403
    day.refresh_from_db()
    assert day.count == 5
