"""Site-wide views: the withheld notice, a refused action, form pages, the question before an
action that cannot be undone, error pages, the bench floor."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from .ratelimit import RateLimited


def withheld_page(request):
    """451: an operator has withheld this record; its history says why (without the content)."""
    return render(request, "core/withheld.html", status=451)


def form_page(request, template, context):
    """A form page: 400 when it is shown again after a refused POST, 200 otherwise."""
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def refused(request, error: ValidationError, back: str | None = None):
    """A refused action, said plainly with a way back: 400 with the service's messages (429
    when it was the rate limit). Without `back`, the page the user came from on this site, else
    the home page."""
    if back is None:
        referer = request.headers.get("referer", "")
        safe = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        # not the address refused: it may take only POST
        back = referer if safe and referer else "/"
    return render(
        request,
        "core/refused.html",
        {"messages_list": error.messages, "back": back},
        status=429 if isinstance(error, RateLimited) else 400,
    )


def act(request, call, back: str, done: str):
    """Run a POST-only action: on success tell the user and go back, else say why not."""
    try:
        call()
    except ValidationError as error:
        return refused(request, error, back)
    messages.success(request, done)
    return redirect(back)


def confirm(
    request,
    *,
    title: str,
    explanation: str,
    button: str,
    back: str,
    subject: str = "",
    fields: tuple[tuple[str, str], ...] = (),
    texts: tuple[tuple[str, str, str], ...] = (),
    breadcrumbs: str = "",
    context: dict | None = None,
):
    """The question before an action that cannot be undone: the page says what it means and
    only its form's POST (to the same address, with `fields` carried as hidden inputs) acts.
    `texts` (name, label, value) are what the action will publish in the person's name: shown
    in a text box they read and may change, never carried hidden (a link someone sent them
    must not publish words they did not see). The caller checks the permission before showing
    it, as it does before acting."""
    return render(
        request,
        "core/confirm.html",
        {
            **(context or {}),
            "title": title,
            "explanation": explanation,
            "button": button,
            "back": back,
            "subject": subject,
            "fields": fields,
            "texts": texts,
            "breadcrumbs": breadcrumbs,
        },
    )


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
