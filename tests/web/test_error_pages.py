"""Error pages are Vietnamese, in the site layout, with a way back; the API answers JSON."""

import pytest
from django.test import Client, override_settings
from django.urls import path

from binhdan.accounts.models import Role
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/", _boom),
]


def test_unknown_page_is_a_vietnamese_404_with_the_menu(client):
    response = client.get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert "Not Found" not in html
    assert 'class="site-header"' in html  # the site layout, with its menu
    assert 'href="/"' in html


def test_404_for_a_signed_in_user_leads_to_the_dashboard(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    html = client.get("/nguoi-dan/999999/").content.decode()

    assert "Không tìm thấy trang" in html
    assert "Về bảng điều khiển" in html


def test_403_is_a_vietnamese_page(client, tree):
    user = user_with_role(Role.VOLUNTEER, tree.village)
    user.is_staff = True  # may open the admin, holds no permission in it
    user.save(update_fields=["is_staff"])
    client.force_login(user)

    response = client.get("/quan-tri/people/person/add/")

    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in response.content.decode()
    assert "403 Forbidden" not in response.content.decode()


def test_unknown_api_path_stays_json(client):
    response = client.get("/api/v1/khong-co/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@override_settings(ROOT_URLCONF="tests.web.test_error_pages")
def test_500_is_a_vietnamese_page(db):
    from django.urls import clear_url_caches

    clear_url_caches()
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
    clear_url_caches()


handler500 = "binhdan.web.views.server_error"


def test_400_is_a_vietnamese_page(client):
    from django.test import RequestFactory

    from binhdan.web.views import bad_request

    response = bad_request(RequestFactory().get("/x/"))

    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
