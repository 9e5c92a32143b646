"""Citizens check themselves in from the poster QR code: public, no account."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.classes.console import self_checkin as self_checkin_views
from binhdan.classes.models import CheckIn, CheckInMethod
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(tree):
    point = BridgePointFactory(village=tree.village, name="Nhà văn hóa thôn Đông")
    session = ClassSessionFactory(
        area=tree.commune, area_path=tree.commune.path, title="Nhận diện lừa đảo qua mạng"
    )
    SessionPointFactory(session=session, point=point)
    return point


def url(point):
    return reverse("console:self_checkin", args=[point.self_checkin_code])


def form_uuid(response) -> str:
    return re.search(r'name="client_uuid" value="([0-9a-f-]+)"', response.content.decode())[1]


def submit(client, point, **fields):
    page = client.get(url(point))
    data = {
        "full_name": "Phạm Văn Cường",
        "birth_year": "1956",
        "phone": "",
        "village_code": point.village.code,
        "client_uuid": form_uuid(page),
    }
    data.update(fields)
    return client.post(url(point), data)


def test_self_checkin_page_shows_the_point_and_the_live_session(client, point):
    response = client.get(url(point))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Nhà văn hóa thôn Đông" in body
    assert "Nhận diện lừa đảo qua mạng" in body
    assert f'<option value="{point.village.code}" selected>' in body


def test_self_checkin_page_gives_each_visit_its_own_client_uuid(client, point):
    assert form_uuid(client.get(url(point))) != form_uuid(client.get(url(point)))


def test_self_checkin_records_one_checkin(client, point):
    response = submit(client, point)

    assert response.status_code == 200
    assert "Đã điểm danh." in response.content.decode()
    checkin = CheckIn.objects.get()
    assert checkin.point_id == point.pk
    assert checkin.method == CheckInMethod.SELF


def test_self_checkin_double_submit_records_once(client, point):
    page = client.get(url(point))
    data = {
        "full_name": "Phạm Văn Cường",
        "birth_year": "1956",
        "village_code": point.village.code,
        "client_uuid": form_uuid(page),
    }

    client.post(url(point), data)
    response = client.post(url(point), data)

    assert CheckIn.objects.count() == 1
    assert "Đã điểm danh." in response.content.decode()


def test_self_checkin_second_time_says_already_checked_in(client, point):
    submit(client, point)

    response = submit(client, point)

    assert "Bạn đã điểm danh rồi" in response.content.decode()
    assert CheckIn.objects.count() == 1


def test_self_checkin_unknown_code_is_404(client, point):
    response = client.get(reverse("console:self_checkin", args=["khong-co-ma-nay"]))

    assert response.status_code == 404


def test_self_checkin_without_a_live_session_says_so(client, tree):
    point = BridgePointFactory(village=tree.village)
    later = timezone.now() + dt.timedelta(days=3)
    SessionPointFactory(
        session=ClassSessionFactory(area=tree.commune, starts_at=later), point=point
    )

    response = client.get(url(point))

    body = response.content.decode()
    assert "Hiện không có buổi học nào tại điểm cầu này" in body
    assert "<form" not in body.split('id="main"')[1]


def test_self_checkin_bad_phone_is_shown_next_to_the_field(client, point):
    response = submit(client, point, phone="12")

    assert response.status_code == 422
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_self_checkin_is_rate_limited_per_address(client, point, monkeypatch):
    monkeypatch.setattr(self_checkin_views, "SELF_CHECKIN_LIMIT", 2)
    submit(client, point, full_name="Người Một")
    submit(client, point, full_name="Người Hai")

    response = submit(client, point, full_name="Người Ba")

    assert response.status_code == 429
    assert CheckIn.objects.count() == 2


def test_self_checkin_page_never_shows_who_checked_in(client, point):
    submit(client, point, full_name="Phạm Văn Cường", phone="0912345678")

    body = client.get(url(point)).content.decode()

    assert "Phạm Văn Cường" not in body
    assert "0912345678" not in body
