"""Site-wide views: home, accessibility preferences, error pages, the bench floor."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from openhromada.places.selectors import home_summary

from .pagecache import public_page_cache
from .preferences import COOKIE_MAX_AGE, COOKIE_NAME, THEMES, Preferences, for_request


def withheld_page(request):
    """451: an operator has withheld this record; its history says why (without the content)."""
    return render(request, "core/withheld.html", status=451)


@public_page_cache
def home(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .structured import ATOM, alternate, jsonld

    context = home_summary()
    context["alternates"] = [
        alternate(ATOM, reverse("opendata:feed"), _("Public changes (Atom)")),
        alternate("application/ld+json", "/data/catalog.jsonld", _("Open-data catalogue (DCAT)")),
    ]
    context["jsonld"] = jsonld(
        {"@type": "WebSite", "name": str(_("Open Hromada")), "url": settings.SITE_URL}
    )
    return render(request, "core/home.html", context)


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@csrf_exempt  # anonymous visitors change only their own cookie; signed-in users are checked below
@require_POST
def set_preferences(request):
    """Change text size or theme without JavaScript; saved to the profile or a cookie."""
    if request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    current = for_request(request)
    text = request.POST.get("text")
    steps = {"smaller": -1, "reset": 0, "larger": 1}
    if text in steps:
        current = current.step_text(steps[text])
    theme = request.POST.get("theme")
    if theme in THEMES:
        current = Preferences(current.text_size, theme)
    response = HttpResponseRedirect(_safe_next(request))
    if request.user.is_authenticated:
        from openhromada.accounts.services import user_set_preferences

        user_set_preferences(user=request.user, text_size=current.text_size, theme=current.theme)
    else:
        response.set_cookie(
            COOKIE_NAME,
            current.to_cookie(),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def bench_floor(request):
    """A page of N bytes with no database work: the floor bench/ compares every page with."""
    if not settings.BENCH_FLOOR_ENABLED:
        raise Http404
    try:
        size = max(0, min(int(request.GET.get("bytes", "20000")), 5_000_000))
    except ValueError:
        size = 20000
    return HttpResponse(
        b"<!doctype html><title>floor</title>" + b"x" * size,
        content_type="text/html; charset=utf-8",
    )


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the database may be what failed. The page is bilingual as written.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)
