"""The area picker's endpoint (``/dia-ban/chon/<kind>/``) and its search."""

import re

import pytest
from django.urls import reverse

from binhdan.accounts import area_picker as picker
from binhdan.accounts.models import Role
from binhdan.areas.models import Area
from tests.accounts.factories import user_with_role
from tests.areas.factories import commune

pytestmark = pytest.mark.django_db


def pick(client, kind="xa", htmx=False, target="commune-results", **params):
    params.setdefault("field", "commune")
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": target} if htmx else {}
    return client.get(reverse("areas:picker", args=[kind]), params, **headers)


def offered(response) -> list[str]:
    """The codes offered as radios."""
    return re.findall(
        r'<input type="radio" name="[a-z_]+" value="([^"]*)"', response.content.decode()
    )


@pytest.mark.parametrize("query", ["dong hung", "Đông Hưng", "ĐÔNG HƯNG", "  đông   hưng "])
def test_picker_finds_a_commune_with_or_without_diacritics(client, tree, query):
    response = pick(client, htmx=True, commune_q=query)

    assert response.status_code == 200
    assert offered(response) == [tree.commune.code]
    assert "Xã Đông Hưng · Tỉnh Hưng Yên" in response.content.decode()


def test_picker_lists_the_exact_name_before_longer_ones(client, tree):
    # given communes whose names contain "Đông Hưng", made before the exact one is found
    commune(tree.province, "12002", "Xã Bắc Đông Hưng")
    commune(tree.province, "12003", "Xã Đông Hưng Thuận")

    response = pick(client, htmx=True, commune_q="dong hung")

    assert offered(response)[0] == tree.commune.code
    assert set(offered(response)) == {tree.commune.code, "12002", "12003"}


def test_picker_shows_at_most_the_limit_and_says_how_many_match(client, tree):
    for n in range(picker.RESULT_LIMIT + 5):
        commune(tree.province, f"2{n:04d}", f"Xã Thử Nghiệm {n}")

    response = pick(client, htmx=True, commune_q="thu nghiem")

    html = response.content.decode()
    assert len(offered(response)) == picker.RESULT_LIMIT
    assert f"Có {picker.RESULT_LIMIT + 5} xã/phường" in html
    assert 'hx-swap-oob="innerHTML"' in html  # the count updates the live region in place


def test_picker_searches_the_site_province_by_default(client, tree, settings):
    # given a commune of the same name in another province
    commune(tree.other_province, "00099", "Xã Đông Hưng")
    settings.BINHDAN_PROVINCE_CODE = tree.province.code

    default = pick(client, htmx=True, commune_q="dong hung")
    country = pick(client, htmx=True, commune_q="dong hung", commune_tinh="")

    assert offered(default) == [tree.commune.code]
    assert set(offered(country)) == {tree.commune.code, "00099"}
    assert "Xã Đông Hưng · Tỉnh Hà Nội" in country.content.decode()


def test_picker_follows_the_province_setting(client, tree, settings):
    commune(tree.other_province, "00099", "Xã Đông Hưng")
    settings.BINHDAN_PROVINCE_CODE = tree.other_province.code

    response = pick(client, htmx=True, commune_q="dong hung")

    assert offered(response) == ["00099"]


def test_province_choice_defaults_to_the_site_province(client, tree, settings):
    settings.BINHDAN_PROVINCE_CODE = tree.province.code

    html = pick(client, target="", htmx=True).content.decode()

    assert '<option value="33" selected>Tỉnh Hưng Yên</option>' in html
    assert '<option value="">Cả nước</option>' in html


def test_village_picker_offers_the_villages_of_one_commune(client, tree):
    response = pick(
        client, kind="thon-hoc", htmx=True, target="village-results", field="village",
        parent=tree.commune.code,
    )  # fmt: skip

    assert offered(response) == [tree.village.code, tree.village2.code]
    assert tree.ward_village.name not in response.content.decode()


def test_village_picker_takes_the_commune_from_the_chosen_radio(client, tree):
    # the identify page asks for the whole village picker when a commune radio is chosen
    response = pick(
        client, kind="thon-hoc", htmx=True, target="village-picker", field="village",
        parent_field="commune", commune=tree.ward.code,
    )  # fmt: skip

    html = response.content.decode()
    assert 'id="village-picker"' in html and 'id="village-q"' in html
    assert offered(response) == [tree.ward_village.code]


