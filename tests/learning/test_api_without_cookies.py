"""The quiz-attempt endpoint through a real HTTP client, as a phone app calls it.

Django's test client skips CSRF checks; a real client does not, so these go over a socket.
"""

import http.client
import json
import uuid
from urllib.parse import urlsplit

import pytest

from binhdan.accounts.models import Role
from binhdan.learning.models import QuizAttempt
from tests.accounts.factories import PASSWORD, user_with_role
from tests.learning.test_api import body

pytestmark = pytest.mark.django_db(transaction=True)


def _post(live_server, payload: dict, headers: dict | None = None) -> tuple[int, dict]:
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.request(
        "POST",
        "/api/v1/quiz-attempts",
        body=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    response = connection.getresponse()
    data = json.loads(response.read() or b"{}")
    connection.close()
    return response.status, data


def test_app_without_cookies_submits_an_attempt(live_server, quiz, tree):
    status, data = _post(live_server, body(quiz, tree))

    assert status == 201, data
    assert data["passed"] is True
    assert QuizAttempt.objects.get().assisted_by is None


def test_a_session_cookie_without_csrf_token_is_still_refused(live_server, quiz, tree, client):
    helper = user_with_role(Role.VOLUNTEER, tree.village)
    client.login(username=helper.username, password=PASSWORD)
    session_cookie = client.cookies["sessionid"].value

    status, data = _post(
        live_server,
        body(quiz, tree, client_uuid=str(uuid.uuid4())),
        headers={"Cookie": f"sessionid={session_cookie}"},
    )

    assert status == 403
    assert data["code"] == "csrf_failed"
    assert not QuizAttempt.objects.exists()
