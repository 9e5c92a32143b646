"""A fixed-window rate limit in the cache (Redis when configured), keyed by client address.

The counters live in the ``default`` cache. With Django's local-memory cache (no
``REDIS_URL``) each worker process counts on its own, so a limit of N per minute lets N
requests through *per process* (gunicorn ``-w 4``: 4 × N); production must use a shared
cache, and the ``binhdan.E001`` system check (``binhdan/core/checks.py``) says so.
"""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from binhdan.core.errors import DomainError

# An IPv6 customer is usually given a whole /64 (often a /56 or /48): counting each address
# on its own would give an attacker 2**64 budgets. One /64 is one client.
IPV6_CLIENT_PREFIX = 64
_IPV6_PREFIX_MASK = ((1 << IPV6_CLIENT_PREFIX) - 1) << (128 - IPV6_CLIENT_PREFIX)


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


def address_key(address: str) -> str:
    """One client as one key: an IPv4 address as it is, an IPv6 address as the first address
    of its /64 (``2001:db8:1:2::``), an IPv4-mapped IPv6 address as the IPv4 address.
    Anything that is not an address is returned unchanged."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Address(int(ip) & _IPV6_PREFIX_MASK))
    return str(ip)


def client_key(request) -> str:
    """The client as rate limits and login lockouts count it (see ``address_key``)."""
    return address_key(client_address(request))


def client_ip_for_lockout(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the same client as the rate limits, or None when the
    address is not an IP (django-axes stores it in an IP address column)."""
    key = client_key(request)
    try:
        ipaddress.ip_address(key)
    except ValueError:
        return None
    return key


def rate_limit(*, request, scope: str, limit: int, window_seconds: int = 60) -> None:
    """Raise ``RateLimited`` after ``limit`` calls in the window from one client."""
    key = f"ratelimit:{scope}:{client_key(request)}"
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
