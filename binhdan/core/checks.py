"""System checks for settings that work on a laptop and fail quietly in production."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends whose data lives in one process: each gunicorn worker would count on its own.
PER_PROCESS_CACHES = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    }
)


@register(Tags.caches)
def rate_limit_cache_is_shared(app_configs, **kwargs):
    """In production the rate limits (scam check, reports, certificate checks, quizzes, self
    check-in, identification, password reset) need a cache every process shares: with a
    per-process cache a limit of N lets N requests through per worker process."""
    if getattr(settings, "BINHDAN_ENV", "development") != "production":
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend}) is private to each process: in production every "
            "rate limit would be multiplied by the number of worker processes.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so that all workers share "
            "the rate-limit counters; see docs/operations.md.",
            id="binhdan.E001",
        )
    ]
