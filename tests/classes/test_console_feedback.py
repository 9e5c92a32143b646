"""Operator console: the answer of each check-in next to its button, a phone alone for a
known person, and an ended session kept on the list for the rest of the day."""

import datetime as dt
import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.classes.factories import BridgePointFactory, ClassSessionFactory, SessionPointFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

PHONE_E164 = "+84912345678"


@pytest.fixture
def operator(db):
    return UserFactory(username="vanhanh")


@pytest.fixture
def sp(tree, operator):
    session = ClassSessionFactory(area=tree.commune, area_path=tree.commune.path)
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


def url(sp, name):
    return reverse(name, args=[sp.session_id, sp.point_id])


def result_box(body: str, box: str = "checkin-result") -> tuple[str, str]:
    """(classes, text) of the answer box under a form's button."""
    match = re.search(rf'<p id="{box}" class="([^"]*)"[^>]*>(.*?)</p>', body, re.S)
    assert match, f"no #{box} on the page"
    return match[1], match[2].strip()


def post_checkin(client, sp, **data):
    return client.post(url(sp, "console:point_checkin"), data | {"client_uuid": uuid.uuid4()})


def test_checkin_without_javascript_answers_next_to_the_button(client, sp, operator, tree):
    client.force_login(operator)

    response = post_checkin(
        client,
        sp,
        method="name",
        full_name="Nguyễn Văn An",
        birth_year="1955",
        village=tree.village.code,
    )

    # the page comes back scrolled to the check-in form, the answer under its button
    assert response["Location"].endswith("#diem-danh")
    body = client.get(response["Location"]).content.decode()
    assert result_box(body) == ("result ok", "Đã điểm danh.")
    assert body.index('id="checkin-result"') > body.index('id="checkin-form"')


def test_checkin_answer_is_shown_once(client, sp, operator, tree):
    client.force_login(operator)
    post_checkin(client, sp, method="phone", phone="0912345678", full_name="Lê Thị Bình")
    client.get(url(sp, "console:point"))

    body = client.get(url(sp, "console:point")).content.decode()

    assert result_box(body) == ("result", "")


def test_checkin_of_someone_already_here_says_so_next_to_the_button(client, sp, operator):
    client.force_login(operator)
    post_checkin(client, sp, method="phone", phone="0912345678", full_name="Lê Thị Bình")
    client.get(url(sp, "console:point"))

    response = post_checkin(
        client, sp, method="phone", phone="0912 345 678", full_name="Lê Thị Bình"
    )

    body = client.get(response["Location"]).content.decode()
    tone, text = result_box(body)
    assert tone == "result info"
    assert "đã điểm danh tại điểm cầu này hôm nay rồi" in text


def test_checkin_seen_at_another_point_says_so(client, sp, operator, tree):
    other = SessionPointFactory(session=sp.session, point=BridgePointFactory(village=tree.village2))
    from binhdan.classes.checkin import services

    services.checkins_record(
        actor=None,
        session_point=other,
        items=[
            services.CheckInItem(uuid.uuid4(), "phone", phone="0912345678", full_name="Lê Thị Bình")
        ],
    )
    client.force_login(operator)

    response = post_checkin(client, sp, method="phone", phone="0912345678", full_name="Lê Thị Bình")

    tone, text = result_box(client.get(response["Location"]).content.decode())
    assert tone == "result info"
    assert "điểm cầu khác" in text


def test_refused_checkin_answer_is_next_to_the_button(client, sp, operator):
    client.force_login(operator)

    response = post_checkin(client, sp, method="cccd", cccd="123")

    tone, text = result_box(client.get(response["Location"]).content.decode())
    assert tone == "result bad"
    assert text.startswith("Số CCCD không hợp lệ")


def test_known_phone_alone_checks_in_and_answers_the_masked_name(client, sp, operator, tree):
    # given a person of the commune registered with this phone
    PersonFactory(village=tree.village2, full_name="Phạm Thị Lụa", phone=PHONE_E164)
    client.force_login(operator)

    # when the operator sends the phone only
    response = post_checkin(client, sp, method="phone", phone="0912345678")

    # then the person is checked in, named masked, never in full
    body = client.get(response["Location"]).content.decode()
    assert result_box(body) == ("result ok", "Đã điểm danh: Phạm T*** L***")
    assert "Phạm Thị Lụa" not in body


