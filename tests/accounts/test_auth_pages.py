import re

from django.core import mail
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory


def test_login_page_is_vietnamese(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page


def test_login_with_right_password_goes_to_dashboard(client, db):
    user = UserFactory()

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")


def test_login_with_wrong_password_explains_in_vietnamese(client, db):
    user = UserFactory()

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "sai"}
    )

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_logout_ends_the_session(client, db):
    client.force_login(UserFactory())

    client.post(reverse("accounts:logout"))

    assert client.get(reverse("web:dashboard")).status_code == 302


def test_password_change_then_login_with_new_password(client, db):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "mat-khau-moi-rat-dai-2025",
            "new_password2": "mat-khau-moi-rat-dai-2025",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mat-khau-moi-rat-dai-2025")


def test_password_reset_sends_link_that_sets_a_new_password(client, db):
    user = UserFactory(email="canbo@example.invalid")

    client.post(reverse("accounts:password_reset"), {"email": "canbo@example.invalid"})

    assert len(mail.outbox) == 1
    assert "Đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "mot-mat-khau-moi-2025", "new_password2": "mot-mat-khau-moi-2025"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mot-mat-khau-moi-2025")


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "ai@example.invalid"})

    assert response.status_code == 302
    assert mail.outbox == []
