"""The staff statistics page: scoped report figures; global check counts for province staff."""

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.scamcheck.models import ScamCheckDay
from binhdan.scamcheck.selectors import checks_per_day, top_reported
from tests.accounts.factories import PASSWORD, user_with_role
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

PAGE = "/kiem-tra-lua-dao/thong-ke/"


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_top_reported_counts_confirmed_values_in_scope(tree, commune_officer):
    ScamReportFactory.create_batch(3, area=tree.village, status="confirmed")
    ScamReportFactory(area=tree.village, status="confirmed", value="+84987654321")
    ScamReportFactory.create_batch(5, area=tree.ward, status="confirmed", value="+84911111111")

    top = top_reported(user=commune_officer, status="confirmed")

    assert [(item.value, item.count) for item in top] == [
        ("+84900000123", 3),
        ("+84987654321", 1),
    ]


def test_checks_per_day_fills_30_days_oldest_first():
    today = timezone.localdate()
    ScamCheckDay.objects.create(day=today, verdict="danger", count=4)
    ScamCheckDay.objects.create(day=today, verdict="no_sign", count=2)

    days = checks_per_day(today=today)

    assert len(days) == 30 and days[-1].day == today
    assert days[-1].counts == {"danger": 4, "suspicious": 0, "no_sign": 2}
    assert days[0].total == 0


def test_province_admin_sees_the_daily_check_counts(client, tree, province_admin):
    ScamCheckDay.objects.create(day=timezone.localdate(), verdict="danger", count=7)

    html = login(client, province_admin).get(PAGE).content.decode()

    assert "Lượt kiểm tra tin nhắn mỗi ngày" in html
    assert "Tổng cộng 7 lượt kiểm tra" in html
    assert "không chia theo địa bàn" in html


def test_commune_officer_sees_report_figures_but_not_global_checks(client, tree, commune_officer):
    ScamCheckDay.objects.create(day=timezone.localdate(), verdict="danger", count=7)
    ScamReportFactory(area=tree.village, status="confirmed", value="+84987654321")
    ScamReportFactory(area=tree.ward, status="confirmed", value="+84911111111")

    html = login(client, commune_officer).get(PAGE).content.decode()

    assert "Lượt kiểm tra tin nhắn mỗi ngày" not in html
    assert "+84987654321" in html and "+84911111111" not in html


def test_stats_page_is_404_without_moderation_role(client, tree):
    operator = user_with_role(Role.OPERATOR, tree.village)
    assert login(client, operator).get(PAGE).status_code == 404
