"""The pages that gather every app: the home page."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.pagecache import public_page_cache
from openhromada.core.structured import ATOM, alternate, jsonld
from openhromada.places.selectors import home_summary


@public_page_cache
def home(request):
    context = home_summary()
    context["alternates"] = [
        alternate(ATOM, reverse("opendata:feed"), _("Public changes (Atom)")),
        alternate("application/ld+json", "/data/catalog.jsonld", _("Open-data catalogue (DCAT)")),
    ]
    context["jsonld"] = jsonld(
        {"@type": "WebSite", "name": str(_("Open Hromada")), "url": settings.SITE_URL}
    )
    return render(request, "portal/home.html", context)
