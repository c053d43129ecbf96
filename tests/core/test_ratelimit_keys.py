"""Per-address limits count what one subscriber holds: an IPv4 address or an IPv6 /64."""


def test_limits_count_an_ipv6_subscriber_by_its_network():
    from openhromada.core.ratelimit import limit_key

    assert limit_key("2001:db8:5::1") == limit_key("2001:db8:5::ffff") == "2001:db8:5::/64"
    assert limit_key("203.0.113.7") == "203.0.113.7"
    assert limit_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert limit_key("") == ""
