"""The web's one error mapper (binhdan.web.middleware): a domain error raised in a view
becomes the right page or HTMX partial; outside scope is a 404 everywhere; /api/ keeps
its JSON errors."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import path, reverse

from binhdan.accounts.models import Role
from binhdan.config.urls import urlpatterns as project_urlpatterns
from binhdan.core.errors import Conflict, InvalidInput, NotFound, OutsideScope
from binhdan.web.middleware import DomainErrorMiddleware
from tests.accounts.factories import user_with_role
from tests.scamcheck.factories import ScamReportFactory

pytestmark = pytest.mark.django_db

ERRORS = {
    "not-found": NotFound,
    "outside-scope": OutsideScope,
    "invalid": lambda: InvalidInput("Số điện thoại chưa đúng."),
    "conflict": lambda: Conflict("Buổi học đã kết thúc."),
}


def _raise(request, kind: str):
    raise ERRORS[kind]()


urlpatterns = [path("thu-loi/<slug:kind>/", _raise), *project_urlpatterns]
handler404 = "binhdan.web.views.page_not_found"

mapped = override_settings(ROOT_URLCONF="tests.web.test_domain_error_mapping")
HTMX = {"HTTP_HX_REQUEST": "true"}


@mapped
def test_not_found_answers_the_vietnamese_404_page(client):
    response = client.get("/thu-loi/not-found/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


@mapped
def test_outside_scope_answers_the_same_404_page(client):
    outside = client.get("/thu-loi/outside-scope/")
    missing = client.get("/thu-loi/not-found/")

    assert outside.status_code == 404
    assert _main(outside) == _main(missing)  # nothing tells the two apart


def _main(response) -> str:
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


@mapped
def test_invalid_input_for_htmx_answers_a_422_alert_partial(client):
    response = client.get("/thu-loi/invalid/", **HTMX)

    html = response.content.decode()
    assert response.status_code == 422
    assert 'role="alert"' in html
    assert "Số điện thoại chưa đúng." in html
    assert "site-header" not in html  # a partial, not a page
    assert 'data-code="invalid"' in html


@mapped
def test_invalid_input_on_a_full_page_shows_the_message_in_the_error_page(client):
    response = client.get("/thu-loi/invalid/")

    html = response.content.decode()
    assert response.status_code == 422
    assert "Số điện thoại chưa đúng." in html
    assert 'class="site-header"' in html


@mapped
def test_conflict_for_htmx_answers_a_409_alert_partial(client):
    response = client.get("/thu-loi/conflict/", **HTMX)

    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert "Buổi học đã kết thúc." in response.content.decode()


@mapped
def test_conflict_on_a_full_page_shows_the_message_in_the_error_page(client):
    response = client.get("/thu-loi/conflict/")

    assert response.status_code == 409
    assert "Buổi học đã kết thúc." in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_middleware_leaves_api_paths_to_the_api_mapper():
    middleware = DomainErrorMiddleware(lambda request: None)
    request = RequestFactory().get("/api/v1/areas/99")

    assert middleware.process_exception(request, NotFound()) is None


def test_middleware_ignores_errors_that_are_not_domain_errors():
    middleware = DomainErrorMiddleware(lambda request: None)
    request = RequestFactory().get("/dia-ban/")

    assert middleware.process_exception(request, ValueError("x")) is None


def test_api_outside_scope_stays_json(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.get(f"/api/v1/areas/{tree.ward_village.code}")

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "outside_scope"


def test_area_outside_scope_is_404_in_the_web(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.get(reverse("areas:detail", args=[tree.ward_village.code]))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_scam_moderation_without_the_role_is_404(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.get(reverse("scamcheck:moderation"))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_scam_moderation_of_another_communes_report_is_404(client, tree, other_commune_officer):
    report = ScamReportFactory(area=tree.village)
    client.force_login(other_commune_officer)

    response = client.post(
        reverse("scamcheck:moderate_report", args=[report.pk]), {"decision": "confirm"}, **HTMX
    )

    assert response.status_code == 404


def test_scam_moderation_bad_decision_answers_the_htmx_partial(client, tree, commune_officer):
    ScamReportFactory(area=tree.village)
    client.force_login(commune_officer)

    response = client.post(
        reverse("scamcheck:moderate_group"),
        {"kind": "phone", "value": "+84900000123", "decision": "maybe"},
        **HTMX,
    )

    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()


def test_authoring_without_the_role_is_404(client, tree):
    client.force_login(user_with_role(Role.VOLUNTEER, tree.commune))

    response = client.get(reverse("authoring:topic_list"))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
