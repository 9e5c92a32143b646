"""Operator console pages: who may open them, and the no-JavaScript forms."""

import json
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from binhdan.classes.errors import CheckInReasons
from binhdan.classes.models import CheckIn, Headcount, SessionPoint
from tests.accounts.factories import UserFactory
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sp(tree, operator):
    session = ClassSessionFactory(area=tree.commune, area_path=tree.commune.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


def point_url(sp, name="console:point"):
    return reverse(name, args=[sp.session_id, sp.point_id])


def test_point_screen_redirects_anonymous_to_login(client, sp):
    response = client.get(point_url(sp))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_point_screen_opens_for_the_point_operator(client, sp, operator):
    client.force_login(operator)

    response = client.get(point_url(sp))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Mở điểm cầu" in body
    assert "Số người dự tại điểm = số lớn hơn giữa số người điểm danh" in body
    assert f'data-session="{sp.session_id}"' in body


def test_point_screen_offers_the_villages_of_the_point_commune(client, sp, operator, tree):
    client.force_login(operator)

    body = client.get(point_url(sp)).content.decode()

    assert tree.village2.name in body
    assert tree.ward_village.name not in body


def test_point_screen_is_404_for_the_operator_of_another_point(client, sp, tree):
    other = UserFactory()
    BridgePointFactory(village=tree.village2, operators=[other])
    client.force_login(other)

    response = client.get(point_url(sp))

    assert response.status_code == 404


def test_point_screen_opens_for_a_commune_officer_in_scope(client, sp, tree, commune_officer):
    client.force_login(commune_officer)

    assert client.get(point_url(sp)).status_code == 200


def test_point_screen_is_404_for_an_officer_of_another_commune(
    client, sp, tree, other_commune_officer
):
    client.force_login(other_commune_officer)

    assert client.get(point_url(sp)).status_code == 404


def test_console_home_lists_the_operator_points(client, sp, operator):
    client.force_login(operator)

    response = client.get(reverse("console:home"))

    assert response.status_code == 200
    assert sp.point.name in response.content.decode()
    assert point_url(sp) in response.content.decode()


def test_console_home_lists_points_in_checkin_scope_for_an_officer(
    client, sp, tree, commune_officer
):
    client.force_login(commune_officer)

    response = client.get(reverse("console:home"))

    assert sp.point.name in response.content.decode()


def test_console_home_without_points_or_checkin_role_is_the_empty_list(client, sp):
    # Outside scope is never a 403 in the web UI: a user who runs no point sees no point.
    client.force_login(UserFactory())

    response = client.get(reverse("console:home"))

    assert response.status_code == 200
    assert sp.point.name not in response.content.decode()
    assert "Không có buổi học nào." in response.content.decode()


def test_service_worker_is_javascript_with_the_console_scope(client):
    response = client.get(reverse("console:service_worker"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/van-hanh/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "/static/classes/console.js" in body
    assert "/static/web/offline-queue.js" in body
    assert '"/van-hanh/"' in body


def test_service_worker_is_served_at_the_root_of_its_scope(client):
    assert reverse("console:service_worker") == "/van-hanh/sw.js"


def test_manifest_is_valid_json_with_local_icons(client):
    response = client.get(reverse("console:manifest"))

    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/van-hanh/"
    assert data["scope"] == "/van-hanh/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert icon["src"].startswith("/static/")
        assert finders.find(icon["src"].removeprefix("/static/"))


def test_console_javascript_and_css_are_local_and_small():
    budgets = (
        ("classes/console.js", 16_000),
        ("web/offline-queue.js", 6_500),
        ("classes/console.css", 4_000),
    )
    for name, limit in budgets:
        path = finders.find(name)
        assert path
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert len(text.encode()) < limit
        assert "http://" not in text and "https://" not in text


def test_checkin_form_without_javascript_records_one_checkin(client, sp, operator):
    client.force_login(operator)
    data = {
        "method": "name",
        "full_name": "Nguyễn Văn An",
        "birth_year": "1955",
        "village": sp.point.village.code,
        "client_uuid": str(uuid.uuid4()),
    }

    response = client.post(point_url(sp, "console:point_checkin"), data, follow=True)

    assert CheckIn.objects.filter(session=sp.session, point=sp.point).count() == 1
    assert "Đã điểm danh." in response.content.decode()


def test_checkin_form_resubmitted_with_the_same_uuid_records_once(client, sp, operator):
    client.force_login(operator)
    data = {"method": "phone", "phone": "0912345678", "full_name": "Lê Thị Bình"}
    data["client_uuid"] = str(uuid.uuid4())

    client.post(point_url(sp, "console:point_checkin"), data)
    client.post(point_url(sp, "console:point_checkin"), data)

    assert CheckIn.objects.count() == 1


def test_checkin_form_shows_the_reason_of_a_refusal_in_vietnamese(client, sp, operator):
    client.force_login(operator)
    data = {"method": "cccd", "cccd": "123", "client_uuid": str(uuid.uuid4())}

    response = client.post(point_url(sp, "console:point_checkin"), data, follow=True)

    assert CheckIn.objects.count() == 0
    assert "Số CCCD không hợp lệ" in response.content.decode()


def test_checkin_form_is_404_for_the_operator_of_another_point(client, sp, tree):
    other = UserFactory()
    BridgePointFactory(village=tree.village2, operators=[other])
    client.force_login(other)
    data = {"method": "phone", "phone": "0912345678", "full_name": "Lê Thị Bình"}

    response = client.post(
        point_url(sp, "console:point_checkin"), data | {"client_uuid": uuid.uuid4()}
    )

    assert response.status_code == 404
    assert CheckIn.objects.count() == 0


def test_open_and_close_forms_report_the_point_status(client, sp, operator):
    client.force_login(operator)

    client.post(point_url(sp, "console:point_open"))
    opened = SessionPoint.objects.get(pk=sp.pk)
    client.post(point_url(sp, "console:point_close"))
    closed = SessionPoint.objects.get(pk=sp.pk)

    assert opened.opened_at is not None and opened.closed_at is None
    assert closed.closed_at is not None


def test_headcount_form_records_the_count(client, sp, operator):
    client.force_login(operator)

    client.post(
        point_url(sp, "console:point_headcount"), {"count": "42", "client_uuid": uuid.uuid4()}
    )

    assert Headcount.objects.get().count == 42
    assert SessionPoint.objects.get(pk=sp.pk).headcount == 42


def test_point_status_gives_the_counters_as_json(client, sp, operator):
    SessionPoint.objects.filter(pk=sp.pk).update(checkin_count=7, headcount=12)
    client.force_login(operator)

    data = client.get(point_url(sp, "console:point_status")).json()

    assert data["checkins"] == 7
    assert data["headcount"] == 12
    assert data["attendance"] == 12
    assert data["opened"] is False


def test_checkin_form_with_a_card_code_records_the_card_holder(client, sp, operator, tree):
    from binhdan.people.cards import card_token_for
    from tests.people.factories import PersonFactory

    person = PersonFactory(village=tree.village, full_name="Vũ Thị Lan")
    client.force_login(operator)
    data = {"method": "qr_card", "card": card_token_for(person), "client_uuid": uuid.uuid4()}

    client.post(point_url(sp, "console:point_checkin"), data)

    checkin = CheckIn.objects.get()
    assert checkin.person_id == person.pk
    assert checkin.method == "qr_card"


def test_point_screen_gives_the_console_its_vietnamese_refusal_reasons(client, sp, operator):
    client.force_login(operator)

    response = client.get(point_url(sp))

    text = json.loads(
        re.search(
            r'<script id="console-text" type="application/json">(.*?)</script>',
            response.content.decode(),
            re.S,
        )[1]
    )
    assert text["reasons"]["phone_invalid"].startswith("Số điện thoại không hợp lệ")
    assert set(text["reasons"]) >= {"cccd_invalid", "village_invalid", "card_invalid", "_"}
    # The one reason table: every reason a check-in can be rejected for, and the headcount's.
    assert set(text["reasons"]) == {r.code for r in CheckInReasons} | {"count_invalid", "_"}
    assert text["reasons"]["name_required"] == CheckInReasons.NAME_REQUIRED.message


def test_console_home_puts_later_sessions_under_upcoming(client, sp, operator, tree):
    import datetime as dt

    from django.utils import timezone

    later = ClassSessionFactory(
        area=tree.commune, starts_at=timezone.now() + dt.timedelta(days=3), title="Buổi sau"
    )
    SessionPointFactory(session=later, point=sp.point)
    client.force_login(operator)

    response = client.get(reverse("console:home"))

    assert [p.session.title for p in response.context["upcoming"]] == ["Buổi sau"]
    assert [p.pk for p in response.context["live"]] == [sp.pk]
