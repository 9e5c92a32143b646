"""Small HTTP helpers shared by the web views."""

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, target: str, default: str) -> str:
    """``target`` when it stays on this site (a ``next`` parameter), else ``default``.

    ``default`` may be a URL or a URL pattern name. An off-site, scheme-relative or
    ``javascript:`` target never gets through: a login or moderation link cannot send
    people elsewhere.
    """
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)
