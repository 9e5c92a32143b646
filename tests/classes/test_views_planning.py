import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.classes.models import BridgePoint, ClassSession, SessionKind
from tests.accounts.factories import user_with_role
from tests.classes.factories import CheckInFactory, ClassSessionFactory, SessionPointFactory
from tests.classes.planning_helpers import point
from tests.curriculum.factories import TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_person(tree):
    session = ClassSessionFactory(
        area=tree.commune, kind=SessionKind.IN_PERSON, venue="Hội trường xã", title="Lớp xã"
    )
    sp = SessionPointFactory(session=session, point=point(tree.village))
    CheckInFactory(session_point=sp)
    return session


def _login(client, user):
    client.force_login(user)
    return client


def test_calendar_shows_the_month_and_the_online_topic_count(client, commune_officer, tree):
    session = ClassSessionFactory(area=tree.commune, title="Buổi trực tuyến")
    session.topics.set([TopicFactory()])
    month = timezone.localtime(session.starts_at).strftime("%Y-%m")

    response = _login(client, commune_officer).get(reverse("classes:calendar"), {"thang": month})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Buổi trực tuyến" in body
    assert "1 / 2" in body
    assert "chuyên đề trực tuyến trong tháng" in body


def test_session_page_shows_points_rule_and_links(client, commune_officer, in_person):
    response = _login(client, commune_officer).get(reverse("classes:session", args=[in_person.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Hội trường xã" in body
    assert "số lớn hơn giữa số lượt điểm danh" in body
    assert reverse("classes:session_export", args=[in_person.pk]) in body
    assert reverse("classes:session_posters", args=[in_person.pk]) in body


@pytest.mark.parametrize(
    "name",
    ["session", "session_edit", "session_export", "session_posters"],
)
def test_officer_of_another_commune_gets_404(client, other_commune_officer, in_person, name):
    response = _login(client, other_commune_officer).get(
        reverse(f"classes:{name}", args=[in_person.pk])
    )

    assert response.status_code == 404


def test_operator_cannot_edit_a_session(client, tree, in_person):
    operator = user_with_role(Role.OPERATOR, tree.village)

    assert (
        _login(client, operator).get(reverse("classes:session", args=[in_person.pk])).status_code
        == 200
    )
    assert client.get(reverse("classes:session_edit", args=[in_person.pk])).status_code == 404


def test_anonymous_user_is_sent_to_login(client, in_person):
    response = client.get(reverse("classes:session", args=[in_person.pk]))

    assert response.status_code == 302
    assert "/tai-khoan/" in response["Location"]


def _form(tree, **overrides):
    start = timezone.localtime() + dt.timedelta(days=3)
    data = {
        "kind": "online",
        "title": "Chuyên đề VNeID",
        "area": tree.commune.pk,
        "starts_at": start.strftime("%Y-%m-%dT14:00"),
        "ends_at": start.strftime("%Y-%m-%dT16:00"),
        "stream_url": "https://video.example.vn/live",
    }
    data.update(overrides)
    return data


def test_create_session_through_the_form_adds_the_communes_points(client, commune_officer, tree):
    point(tree.village)
    point(tree.village2)

    response = _login(client, commune_officer).post(reverse("classes:session_create"), _form(tree))

    session = ClassSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("classes:session", args=[session.pk])
    assert session.points.count() == 2
    assert timezone.localtime(session.starts_at).hour == 14


def test_create_session_shows_the_error_next_to_the_field(client, commune_officer, tree):
    data = _form(tree)
    data["ends_at"] = data["starts_at"].replace("T14:00", "T13:00")

    response = _login(client, commune_officer).post(reverse("classes:session_create"), data)

    assert response.status_code == 200
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert ClassSession.objects.count() == 0


def test_remove_point_with_checkins_shows_a_message(client, commune_officer, in_person):
    sp = in_person.points.get()

    response = _login(client, commune_officer).post(
        reverse("classes:session_point_remove", args=[in_person.pk, sp.point_id]), follow=True
    )

    assert "đã có người điểm danh" in response.content.decode()
    assert in_person.points.count() == 1


def test_export_downloads_an_xlsx_with_a_vietnamese_name(client, commune_officer, in_person):
    response = _login(client, commune_officer).get(
        reverse("classes:session_export", args=[in_person.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''%C4%90i%E1%BB%83m%20danh" in response["Content-Disposition"]


def test_point_poster_downloads_a_pdf(client, commune_officer, in_person):
    sp = in_person.points.get()

    response = _login(client, commune_officer).get(
        reverse("classes:point_poster", args=[in_person.pk, sp.point_id])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_points_page_lists_readiness_and_villages_without_point(client, commune_officer, tree):
    point(tree.village, name="NVH Đông", has_sound=False)

    response = _login(client, commune_officer).get(
        reverse("classes:points", args=[tree.commune.code])
    )

    body = response.content.decode()
    assert "NVH Đông" in body
    assert 'class="missing">Loa/âm thanh' in body
    assert "Thôn Tây" in body


def test_points_page_of_another_commune_is_404(client, other_commune_officer, tree):
    response = _login(client, other_commune_officer).get(
        reverse("classes:points", args=[tree.commune.code])
    )

    assert response.status_code == 404


def test_bulk_points_button_creates_and_reports(client, commune_officer, tree):
    response = _login(client, commune_officer).post(
        reverse("classes:points_bulk", args=[tree.commune.code]), follow=True
    )

    assert BridgePoint.objects.count() == 2
    assert "Đã tạo 2 điểm cầu mới; bỏ qua 0 thôn" in response.content.decode()


def test_create_point_through_the_form(client, commune_officer, tree):
    response = _login(client, commune_officer).post(
        reverse("classes:point_create", args=[tree.commune.code]),
        {"village": tree.village.pk, "name": "Nhà văn hóa", "has_screen": "on", "is_active": "on"},
    )

    assert response.status_code == 302
    assert BridgePoint.objects.get().has_screen is True


def test_point_import_previews_then_applies(client, commune_officer, tree, settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path
    csv = "Xã/phường,Thôn/tổ dân phố,Tên điểm cầu,Màn hình\nĐông Hưng,Thôn Đông,NVH,có\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("classes:points_import", args=[tree.commune.code])
    preview = _login(client, commune_officer).post(
        url, {"file": SimpleUploadedFile("dc.csv", csv.encode(), content_type="text/csv")}
    )
    assert BridgePoint.objects.count() == 0
    ticket = preview.context["ticket"]

    client.post(url, {"confirm": ticket})

    assert BridgePoint.objects.get().name == "NVH"


def test_sheet_import_page_previews_then_records(
    client, commune_officer, tree, in_person, settings, tmp_path
):
    settings.UPLOAD_DIR = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    sp = in_person.points.get()
    url = reverse("classes:sheet_import", args=[in_person.pk, sp.point_id])
    csv = "Họ tên,Năm sinh,Số điện thoại,Thôn\nNguyễn Văn Tư,1955,,\n"
    preview = _login(client, commune_officer).post(
        url, {"file": SimpleUploadedFile("ds.csv", csv.encode(), content_type="text/csv")}
    )
    assert in_person.checkins.count() == 1

    done = client.post(url, {"confirm": preview.context["ticket"]})

    assert in_person.checkins.count() == 2
    assert done.context["summary"]["created"] == 1


def test_my_sessions_tag_lists_the_operators_next_session(client, tree):
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    operator = user_with_role(Role.OPERATOR, tree.village)
    starts = timezone.now() + dt.timedelta(days=1)
    session = ClassSessionFactory(
        area=tree.province,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        title="Sắp học",
    )
    SessionPointFactory(session=session, point=point(tree.village, operators=[operator]))
    request = RequestFactory().get("/")
    request.user = operator

    html = Template("{% load classes_planning %}{% my_sessions %}").render(
        RequestContext(request, {})
    )

    assert "Sắp học" in html


def test_operator_of_a_village_sees_its_points(client, tree):
    operator = user_with_role(Role.OPERATOR, tree.village)
    point(tree.village, name="NVH Đông")
    point(tree.village2, name="NVH Tây")

    response = _login(client, operator).get(reverse("classes:points_home"), follow=True)

    body = response.content.decode()
    assert response.status_code == 200
    assert "NVH Đông" in body and "NVH Tây" not in body


@pytest.mark.parametrize(
    ("role", "where", "view_status", "plan_status"),
    [
        (Role.PROVINCE_ADMIN, "province", 200, 200),
        (Role.COMMUNE_OFFICER, "commune", 200, 200),
        (Role.COMMUNE_OFFICER, "ward", 404, 200),
        (Role.OPERATOR, "village", 200, 404),
        (Role.TEAM_LEADER, "commune", 200, 404),
        (Role.INSTRUCTOR, "province", 200, 404),
        (Role.VOLUNTEER, "commune", 404, 404),
    ],
)
def test_who_sees_and_plans_a_commune_class(
    client, tree, in_person, role, where, view_status, plan_status
):
    user = user_with_role(role, getattr(tree, where))
    _login(client, user)

    assert client.get(reverse("classes:session", args=[in_person.pk])).status_code == view_status
    assert client.get(reverse("classes:session_create")).status_code == plan_status


def test_session_posters_of_one_commune_have_one_page_per_point(client, tree, province_admin):
    import re

    session = ClassSessionFactory(area=tree.province)
    for village in (tree.village, tree.village2, tree.ward_village):
        SessionPointFactory(session=session, point=point(village))

    response = _login(client, province_admin).get(
        reverse("classes:session_posters", args=[session.pk]), {"xa": tree.commune.code}
    )

    pdf = b"".join(response.streaming_content)
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 2
