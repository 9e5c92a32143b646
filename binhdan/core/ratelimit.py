"""A fixed-window rate limit in the cache (Redis when configured), keyed by client address."""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from binhdan.core.errors import DomainError


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429


def client_address(request) -> str:
    """The address to count against. X-Forwarded-For is trusted only for the hops our own
    proxies added (``BINHDAN_PROXY_COUNT``): anything further left the client can forge."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = getattr(settings, "BINHDAN_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < proxies:
        return remote
    return hops[-proxies]


def rate_limit(*, request, scope: str, limit: int, window_seconds: int = 60) -> None:
    """Raise ``RateLimited`` after ``limit`` calls in the window from one address."""
    key = f"ratelimit:{scope}:{client_address(request)}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    if count > limit:
        raise RateLimited(
            _("Bạn thao tác quá nhanh. Hãy thử lại sau %(s)s giây.") % {"s": window_seconds}
        )
