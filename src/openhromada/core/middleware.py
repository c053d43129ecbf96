"""Server-Timing for measurement, and cache headers that let a CDN absorb anonymous readers."""

import time

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

from .errors import ServiceError
from .views import refused, withheld_page
from .visibility import WithheldRecord


class ServerTimingMiddleware:
    """Adds `Server-Timing: app;dur=<ms>` so bench/ can read the server's own time; only while
    benchmarking (BENCH_FLOOR_ENABLED), as timings tell an attacker what a request cost."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.BENCH_FLOOR_ENABLED:
            return self.get_response(request)
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response


class PublicCacheMiddleware:
    """Anonymous GETs are publicly cacheable for a short time; everything else is private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        cacheable = (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.user.is_authenticated
            and not getattr(response, "csrf_cookie_set", False)
            and not request.COOKIES.get(settings.CSRF_COOKIE_NAME)
            and not response.cookies
        )
        if cacheable and settings.PUBLIC_CACHE_SECONDS:
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response


class WithheldMiddleware:
    """A page about a withheld record answers 451 with the withheld notice, wherever the view
    found out (core.visibility.require_readable); a service's refusal that no view caught
    answers 400 with its message (never a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, WithheldRecord):
            return withheld_page(request)
        if isinstance(exception, ServiceError) and not request.path.startswith("/api/"):
            return refused(request, exception)
        return None
