import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from binhdan.accounts.models import ApiToken, Role, User
from binhdan.accounts.services import hash_token, token_authenticate, token_issue, token_revoke
from binhdan.core import recent
from binhdan.core.errors import InvalidInput, NotFound, OutsideScope
from tests.accounts.factories import UserFactory, user_with_role


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_issue_token_stores_only_its_hash(tree):
    user = user_with_role(Role.OPERATOR, tree.village)

    issued = token_issue(actor=user, user=user, name="Điện thoại điểm cầu")

    stored = ApiToken.objects.get()
    assert issued.raw.startswith("bd_")
    assert stored.key_hash == hash_token(issued.raw)
    assert issued.raw not in {stored.key_hash, stored.prefix, stored.name}


def test_token_authenticates_api_requests(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.status_code == 200
    assert response.json()["username"] == user.username
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_is_refused(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=user, user=user, name="máy 1")

    token_revoke(actor=user, token_id=issued.token.pk)
    response = client.get("/api/v1/me", **bearer(issued.raw))

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_wrong_token_is_refused(client, tree):
    response = client.get("/api/v1/me", **bearer("bd_not-a-real-token"))
    assert response.status_code == 401


def test_token_of_inactive_user_is_refused(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    user.is_active = False
    user.save()

    assert client.get("/api/v1/me", **bearer(raw)).status_code == 401


def test_officer_cannot_issue_token_for_operator_of_the_commune(tree, commune_officer):
    # given an officer and an operator of the officer's own commune
    operator = user_with_role(Role.OPERATOR, tree.village)

    # when the officer asks for a token acting as the operator, then it is refused
    with pytest.raises(OutsideScope) as error:
        token_issue(actor=commune_officer, user=operator, name="Điểm cầu thôn Đông")
    assert error.value.code == "token_other_user"
    assert not ApiToken.objects.exists()


def test_officer_cannot_issue_token_for_a_peer_officer(tree):
    officer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)
    peer = user_with_role(Role.COMMUNE_OFFICER, tree.commune)

    with pytest.raises(OutsideScope):
        token_issue(actor=officer, user=peer, name="x")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("flag", ["is_superuser", "is_staff"])
def test_officer_cannot_issue_token_for_superuser_or_staff_granted_in_the_commune(
    tree, flag, commune_officer
):
    # given a superuser (or staff member) whose only grant lies in the officer's commune
    admin = user_with_role(Role.OPERATOR, tree.village, **{flag: True})

    with pytest.raises(OutsideScope):
        token_issue(actor=commune_officer, user=admin, name="x")
    assert not ApiToken.objects.exists()


def test_officer_cannot_issue_token_for_user_of_another_commune(tree, commune_officer):
    stranger = user_with_role(Role.OPERATOR, tree.ward_village)

    with pytest.raises(OutsideScope):
        token_issue(actor=commune_officer, user=stranger, name="x")


def test_tokens_page_issues_only_for_oneself_whatever_user_is_posted(client, tree, commune_officer):
    # given an officer on the tokens page, and a superuser granted in the officer's commune
    admin = user_with_role(Role.OPERATOR, tree.village, is_superuser=True, is_staff=True)
    client.force_login(commune_officer)

    # when the form is posted naming the superuser (the old form's "user" field)
    response = client.post(reverse("accounts:tokens"), {"name": "Máy A", "user": admin.pk})

    # then the only token issued acts as the officer
    assert response.status_code == 200
    assert list(ApiToken.objects.values_list("user_id", flat=True)) == [commune_officer.pk]
    assert f'value="{admin.pk}"' not in response.content.decode()


def test_tokens_page_shows_expiry_kind_and_last_use(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=user, user=user, name="Máy A")
    used = timezone.now() - dt.timedelta(hours=3)
    ApiToken.objects.update(last_used_at=used)
    client.force_login(user)

    text = client.get(reverse("accounts:tokens")).content.decode()

    local = timezone.localtime
    assert local(issued.token.expires_at).strftime("%H:%M %d/%m/%Y") in text
    assert local(used).strftime("%H:%M %d/%m/%Y") in text
    assert "Cá nhân" in text


def test_issued_token_expires_after_the_configured_days(tree, settings):
    settings.BINHDAN_TOKEN_DAYS = 30
    user = UserFactory()
    before = timezone.now()

    issued = token_issue(actor=user, user=user, name="máy 1")

    assert before + dt.timedelta(days=30) <= issued.token.expires_at
    assert issued.token.expires_at <= timezone.now() + dt.timedelta(days=30)


def test_expired_token_is_401(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_expired_token_page_shows_it_expired_without_a_revoke_button(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=user, user=user, name="Máy A")
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(user)

    text = client.get(reverse("accounts:tokens")).content.decode()

    assert "Đã hết hạn" in text
    assert reverse("accounts:token_revoke", args=[issued.token.pk]) not in text


def test_a_remembered_token_is_not_trusted_past_its_expiry(tree, settings, monkeypatch):
    # given a 5 s window and a token expiring in 3 s, checked once
    settings.BINHDAN_TOKEN_CACHE_SECONDS = 5
    clock = [1000.0]
    monkeypatch.setattr(recent.time, "monotonic", lambda: clock[0])
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    expires_at = timezone.now() + dt.timedelta(seconds=3)
    ApiToken.objects.update(expires_at=expires_at)
    assert token_authenticate(raw=raw) == user

    # when it has expired (still inside the worker's window), then it is refused
    monkeypatch.setattr(
        "binhdan.accounts.services.timezone.now", lambda: expires_at + dt.timedelta(seconds=1)
    )
    clock[0] += 4
    assert token_authenticate(raw=raw) is None


def test_token_check_is_one_query_then_none_within_the_window(tree, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.BINHDAN_TOKEN_CACHE_SECONDS = 5
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    ApiToken.objects.update(last_used_at=timezone.now())

    with CaptureQueriesContext(connection) as first:
        assert token_authenticate(raw=raw) == user
    with CaptureQueriesContext(connection) as again:
        assert token_authenticate(raw=raw) == user

    assert len(first) == 1
    assert "expires_at" in first[0]["sql"]
    assert len(again) == 0


def test_issue_token_without_name_is_refused(tree):
    user = UserFactory()
    with pytest.raises(InvalidInput) as error:
        token_issue(actor=user, user=user, name="  ")
    assert error.value.code == "token_name_required"


def test_user_cannot_revoke_someone_elses_token(tree):
    owner, other = UserFactory(), UserFactory()
    issued = token_issue(actor=owner, user=owner, name="x")

    with pytest.raises(NotFound):
        token_revoke(actor=other, token_id=issued.token.pk)
    assert ApiToken.objects.get().revoked_at is None


def test_tokens_page_shows_new_token_once(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    client.force_login(user)

    issued_page = client.post(reverse("accounts:tokens"), {"name": "Máy A"})
    raw = ApiToken.objects.get()
    later_page = client.get(reverse("accounts:tokens"))

    text = issued_page.content.decode()
    assert "chỉ hiện một lần" in text
    assert raw.prefix in text
    assert "no-store" in issued_page["Cache-Control"] or "no-cache" in issued_page["Cache-Control"]
    token_in_page = text.split('id="new-token">')[1].split("<")[0]
    assert hash_token(token_in_page) == raw.key_hash
    assert token_in_page not in later_page.content.decode()


def test_tokens_page_revoke_button_revokes(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=user, user=user, name="Máy A")
    client.force_login(user)

    response = client.post(reverse("accounts:token_revoke", args=[issued.token.pk]))

    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_tokens_page_revoking_someone_elses_token_is_404_like_a_missing_one(
    client, tree, commune_officer
):
    owner = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=owner, user=owner, name="Máy A")
    client.force_login(commune_officer)

    foreign = client.post(reverse("accounts:token_revoke", args=[issued.token.pk]))
    missing = client.post(reverse("accounts:token_revoke", args=[issued.token.pk + 1000]))

    assert foreign.status_code == missing.status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_issue_token_command_prints_token_once(tree):
    user = UserFactory(username="diemcau1")
    out, err = StringIO(), StringIO()

    call_command("issue_token", "diemcau1", "--name", "máy điểm cầu", stdout=out, stderr=err)

    raw = out.getvalue().strip()
    assert ApiToken.objects.get(user=user).key_hash == hash_token(raw)


def test_token_use_is_written_at_most_once_a_minute(tree, settings):
    settings.BINHDAN_TOKEN_CACHE_SECONDS = 0
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    recent = timezone.now() - dt.timedelta(seconds=20)
    ApiToken.objects.update(last_used_at=recent)

    token_authenticate(raw=raw)
    assert ApiToken.objects.get().last_used_at == recent

    ApiToken.objects.update(last_used_at=recent - dt.timedelta(minutes=2))
    token_authenticate(raw=raw)
    assert ApiToken.objects.get().last_used_at > recent


def test_token_authenticate_returns_the_user_as_stored(tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    stored = User.objects.get(pk=user.pk)

    found = token_authenticate(raw=raw)

    assert isinstance(found, User)
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(stored, field.attname), field.name
    assert found.is_superuser is False
    assert isinstance(found.date_joined, dt.datetime)


def test_a_revoked_token_is_refused_at_once_even_just_after_use(client, tree):
    user = user_with_role(Role.OPERATOR, tree.village)
    issued = token_issue(actor=user, user=user, name="máy 1")
    assert client.get("/api/v1/me", **bearer(issued.raw)).status_code == 200

    token_revoke(actor=user, token_id=issued.token.pk)

    assert client.get("/api/v1/me", **bearer(issued.raw)).status_code == 401


def test_a_recently_checked_token_is_trusted_only_for_the_configured_seconds(
    tree, settings, monkeypatch
):
    # given a token checked a moment ago, whose user is then deactivated elsewhere
    settings.BINHDAN_TOKEN_CACHE_SECONDS = 5
    clock = [1000.0]
    monkeypatch.setattr(recent.time, "monotonic", lambda: clock[0])
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    assert token_authenticate(raw=raw) == user
    User.objects.filter(pk=user.pk).update(is_active=False)

    # then it is trusted within the window, and refused once the window has passed
    clock[0] += 4
    assert token_authenticate(raw=raw) == user
    clock[0] += 2
    assert token_authenticate(raw=raw) is None


def test_without_the_window_every_request_checks_the_token(tree, settings):
    settings.BINHDAN_TOKEN_CACHE_SECONDS = 0
    user = user_with_role(Role.OPERATOR, tree.village)
    raw = token_issue(actor=user, user=user, name="máy 1").raw
    assert token_authenticate(raw=raw) == user
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert token_authenticate(raw=raw) is None
