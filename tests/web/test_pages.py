"""Page details: styles, HTMX, area search, robots.txt, the header menu. That every route
renders, in Vietnamese, accessible, is tests/web/test_every_route.py."""

import re
from pathlib import Path

import pytest
from django.urls import reverse


@pytest.fixture
def admin_client(client, province_admin):
    client.force_login(province_admin)
    return client


def test_base_css_sets_18px_font_and_44px_targets(client, db):
    from django.contrib.staticfiles import finders

    css = Path(finders.find("web/app.css")).read_text(encoding="utf-8")
    assert "font-size: 112.5%" in css  # 18 px of a 16 px default
    assert "min-height: 48px" in css and "min-height: 44px" in css


def test_htmx_is_served_locally(client, db):
    html = client.get(reverse("web:home")).content.decode()
    assert re.search(r'<script src="/static/django_htmx/htmx-2[.\w]*js"', html)


def test_area_search_matches_without_diacritics(admin_client, tree):
    html = admin_client.get(reverse("areas:browse") + "?q=pho hien").content.decode()
    assert "Phường Phố Hiến" in html


def test_area_children_filter_returns_partial_for_htmx(admin_client, tree):
    response = admin_client.get(
        reverse("areas:detail", args=[tree.commune.code]) + "?q=tay",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="children",
    )
    html = response.content.decode()
    assert "Thôn Tây" in html
    assert "Thôn Đông" not in html
    assert "<html" not in html


def test_area_page_shows_village_counts(admin_client, tree):
    html = admin_client.get(reverse("areas:detail", args=[tree.province.code])).content.decode()
    assert "Xã Đông Hưng" in html
    assert "2 thôn/tổ" in html


def test_commune_officer_browse_goes_straight_to_the_commune(client, tree, commune_officer):
    client.force_login(commune_officer)
    response = client.get(reverse("areas:browse"))
    assert response["Location"] == reverse("areas:detail", args=[tree.commune.code])


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_demo_banner_shows_when_demo_loaded(client, db):
    from binhdan.demo.models import DemoDataset

    assert "Dữ liệu minh họa" not in client.get("/").content.decode()
    DemoDataset.objects.create(province_code="33", seed=1)
    from django.core.cache import cache

    cache.clear()
    assert "Dữ liệu minh họa" in client.get("/").content.decode()


def test_robots_txt_keeps_personal_pages_out_and_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /c/" in body
    assert "Disallow: /hoc-tap/" in body
    assert "Disallow: /doi-hinh/" in body
    assert "Disallow: /tinh-nguyen/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_header_puts_account_actions_in_a_menu_for_signed_in_users(client, commune_officer):
    anonymous = client.get(reverse("web:home")).content.decode()
    assert f'class="header-login" href="{reverse("accounts:login")}"' in anonymous
    assert "account-menu" not in anonymous

    user = commune_officer
    client.force_login(user)
    html = client.get(reverse("web:home")).content.decode()
    menu = html[html.index('<details class="account-menu">') : html.index("</details>")]
    assert reverse("accounts:profile") in menu
    assert f'action="{reverse("accounts:logout")}"' in menu
    assert user.get_username() in menu
    assert "header-login" not in html
