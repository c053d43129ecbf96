"""The API's rate limits count the platform's client address (core.ratelimit.client_address), so
a client cannot slip past them by making up X-Forwarded-For."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings):
    settings.API_RATE_ANONYMOUS = "3/m"
    settings.TRUSTED_PROXY_HEADER = ""


def test_rotating_x_forwarded_for_does_not_reset_the_anonymous_limit(client, three_a_minute):
    statuses = [
        client.get("/api/v1/oblasts", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_behind_a_trusted_proxy_each_client_has_its_own_allowance(client, three_a_minute, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    for _ in range(3):
        assert client.get("/api/v1/oblasts", HTTP_X_REAL_IP="198.51.100.1").status_code == 200
    assert client.get("/api/v1/oblasts", HTTP_X_REAL_IP="198.51.100.1").status_code == 429
    # the proxy's own address is the same, but another client behind it is not limited
    assert client.get("/api/v1/oblasts", HTTP_X_REAL_IP="198.51.100.2").status_code == 200


def test_rotating_through_an_ipv6_subnet_does_not_reset_the_anonymous_limit(client, three_a_minute):
    statuses = [
        client.get("/api/v1/oblasts", REMOTE_ADDR=f"2001:db8:5::{n:x}").status_code
        for n in range(1, 6)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    assert client.get("/api/v1/oblasts", REMOTE_ADDR="2001:db8:6::1").status_code == 200
