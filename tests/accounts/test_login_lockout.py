"""Brute-force protection on the logins (django-axes) and on password reset.

The lockout is keyed by the pair (client, username): the client is an IPv4 address or an
IPv6 /64, read like the rate limits (X-Forwarded-For only from our own proxies). So a
colleague behind the same commune-office NAT can still log in, the same username from
another network can too, and rotating addresses inside one /64 does not help an attacker.
"""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"
LOCKOUT_TEXT = "Tạm khóa đăng nhập"


def post_login(client, username, password, *, url=LOGIN, address="203.0.113.5", **extra):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def fail_times(client, username, times, **kwargs):
    for _ in range(times):
        post_login(client, username, "sai-mat-khau", **kwargs)


def test_login_after_ten_wrong_passwords_is_locked_even_with_the_right_one(client, settings):
    # given a staff user and ten wrong passwords from one address
    assert settings.AXES_FAILURE_LIMIT == 10
    user = UserFactory()
    fail_times(client, user.username, 9)
    tenth = post_login(client, user.username, "sai-mat-khau")

    # when the right password comes next
    response = post_login(client, user.username, PASSWORD)

    # then the lockout page answers 429, in Vietnamese, inside the site layout
    assert tenth.status_code == 429
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKOUT_TEXT in page
    assert "15 phút" in page
    assert 'class="site-header"' in page
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not_lock_out(client):
    user = UserFactory()
    fail_times(client, user.username, 9)

    response = post_login(client, user.username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")


def test_login_success_clears_the_failures(client):
    # given nine failures, then a successful login and a logout
    user = UserFactory()
    fail_times(client, user.username, 9)
    post_login(client, user.username, PASSWORD)
    client.post(reverse("accounts:logout"))

    # when the user mistypes once more
    response = post_login(client, user.username, "sai-mat-khau")

    # then it is one failure, not the tenth
    assert response.status_code == 200
    assert AccessAttempt.objects.filter(username=user.username).count() == 1


def test_another_username_from_the_same_address_is_not_locked(client):
    # given a user locked out from the commune office's shared address
    locked, colleague = UserFactory(), UserFactory()
    fail_times(client, locked.username, 10)

    # when a colleague logs in from the same address
    response = post_login(client, colleague.username, PASSWORD)

    # then the lockout is per (address, username): the colleague is in
    assert response.status_code == 302


def test_the_same_username_from_another_network_is_not_locked(client):
    user = UserFactory()
    fail_times(client, user.username, 10, address="203.0.113.5")

    response = post_login(client, user.username, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302


def test_other_addresses_in_the_same_ipv6_64_stay_locked(client):
    # given ten failures spread over ten addresses of one /64
    user = UserFactory()
    for n in range(10):
        post_login(client, user.username, "sai-mat-khau", address=f"2001:db8:7:8::{n + 1:x}")

    # when an eleventh address of the same /64 tries the right password
    response = post_login(client, user.username, PASSWORD, address="2001:db8:7:8:ffff::1")

    # then it is still the same client, locked out
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()


def test_forged_forwarded_header_does_not_escape_the_lockout(client, settings):
    settings.BINHDAN_PROXY_COUNT = 0
    user = UserFactory()
    for n in range(10):
        post_login(client, user.username, "sai", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")

    response = post_login(client, user.username, PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.99")

    assert response.status_code == 429


def test_admin_login_is_locked_too(client):
    # given a superuser and ten wrong passwords at the admin login
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    fail_times(client, admin_user.username, 10, url=ADMIN_LOGIN)

    # when the right password is sent to the admin login
    response = post_login(client, admin_user.username, PASSWORD, url=ADMIN_LOGIN)

    # then it is refused with the lockout page
    assert response.status_code == 429
    assert LOCKOUT_TEXT in response.content.decode()
    assert client.get("/quan-tri/").status_code == 302


def test_failures_at_the_staff_login_lock_the_admin_login(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    fail_times(client, admin_user.username, 10)

    response = post_login(client, admin_user.username, PASSWORD, url=ADMIN_LOGIN)

    assert response.status_code == 429


def test_admin_login_with_right_password_opens_the_admin(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)

    response = post_login(client, admin_user.username, PASSWORD, url=ADMIN_LOGIN)

    assert response.status_code == 302
    assert response["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_admin_login_keeps_the_page_asked_for(client):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    form = client.get("/quan-tri/", follow=True)
    assert form.redirect_chain[-1][0].startswith(ADMIN_LOGIN)

    response = client.post(
        form.redirect_chain[-1][0],
        {"username": admin_user.username, "password": PASSWORD, "next": "/quan-tri/accounts/"},
    )

    assert response["Location"] == "/quan-tri/accounts/"


def test_password_reset_is_rate_limited_per_address(client):
    # given a user who asks for five reset mails from one address
    UserFactory(email="canbo@example.invalid")
    for _ in range(5):
        ok = client.post(
            reverse("accounts:password_reset"),
            {"email": "canbo@example.invalid"},
            REMOTE_ADDR="203.0.113.9",
        )
        assert ok.status_code == 302

    # when a sixth request comes from the same address
    response = client.post(
        reverse("accounts:password_reset"),
        {"email": "canbo@example.invalid"},
        REMOTE_ADDR="203.0.113.9",
    )

    # then it is refused in Vietnamese and no sixth mail goes out
    assert response.status_code == 429
    assert "thử lại sau 15 phút" in response.content.decode()
    assert len(mail.outbox) == 5
