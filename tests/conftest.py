import pytest
from django.core.cache import cache

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


@pytest.fixture(autouse=True)
def _outbox_in_memory(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def tree(db):
    """Two provinces; the first with two communes (a xã and a phường) and three villages."""
    from tests.areas.factories import build_tree

    return build_tree()
