"""Two-factor login (TOTP) for province admins and superusers."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
CODE = "/tai-khoan/dang-nhap/ma-xac-thuc/"
TWO_FACTOR = "/tai-khoan/xac-thuc-hai-buoc/"
ADDRESS = "203.0.113.40"


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's phone shows (``steps_ahead`` 30-second steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = {code_for(device, steps_ahead=n) for n in (-1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444") if c not in right)


@pytest.fixture(autouse=True)
def _no_code_backoff(settings):
    # django-otp waits 1, 2, 4 … seconds after a wrong code; the tests type at machine speed
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def enroll(client, user) -> TOTPDevice:
    client.force_login(user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(TWO_FACTOR, {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def password_step(client, user, password=PASSWORD, **extra):
    return client.post(
        LOGIN, {"username": user.username, "password": password}, REMOTE_ADDR=ADDRESS, **extra
    )


def test_province_admin_sees_qr_code_and_secret_to_enroll(client, province_admin):
    client.force_login(province_admin)

    profile = client.get("/tai-khoan/").content.decode()
    page = client.get(TWO_FACTOR)

    assert TWO_FACTOR in profile
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html
    device = TOTPDevice.objects.get(user=province_admin, confirmed=False)
    secret = page.context["secret"]
    assert secret.replace(" ", "") in device.config_url
    assert secret in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_reloading_the_enroll_page_keeps_the_same_secret(client, province_admin):
    client.force_login(province_admin)

    first = client.get(TWO_FACTOR).context["secret"]
    second = client.get(TWO_FACTOR).context["secret"]

    assert first == second
    assert TOTPDevice.objects.filter(user=province_admin).count() == 1


def test_enroll_with_wrong_code_keeps_two_factor_off(client, province_admin):
    client.force_login(province_admin)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=province_admin)

    response = client.post(TWO_FACTOR, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_two_factor_login_asks_for_the_code_after_the_password(client, province_admin):
    # given a province admin who turned two-factor login on, then logged out
    device = enroll(client, province_admin)
    client.post("/tai-khoan/dang-xuat/")

    # when they log in with the right password
    response = password_step(client, province_admin)

    # then they are asked for the code and are not logged in yet
    assert response.status_code == 302
    assert response["Location"] == CODE
    assert "_auth_user_id" not in client.session
    assert client.get("/bang-dieu-khien/").status_code == 302
    assert "Nhập mã xác thực" in client.get(CODE).content.decode()

    # when they type a wrong code
    refused = client.post(CODE, {"code": wrong_code(device)}, REMOTE_ADDR=ADDRESS)

    # then it is refused and they are still not logged in
    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    # when they type the code their phone shows
    accepted = client.post(CODE, {"code": code_for(device, steps_ahead=1)}, REMOTE_ADDR=ADDRESS)

    # then they are logged in and land on the dashboard
    assert accepted.status_code == 302
    assert accepted["Location"] == "/bang-dieu-khien/"
    assert int(client.session["_auth_user_id"]) == province_admin.pk
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get("/bang-dieu-khien/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, province_admin):
    device = enroll(client, province_admin)
    client.post("/tai-khoan/dang-xuat/")
    code = code_for(device, steps_ahead=1)
    password_step(client, province_admin)
    assert client.post(CODE, {"code": code}, REMOTE_ADDR=ADDRESS).status_code == 302
    client.post("/tai-khoan/dang-xuat/")

    password_step(client, province_admin)
    response = client.post(CODE, {"code": code}, REMOTE_ADDR=ADDRESS)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_code_page_without_the_password_step_goes_back_to_login(client, province_admin):
    response = client.post(CODE, {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_wrong_codes_count_toward_the_lockout(client, province_admin):
    # given nine wrong passwords, then the right password
    device = enroll(client, province_admin)
    client.post("/tai-khoan/dang-xuat/")
    for _ in range(9):
        password_step(client, province_admin, password="sai-mat-khau")
    assert password_step(client, province_admin)["Location"] == CODE

    # when the code is wrong (the tenth failure)
    response = client.post(CODE, {"code": wrong_code(device)}, REMOTE_ADDR=ADDRESS)

    # then the lockout page answers, and the right code no longer helps
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    again = client.post(CODE, {"code": code_for(device, steps_ahead=1)}, REMOTE_ADDR=ADDRESS)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_asks_for_the_code_too(client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    device = enroll(client, superuser)
    client.post("/tai-khoan/dang-xuat/")

    response = client.post(
        "/quan-tri/login/",
        {"username": superuser.username, "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )

    assert response["Location"] == CODE
    assert client.get("/quan-tri/").status_code == 302
    done = client.post(CODE, {"code": code_for(device, steps_ahead=1)}, REMOTE_ADDR=ADDRESS)
    assert done["Location"] == "/quan-tri/"
    assert client.get("/quan-tri/").status_code == 200


def test_turn_two_factor_off_with_a_current_code(client, province_admin):
    device = enroll(client, province_admin)

    response = client.post(TWO_FACTOR, {"code": code_for(device, steps_ahead=1)})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=province_admin).exists()
    client.post("/tai-khoan/dang-xuat/")
    assert password_step(client, province_admin)["Location"] == "/bang-dieu-khien/"


def test_commune_officer_does_not_see_two_factor(client, tree, commune_officer):
    client.force_login(commune_officer)

    profile = client.get("/tai-khoan/").content.decode()
    response = client.get(TWO_FACTOR)

    assert TWO_FACTOR not in profile
    assert response.status_code == 404
    assert client.post(TWO_FACTOR, {"code": "123456"}).status_code == 404
    assert not TOTPDevice.objects.filter(user=commune_officer).exists()


def test_two_factor_page_needs_login(client):
    response = client.get(TWO_FACTOR)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
