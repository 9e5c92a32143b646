import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client

from binhdan.accounts.models import Role
from binhdan.core.recent import forget_everything
from tests.accounts.factories import UserFactory, user_with_role

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


# -- role users on the ``tree`` ---------------------------------------------------------------
# Each is a fresh user with one grant; a module keeps its own fixture only when it needs a
# different area (e.g. an instructor of a commune).


@pytest.fixture
def province_admin(tree):
    """Quản trị tỉnh of Hưng Yên (tree.province)."""
    return user_with_role(Role.PROVINCE_ADMIN, tree.province)


@pytest.fixture
def commune_officer(tree):
    """Cán bộ Đoàn of Xã Đông Hưng (tree.commune)."""
    return user_with_role(Role.COMMUNE_OFFICER, tree.commune)


@pytest.fixture
def other_commune_officer(tree):
    """Cán bộ Đoàn of Phường Phố Hiến (tree.ward): same province, outside tree.commune."""
    return user_with_role(Role.COMMUNE_OFFICER, tree.ward)


@pytest.fixture
def operator(db):
    """A user without grants: operators act through the points they are attached to
    (``BridgePointFactory(operators=[operator])``)."""
    return UserFactory()


@pytest.fixture
def instructor(tree):
    """Giảng viên / biên soạn of the province."""
    return user_with_role(Role.INSTRUCTOR, tree.province)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client
