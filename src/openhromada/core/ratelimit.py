"""Rate limits on people's writes (proposals, comments, supports…), per account and per address,
counted in the cache in fixed windows. Rates are settings ("5/h", "30/10m") so operators can tune
them without a release."""

import ipaddress
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .errors import ServiceError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


class RateLimited(ServiceError):
    """Too many writes of one kind in the window; views answer 429."""


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/10m" → (30, 600): at most 30 in any 600-second window."""
    match = _RATE.match(rate.strip())
    if not match:
        raise ValueError(f"Bad rate {rate!r}: use forms like 5/h or 30/10m")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def client_address(request) -> str:
    """The client's address; behind a proxy set TRUSTED_PROXY_HEADER (e.g. HTTP_X_REAL_IP)."""
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def limit_key(address: str) -> str:
    """What a per-address limit counts: the address itself, or for IPv6 its /64 network (one
    subscriber usually holds a whole /64 and could otherwise rotate through it)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))


def _hit(key: str, limit: int, period: int) -> bool:
    window = int(time.time()) // period
    full = f"ratelimit:{key}:{period}:{window}"
    cache.add(full, 0, timeout=period + 1)
    try:
        count = cache.incr(full)
    except ValueError:  # evicted between add and incr
        cache.set(full, 1, timeout=period + 1)
        count = 1
    return count <= limit


def check(action: str, *, user=None, address: str | None = None) -> None:
    """Count one `action` for the account and for the address; refuse it past either limit."""
    rate = settings.RATE_LIMITS.get(action)
    if not rate:
        return
    limit, period = parse_rate(rate)
    keys = []
    if user is not None and getattr(user, "pk", None):
        keys.append(f"{action}:user:{user.pk}")
    if address:
        # one address is shared by many people (a library, a mobile carrier): a wider allowance
        keys.append(f"{action}:addr:{limit_key(address)}")
    for key in keys:
        allowed_limit = limit * settings.RATE_LIMIT_ADDRESS_FACTOR if ":addr:" in key else limit
        if not _hit(key, allowed_limit, period):
            minutes = max(1, period // 60)
            raise RateLimited(
                _("Too many at once: please wait up to %(minutes)d minutes and try again.")
                % {"minutes": minutes},
                code="rate_limited",
            )
