"""The staff page of the domain lists: province-level moderators only."""

import pytest
from django.utils import timezone

from binhdan.accounts.models import Role
from binhdan.scamcheck.domain_lists import domain_list_import, forget_domain_lists
from tests.accounts.factories import PASSWORD, user_with_role
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

PAGE = "/kiem-tra-lua-dao/danh-sach-ten-mien/"


@pytest.fixture(autouse=True)
def _fresh_snapshot():
    forget_domain_lists()
    yield
    forget_domain_lists()


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def test_province_admin_sees_each_source_with_its_kind_count_and_date(client, tree, province_admin):
    # given
    domain_list_import(
        data=b"mot-lua-dao.com\nhai-lua-dao.com\nsai dong\n",
        source="Danh sách quốc gia",
        kind="block",
        file_name="quocgia.txt",
    )
    domain_list_import(data=b"trang-tin-cay.vn\n", source="Trang tin cậy tỉnh", kind="allow")
    ScamReportFactory(kind="domain", value="bi-bao-cao.com", status="confirmed")
    ScamReportFactory(kind="domain", value="bi-bao-cao.com", status="confirmed")
    today = timezone.localdate().strftime("%d/%m/%Y")
    # when
    html = login(client, province_admin).get(PAGE).content.decode()
    # then
    assert "Danh sách quốc gia" in html and "quocgia.txt" in html
    assert "<td>Danh sách cảnh báo</td><td>2</td>" in html
    assert "Trang tin cậy tỉnh" in html and "<td>Danh sách trang tin cậy</td><td>1</td>" in html
    assert "Báo cáo của người dân (đã xác nhận)" in html
    assert today in html
    assert html.index("Danh sách quốc gia") < html.index("Báo cáo của người dân")
    assert html.index("Báo cáo của người dân") < html.index("Trang tin cậy tỉnh")


def test_lookup_names_the_lists_that_hold_a_domain(client, tree, province_admin):
    domain_list_import(data=b"mot-lua-dao.com\n", source="Danh sách quốc gia", kind="block")

    html = (
        login(client, province_admin).get(PAGE, {"ten_mien": "https://a.mot-lua-dao.com/x"}).content
    )
    quiet = login(client, province_admin).get(PAGE, {"ten_mien": "vietcombank.com.vn"}).content

    assert "Có trong danh sách “Danh sách quốc gia”." in html.decode()
    assert "Là trang chính thức" in quiet.decode()


def test_commune_officer_may_not_see_the_global_lists(client, tree, commune_officer):
    assert login(client, commune_officer).get(PAGE).status_code == 404


def test_operator_may_not_see_the_lists(client, tree):
    operator = user_with_role(Role.OPERATOR, tree.village)
    assert login(client, operator).get(PAGE).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_stats_and_moderation_link_to_the_lists_for_province_admins_only(
    client, tree, commune_officer, province_admin
):

    for url in ("/kiem-tra-lua-dao/thong-ke/", "/kiem-tra-lua-dao/kiem-duyet/"):
        assert PAGE in login(client, province_admin).get(url).content.decode()
        client.logout()
        assert PAGE not in login(client, commune_officer).get(url).content.decode()
        client.logout()