def test_shared_phone_alone_asks_for_the_name(client, sp, operator, tree):
    PersonFactory(village=tree.village, full_name="Trần Văn Ba", phone=PHONE_E164)
    PersonFactory(village=tree.village, full_name="Phạm Thị Tư", phone=PHONE_E164)
    client.force_login(operator)

    response = post_checkin(client, sp, method="phone", phone="0912345678")

    body = client.get(response["Location"]).content.decode()
    tone, text = result_box(body)
    assert tone == "result bad"
    assert "hãy hỏi và nhập họ tên" in text
    assert "Trần" not in body and "Phạm" not in body


def test_headcount_without_javascript_answers_next_to_its_button(client, sp, operator):
    client.force_login(operator)

    response = client.post(
        url(sp, "console:point_headcount"), {"count": "42", "client_uuid": uuid.uuid4()}
    )

    assert response["Location"].endswith("#bao-so")
    body = client.get(response["Location"]).content.decode()
    assert result_box(body, "headcount-result") == ("result ok", "Đã báo số người: 42")
    assert result_box(body) == ("result", "")


def test_point_screen_keeps_the_counters_in_one_bar_above_the_form(client, sp, operator):
    client.force_login(operator)

    body = client.get(url(sp, "console:point")).content.decode()

    bar = body.index('id="console-bar"')
    for counter in ("count-here", "count-pending", "count-headcount", "count-attendance"):
        assert bar < body.index(f'id="{counter}"') < body.index('id="checkin-form"')
    assert body.index('id="console-flash"') < body.index('id="checkin-form"')


def test_point_screen_gives_the_console_its_answers(client, sp, operator):
    client.force_login(operator)

    body = client.get(url(sp, "console:point")).content.decode()

    text = json.loads(
        re.search(r'<script id="console-text" type="application/json">(.*?)</script>', body, re.S)[
            1
        ]
    )
    assert set(text["duplicates"]) == {"already_checked_in", "seen_at_other_point"}
    assert "phone_shared" in text["reasons"]
    assert "%s" in text["done"] and "%s" in text["saved_offline"]


# --------------------------------------------------------------------------- ended today


@pytest.fixture
def evening(monkeypatch):
    """Now is 20:00 local time today."""
    local = timezone.localtime().replace(hour=20, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: local.astimezone(dt.UTC))
    return local


def _session_ended_at(tree, operator, ends_at: dt.datetime, title: str):
    session = ClassSessionFactory(
        area=tree.commune,
        area_path=tree.commune.path,
        title=title,
        starts_at=ends_at - dt.timedelta(hours=2),
        ends_at=ends_at,
    )
    point = BridgePointFactory(village=tree.village, operators=[operator])
    return SessionPointFactory(session=session, point=point)


def test_console_home_keeps_a_session_ended_earlier_today(client, tree, operator, evening):
    # given a session that ended at 15:00 today (5 hours ago) and one that ended yesterday
    today = _session_ended_at(tree, operator, evening.replace(hour=15), "Buổi chiều nay")
    _session_ended_at(tree, operator, evening - dt.timedelta(days=1), "Buổi hôm qua")
    client.force_login(operator)

    response = client.get(reverse("console:home"))

    # then today's is still listed (a late headcount can be reported), yesterday's is not
    assert [sp.session.title for sp in response.context["live"]] == ["Buổi chiều nay"]
    assert response.context["upcoming"] == []
    body = response.content.decode()
    assert "đã kết thúc: vẫn báo số người được trong hôm nay" in body
    assert url(today, "console:point") in body


def test_operator_api_lists_a_session_ended_earlier_today(client, tree, operator, evening):
    _session_ended_at(tree, operator, evening.replace(hour=15), "Buổi chiều nay")
    _session_ended_at(tree, operator, evening - dt.timedelta(days=1), "Buổi hôm qua")
    client.force_login(operator)

    sessions = client.get("/api/v1/operator/sessions").json()

    assert [entry["session"]["title"] for entry in sessions] == ["Buổi chiều nay"]


def test_late_headcount_of_a_session_ended_today_is_recorded(client, tree, operator, evening):
    sp = _session_ended_at(tree, operator, evening.replace(hour=15), "Buổi chiều nay")
    client.force_login(operator)

    page = client.get(url(sp, "console:point")).content.decode()
    response = client.post(
        url(sp, "console:point_headcount"), {"count": "35", "client_uuid": uuid.uuid4()}
    )

    assert "Buổi học đã kết thúc: vẫn báo số người được đến hết hôm nay." in page
    sp.refresh_from_db()
    assert sp.headcount == 35
    assert "Đã báo số người: 35" in client.get(response["Location"]).content.decode()
