"""Site-wide views: the withheld notice, error pages, the bench floor."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template import loader


def withheld_page(request):
    """451: an operator has withheld this record; its history says why (without the content)."""
    return render(request, "core/withheld.html", status=451)


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
