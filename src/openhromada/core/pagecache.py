"""A page cache for anonymous readers of public pages.

Every public change goes through the public history, which bumps a version number after commit;
the version is part of each cache key, so an edit is visible at once wherever the cache is shared
(Redis). With the embedded per-process cache another worker may serve the old page until
PUBLIC_PAGE_CACHE_SECONDS pass.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .preferences import COOKIE_NAME

VERSION_KEY = "public-content-version"


def bump_public_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _cacheable_request(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies  # signed in, or messages pending
        and settings.CSRF_COOKIE_NAME not in cookies
    )


def public_page_cache(view):
    """Serve anonymous GETs of a public page from the cache, keyed by content version."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = (
            f"page:{cache.get(VERSION_KEY, 0)}:{translation.get_language()}:"
            f"{request.COOKIES.get(COOKIE_NAME, '')[:40]}:{path}"
        )
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies:
                cache.set(key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return wrapped
