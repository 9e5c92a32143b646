"""binhdan.E001: production refuses a per-process cache for the rate limits.

The cache settings are overridden only around the check itself (``override_settings`` as a
context manager), so the suite's cache clean-up never talks to the configured backend.
"""

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis.invalid:6379/0",
    }
}
DATABASE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "binhdan_cache",
    }
}


def errors_with(*, env: str, caches: dict):
    with override_settings(BINHDAN_ENV=env, CACHES=caches):
        found = checks.run_checks(tags=[checks.Tags.caches])
    return [e for e in found if e.id == "binhdan.E001"]


def test_production_with_local_memory_cache_is_an_error():
    errors = errors_with(env="production", caches=LOCMEM)

    assert len(errors) == 1
    assert errors[0].level == checks.ERROR
    assert "REDIS_URL" in errors[0].hint


def test_production_with_local_memory_cache_stops_manage_commands():
    with (
        override_settings(BINHDAN_ENV="production", CACHES=LOCMEM),
        pytest.raises(SystemCheckError, match=r"binhdan\.E001"),
    ):
        call_command("check")


def test_production_with_redis_passes():
    assert errors_with(env="production", caches=REDIS) == []


def test_production_with_database_cache_passes():
    assert errors_with(env="production", caches=DATABASE) == []


def test_development_with_local_memory_cache_passes():
    assert errors_with(env="development", caches=LOCMEM) == []
