"""Every page renders, in Vietnamese, accessible, and asks nothing from another host."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from tests.accounts.factories import user_with_role
from tests.people.factories import PersonFactory

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)


def staff_pages(tree, person):
    return [
        reverse("web:home"),
        reverse("web:dashboard"),
        reverse("areas:browse") + "?q=dong",
        reverse("areas:detail", args=[tree.province.code]),
        reverse("areas:detail", args=[tree.commune.code]),
        reverse("areas:detail", args=[tree.village.code]),
        reverse("areas:import_villages", args=[tree.commune.code]),
        reverse("people:list"),
        reverse("people:create"),
        reverse("people:detail", args=[person.pk]),
        reverse("accounts:profile"),
        reverse("accounts:tokens"),
        reverse("accounts:password_change"),
        reverse("cards:person", args=[person.pk]),
        reverse("scamcheck:moderation"),
        reverse("scamcheck:stats"),
        reverse("classes:calendar"),
        reverse("classes:points", args=[tree.commune.code]),
        reverse("console:home"),
        reverse("authoring:topic_list"),
        reverse("learning:staff_progress"),
        reverse("learning:staff_certificates"),
    ]


@pytest.fixture
def admin_client(client, tree):
    client.force_login(user_with_role(Role.PROVINCE_ADMIN, tree.province))
    return client


def test_every_staff_page_renders_accessibly(admin_client, tree):
    person = PersonFactory(village=tree.village)
    for url in staff_pages(tree, person):
        response = admin_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<html lang="vi">' in html, url
        assert 'class="skip-link" href="#main"' in html, url
        assert 'id="main"' in html, url
        assert not EXTERNAL.search(html), f"{url} loads something from another host"


@pytest.mark.parametrize(
    "name",
    [
        "accounts:login",
        "accounts:password_reset",
        "web:home",
        "scamcheck:check",
        "scamcheck:report",
        "curriculum:topic_list",
        "learning:certificate_lookup",
        "learning:my_learning",
    ],
)
def test_public_pages_render_without_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert not EXTERNAL.search(response.content.decode())


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


def test_commune_officer_browse_goes_straight_to_the_commune(client, tree):
    client.force_login(user_with_role(Role.COMMUNE_OFFICER, tree.commune))
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
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_header_puts_account_actions_in_a_menu_for_signed_in_users(client, tree):
    anonymous = client.get(reverse("web:home")).content.decode()
    assert f'class="header-login" href="{reverse("accounts:login")}"' in anonymous
    assert "account-menu" not in anonymous

    user = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    client.force_login(user)
    html = client.get(reverse("web:home")).content.decode()
    menu = html[html.index('<details class="account-menu">') : html.index("</details>")]
    assert reverse("accounts:profile") in menu
    assert f'action="{reverse("accounts:logout")}"' in menu
    assert user.get_username() in menu
    assert "header-login" not in html
