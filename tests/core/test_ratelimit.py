import pytest
from django.test import RequestFactory

from binhdan.core.ratelimit import (
    RateLimited,
    address_key,
    client_address,
    client_ip_for_lockout,
    rate_limit,
)


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


def test_two_ipv6_addresses_in_one_64_share_one_budget(settings):
    # given an attacker who owns 2001:db8:1:2::/64 and spends the budget from three addresses
    settings.BINHDAN_PROXY_COUNT = 0
    for n in range(3):
        rate_limit(request=request_from(remote=f"2001:db8:1:2::{n + 1}"), scope="t", limit=3)

    # when another address of the same /64 asks, then it is the same client
    same_64 = request_from(remote="2001:db8:1:2:ffff:ffff:ffff:fffe")
    with pytest.raises(RateLimited):
        rate_limit(request=same_64, scope="t", limit=3)


def test_ipv6_addresses_in_different_64s_have_their_own_budgets(settings):
    settings.BINHDAN_PROXY_COUNT = 0
    for _ in range(3):
        rate_limit(request=request_from(remote="2001:db8:1:2::1"), scope="t", limit=3)

    rate_limit(request=request_from(remote="2001:db8:1:3::1"), scope="t", limit=3)


def test_ipv6_prefix_is_taken_from_the_trusted_forwarded_hop(settings):
    settings.BINHDAN_PROXY_COUNT = 1
    for n in range(3):
        forwarded = f"2001:db8:aa:bb::{n + 1}"
        rate_limit(request=request_from(forwarded=forwarded), scope="t", limit=3)

    with pytest.raises(RateLimited):
        rate_limit(request=request_from(forwarded="2001:db8:aa:bb::99"), scope="t", limit=3)


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:DB8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("unknown", "unknown"),
    ],
)
def test_address_key_counts_ipv4_alone_and_ipv6_by_its_64(address, key):
    assert address_key(address) == key


def test_lockout_client_ip_is_the_rate_limit_client_or_none(settings):
    settings.BINHDAN_PROXY_COUNT = 0

    assert client_ip_for_lockout(request_from(remote="2001:db8:9:9::5")) == "2001:db8:9:9::"
    assert client_ip_for_lockout(request_from(remote="")) is None
