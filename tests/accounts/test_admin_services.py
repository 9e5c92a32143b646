"""Role grants and API tokens in the admin go through ``accounts.services``."""

import pytest
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts import services
from binhdan.accounts.models import ApiToken, Role, RoleGrant
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signed_in(client, superuser):
    client.force_login(superuser)


def _user_form(user, grants: list[dict], *, initial: int = 0) -> dict:
    now = timezone.localtime(user.date_joined)
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": "",
        "is_active": "on",
        "date_joined_0": now.strftime("%Y-%m-%d"),
        "date_joined_1": now.strftime("%H:%M:%S"),
        "grants-TOTAL_FORMS": str(len(grants)),
        "grants-INITIAL_FORMS": str(initial),
        "grants-MIN_NUM_FORMS": "0",
        "grants-MAX_NUM_FORMS": "1000",
    }
    for i, grant in enumerate(grants):
        data.update({f"grants-{i}-{key}": value for key, value in grant.items()})
    return data


def test_add_grant_in_admin_goes_through_role_grant(client, superuser, tree):
    # given a user without grants
    user = UserFactory()

    # when a superuser adds a grant in the user's admin page
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        _user_form(
            user, [{"area": tree.commune.pk, "role": Role.COMMUNE_OFFICER, "user": user.pk}]
        ),
    )

    # then the grant exists and records who granted it (the service's job)
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = RoleGrant.objects.get(user=user)
    assert (grant.area_id, grant.role, grant.granted_by_id) == (
        tree.commune.pk,
        Role.COMMUNE_OFFICER,
        superuser.pk,
    )


def test_change_existing_grant_ignored_in_admin(client, superuser, tree):
    # given a volunteer in one village
    user = user_with_role(Role.VOLUNTEER, tree.village)
    grant = RoleGrant.objects.get(user=user)

    # when the admin posts the grant with another area and role
    client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        _user_form(
            user,
            [
                {
                    "id": grant.pk,
                    "user": user.pk,
                    "area": tree.province.pk,
                    "role": Role.PROVINCE_ADMIN,
                }
            ],
            initial=1,
        ),
    )

    # then the grant is unchanged
    grant.refresh_from_db()
    assert (grant.area_id, grant.role) == (tree.village.pk, Role.VOLUNTEER)


def test_change_token_refused_in_admin(client, superuser):
    # given
    token = services.token_issue(actor=None, user=UserFactory(), name="Điện thoại").token

    # when the admin posts a new name and expiry
    response = client.post(
        reverse("admin:accounts_apitoken_change", args=[token.pk]),
        {"name": "Đổi tên", "expires_at_0": "2099-01-01", "expires_at_1": "00:00:00"},
    )

    # then
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.name == "Điện thoại"


def test_add_and_delete_token_refused_in_admin(client, superuser):
    token = services.token_issue(actor=None, user=UserFactory(), name="Điện thoại").token

    assert client.post(reverse("admin:accounts_apitoken_add"), {}).status_code == 403
    delete = reverse("admin:accounts_apitoken_delete", args=[token.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoke_action_revokes_through_service(client, superuser):
    # given a token that has just authenticated (so a worker remembers it)
    issued = services.token_issue(actor=None, user=UserFactory(), name="Điện thoại")
    assert services.token_authenticate(raw=issued.raw) is not None
    other = services.token_issue(actor=None, user=UserFactory(), name="Máy khác").token

    # when the admin revokes it with the action
    client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke_tokens", "_selected_action": [issued.token.pk]},
    )

    # then it is revoked, no longer accepted at once, and the other token is untouched
    issued.token.refresh_from_db()
    other.refresh_from_db()
    assert issued.token.revoked_at is not None
    assert services.token_authenticate(raw=issued.raw) is None
    assert other.revoked_at is None


def test_token_pages_render(client, superuser):
    token = services.token_issue(actor=None, user=UserFactory(), name="Điện thoại").token

    assert client.get(reverse("admin:accounts_apitoken_changelist")).status_code == 200
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    assert token.key_hash not in page.content.decode()
