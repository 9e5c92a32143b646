import pytest
from django.test import RequestFactory

from binhdan.core.ratelimit import RateLimited, client_address, rate_limit


def request_from(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_forged_forwarded_header_is_ignored_without_a_trusted_proxy(settings):
    settings.BINHDAN_PROXY_COUNT = 0

    assert client_address(request_from(forwarded="1.2.3.4")) == "10.0.0.9"


def test_behind_one_proxy_the_hop_it_added_is_the_client(settings):
    settings.BINHDAN_PROXY_COUNT = 1

    # the client forged "1.2.3.4"; our load balancer appended the real address
    assert client_address(request_from(forwarded="1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_changing_the_forwarded_header_does_not_escape_the_limit(settings):
    settings.BINHDAN_PROXY_COUNT = 0
    for n in range(3):
        rate_limit(request=request_from(forwarded=f"9.9.9.{n}"), scope="t", limit=3)

    with pytest.raises(RateLimited):
        rate_limit(request=request_from(forwarded="9.9.9.99"), scope="t", limit=3)