def test_village_picker_searches_without_diacritics(client, tree):
    response = pick(
        client, kind="thon-hoc", htmx=True, target="village-results", field="village",
        parent=tree.commune.code, village_q="tay",
    )  # fmt: skip

    assert offered(response) == [tree.village2.code]


def test_village_picker_without_a_commune_offers_nothing(client, tree):
    response = pick(client, kind="thon-hoc", htmx=True, target="village-picker", field="village")

    assert offered(response) == []
    assert "Chọn xã/phường ở trên trước" in response.content.decode()


def test_learner_pickers_offer_only_the_helpers_scope_in_assisted_mode(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.village))

    communes = pick(client, kind="xa-hoc", htmx=True, commune_q="a", commune_tinh="")
    villages = pick(
        client, kind="thon-hoc", htmx=True, target="village-results", field="village",
        parent=tree.commune.code,
    )  # fmt: skip

    assert offered(communes) == [tree.commune.code]
    assert offered(villages) == [tree.village.code]


def test_learner_commune_picker_offers_only_communes_with_villages(client, tree):
    commune(tree.province, "12009", "Xã Đông Không Thôn")

    response = pick(client, kind="xa-hoc", htmx=True, commune_q="dong")

    assert offered(response) == [tree.commune.code]


def test_few_choices_are_listed_before_anything_is_typed(client, tree):
    response = pick(client, kind="xa-hoc", htmx=True, target="", commune_tinh="")

    assert set(offered(response)) == {tree.commune.code, tree.ward.code, tree.other_commune.code}


def test_chosen_area_stays_offered_and_checked_while_searching_again(client, tree):
    response = pick(client, htmx=True, commune_q="pho hien", commune=tree.commune.code)

    html = response.content.decode()
    assert offered(response) == [tree.commune.code, tree.ward.code]
    assert f'value="{tree.commune.code}" checked' in html


def test_a_code_the_picker_does_not_offer_is_not_shown_as_chosen(client, tree):
    response = pick(client, htmx=True, commune_q="dong", commune=tree.village.code)  # a village

    assert offered(response) == [tree.commune.code]
    assert "checked" not in response.content.decode()


def test_optional_picker_offers_to_choose_no_commune(client, tree):
    response = pick(client, htmx=True, commune_q="dong hung", optional="1")

    assert offered(response) == [tree.commune.code, ""]
    assert "Không rõ / không muốn nói" in response.content.decode()


def test_picker_without_htmx_is_a_page_with_a_search_form(client, tree):
    response = pick(client, commune_q="dong hung")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html and 'name="commune_q"' in html
    assert "Xã Đông Hưng · Tỉnh Hưng Yên" in html


def test_unknown_picker_is_404(client, tree):
    assert pick(client, kind="tinh").status_code == 404


def test_field_name_is_kept_to_safe_characters(client, tree):
    response = pick(client, htmx=True, target="area-results", field='x"><script>', commune_q="dong")

    html = response.content.decode()
    assert "<script>" not in html
    assert 'name="area"' in html


def test_picker_answers_in_a_few_queries(client, tree, django_assert_max_num_queries):
    for n in range(30):
        commune(tree.province, f"3{n:04d}", f"Xã Đông {n}")

    with django_assert_max_num_queries(5):
        response = pick(client, htmx=True, commune_q="dong", commune=tree.commune.code)
    assert response.status_code == 200
    assert tree.commune.code in offered(response)


def test_area_labels_name_the_parent():
    province = Area(level=Area.Level.PROVINCE, name="Hưng Yên", kind="tỉnh")
    city = Area(level=Area.Level.PROVINCE, name="Thành phố Hà Nội", kind="thành phố trung ương")
    xa = Area(level=Area.Level.COMMUNE, name="Xã Đông Hưng", kind="xã", parent=province)
    thon = Area(level=Area.Level.VILLAGE, name="Thôn Đông", kind="thôn", parent=xa)

    assert picker.province_label(province) == "Tỉnh Hưng Yên"
    assert picker.province_label(city) == "Thành phố Hà Nội"
    assert picker.area_label(xa) == "Xã Đông Hưng · Tỉnh Hưng Yên"
    assert picker.area_label(thon) == "Thôn Đông · Xã Đông Hưng"
