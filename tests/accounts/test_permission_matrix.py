"""The permission matrix: role × area inside/outside the grant × action.

Every cell is checked three ways: the selector, the web UI and the API.
"""

import uuid

import pytest
from django.urls import reverse

from binhdan.accounts.models import Role
from binhdan.accounts.permissions import ROLE_ACTIONS, Action
from binhdan.accounts.selectors import user_can
from tests.accounts.factories import user_with_role
from tests.people.factories import PersonFactory

ALL_ROLES = list(Role.values)

# The expected matrix, written out so that a change to ROLE_ACTIONS is a deliberate one.
EXPECTED = {
    Role.PROVINCE_ADMIN: set(Action),
    Role.COMMUNE_OFFICER: set(Action) - {Action.CURRICULUM_EDIT},
    Role.TEAM_LEADER: {
        Action.AREA_VIEW,
        Action.PERSON_VIEW,
        Action.PERSON_CREATE,
        Action.PERSON_VIEW_SENSITIVE,
        Action.SESSION_VIEW,
        Action.CHECKIN_WRITE,
        Action.TEAM_VIEW,
        Action.VISIT_WRITE,
    },
    Role.VOLUNTEER: {Action.AREA_VIEW, Action.PERSON_CREATE, Action.VISIT_WRITE},
    Role.OPERATOR: {
        Action.AREA_VIEW,
        Action.PERSON_CREATE,
        Action.SESSION_VIEW,
        Action.CHECKIN_WRITE,
    },
    Role.INSTRUCTOR: {
        Action.AREA_VIEW,
        Action.CURRICULUM_EDIT,
        Action.LEARNING_VIEW,
        Action.SESSION_VIEW,
    },
}


def test_role_actions_table_is_the_expected_matrix():
    assert {role: set(actions) for role, actions in ROLE_ACTIONS.items()} == EXPECTED


CELLS = [(role, action) for role in ALL_ROLES for action in Action]


@pytest.mark.parametrize(("role", "action"), CELLS)
def test_selector_allows_inside_grant_only_when_role_has_action(tree, role, action):
    # given a grant over one commune
    user = user_with_role(role, tree.commune)

    # then: inside (the commune and its villages) as the table says
    expected = action in EXPECTED[role]
    assert user_can(user=user, action=action, area=tree.commune) is expected
    assert user_can(user=user, action=action, area=tree.village) is expected
    # and never outside: a sibling commune, its village, the province, another province
    for outside in (tree.ward, tree.ward_village, tree.province, tree.other_village):
        assert user_can(user=user, action=action, area=outside) is False


@pytest.mark.parametrize("role", ALL_ROLES)
def test_web_area_page_inside_ok_outside_not_found(client, tree, role):
    user = user_with_role(role, tree.commune)
    client.force_login(user)

    inside = client.get(reverse("areas:detail", args=[tree.village.code]))
    outside = client.get(reverse("areas:detail", args=[tree.ward_village.code]))

    assert inside.status_code == 200
    assert outside.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_api_area_inside_ok_outside_forbidden(client, tree, role):
    client.force_login(user_with_role(role, tree.commune))

    inside = client.get(f"/api/v1/areas/{tree.village.code}")
    outside = client.get(f"/api/v1/areas/{tree.ward_village.code}")

    assert inside.status_code == 200
    assert outside.status_code == 403
    assert outside.json()["code"] == "outside_scope"


@pytest.mark.parametrize("role", ALL_ROLES)
def test_api_area_list_never_shows_other_communes(client, tree, role):
    client.force_login(user_with_role(role, tree.commune))

    codes = {a["code"] for a in client.get("/api/v1/areas?limit=1000").json()["items"]}

    assert codes == {tree.commune.code, tree.village.code, tree.village2.code}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_person_read_follows_matrix_in_web_and_api(client, tree, role):
    # given one person inside the grant and one outside
    inside = PersonFactory(village=tree.village)
    outside = PersonFactory(village=tree.ward_village)
    client.force_login(user_with_role(role, tree.commune))
    can_view = Action.PERSON_VIEW in EXPECTED[role]

    # when
    web_inside = client.get(reverse("people:detail", args=[inside.pk]))
    web_outside = client.get(reverse("people:detail", args=[outside.pk]))
    api_inside = client.get(f"/api/v1/people/{inside.pk}")
    api_outside = client.get(f"/api/v1/people/{outside.pk}")
    api_list = client.get("/api/v1/people?limit=1000").json()["items"]

    # then
    assert web_inside.status_code == (200 if can_view else 404)
    assert api_inside.status_code == (200 if can_view else 404)
    assert web_outside.status_code == 404
    assert api_outside.status_code == 404
    assert {p["id"] for p in api_list} == ({inside.pk} if can_view else set())


@pytest.mark.parametrize("role", ALL_ROLES)
def test_person_create_follows_matrix_in_api(client, tree, role):
    client.force_login(user_with_role(role, tree.commune))
    can_create = Action.PERSON_CREATE in EXPECTED[role]

    def create(village):
        return client.post(
            "/api/v1/people",
            {
                "client_uuid": str(uuid.uuid4()),
                "village_code": village.code,
                "full_name": "Lê Văn B",
            },
            content_type="application/json",
        )

    assert create(tree.village).status_code == (201 if can_create else 403)
    assert create(tree.ward_village).status_code == 403
    assert create(tree.other_village).status_code == 403


@pytest.mark.parametrize("role", ALL_ROLES)
def test_village_import_page_follows_matrix(client, tree, role):
    client.force_login(user_with_role(role, tree.commune))
    can_manage = Action.VILLAGE_MANAGE in EXPECTED[role]

    inside = client.get(reverse("areas:import_villages", args=[tree.commune.code]))
    outside = client.get(reverse("areas:import_villages", args=[tree.ward.code]))

    assert inside.status_code == (200 if can_manage else 404)
    assert outside.status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_sensitive_flags_visible_only_to_roles_that_need_them(client, tree, role, province_admin):
    person = PersonFactory(
        village=tree.village,
        has_disability=True,
        household_status="poor",
        sensitive_consent_at="2025-11-01T08:00:00Z",
    )
    viewer = user_with_role(role, tree.commune)
    client.force_login(viewer)
    sees = Action.PERSON_VIEW_SENSITIVE in EXPECTED[role]

    response = client.get(f"/api/v1/people/{person.pk}")

    if Action.PERSON_VIEW not in EXPECTED[role]:
        assert response.status_code == 404
        return
    body = response.json()
    assert (body["has_disability"] is True) is sees
    assert (body["household_status"] == "poor") is sees
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert ("Hộ nghèo" in page) is sees
    client.force_login(province_admin)
    assert client.get(f"/api/v1/people/{person.pk}").json()["has_disability"] is True


def test_anonymous_gets_login_redirect_and_api_401(client, tree):
    assert client.get(reverse("areas:browse")).status_code == 302
    response = client.get("/api/v1/areas")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
