"""The lockout through a real HTTP server and client: cookies, CSRF and the middleware stack
as a browser meets them (no test-client shortcuts)."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LOGIN = "/tai-khoan/dang-nhap/"


class Browser:
    """Just enough of a browser: one connection per request, a cookie jar, no redirects."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, text

    def login(self, username: str, password: str):
        _page, html = self.request("GET", LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.request(
            "POST",
            LOGIN,
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )


def test_ten_wrong_passwords_lock_out_a_real_http_client(live_server):
    # given a staff user and a client that got its CSRF cookie from the login page
    user = UserFactory()
    browser = Browser(live_server.url)
    first, first_page = browser.login(user.username, "sai-mat-khau")
    assert first.status == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in first_page

    # when nine more wrong passwords are followed by the right one
    for _ in range(9):
        browser.login(user.username, "sai-mat-khau")
    response, page = browser.login(user.username, PASSWORD)

    # then the server answers 429 with the Vietnamese lockout page and no session
    assert response.status == 429
    assert "Tạm khóa đăng nhập" in page
    assert "kể cả khi nhập đúng mật khẩu" in page
    assert response.getheader("Retry-After") == "900"
    assert "sessionid" not in browser.cookies


def test_right_password_logs_in_a_real_http_client(live_server):
    user = UserFactory()
    browser = Browser(live_server.url)

    response, _page = browser.login(user.username, PASSWORD)

    assert response.status == 302
    assert response.getheader("Location") == "/bang-dieu-khien/"
    assert "sessionid" in browser.cookies
