import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from binhdan.core.recent import forget_everything

TEST_IDENTITY_KEY = "test-identity-key-" + "k" * 32


@pytest.fixture(autouse=True)
def _identity_key(settings):
    settings.BINHDAN_IDENTITY_KEY = TEST_IDENTITY_KEY


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    forget_everything()
    yield
    cache.clear()
    forget_everything()


class AxesAwareClient(Client):
    """django-axes refuses ``authenticate()`` without a request, and the test client's
    ``login()`` passes none: give it one, as the django-axes documentation advises."""

    def login(self, **credentials):
        if "request" not in credentials:
            request = HttpRequest()
            request.META["REMOTE_ADDR"] = "127.0.0.1"
            credentials["request"] = request
        return super().login(**credentials)


@pytest.fixture
def client():
    return AxesAwareClient()


@pytest.fixture(autouse=True)
def _outbox_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def tree(db):
    """Two provinces; the first with two communes (a xã and a phường) and three villages."""
    from tests.areas.factories import build_tree

    return build_tree()
