"""The page that spans the sub-domains: where to take part now (each sub-domain's own pages are
in its package's views)."""

from django.shortcuts import render
from django.utils import timezone

from openhromada.core.pagecache import public_page_cache
from openhromada.core.withholding import for_request

from .calls import selectors as calls
from .consultations import selectors as consultations

RECENTLY_CLOSED = 20


@public_page_cache
def index(request):
    """Where to take part now: open calls and consultations across the platform."""
    withheld, now = for_request(request), timezone.now()
    return render(
        request,
        "participation/index.html",
        {
            "calls": calls.open_calls(withheld, now),
            "consultations": consultations.open_consultations(now),
            "closed_calls": calls.ended_calls(withheld, now, RECENTLY_CLOSED),
            "closed_consultations": consultations.ended_consultations(now, RECENTLY_CLOSED),
        },
    )
