"""The pages that gather every app: the home page, and each person's own home."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.pagecache import public_page_cache
from openhromada.core.structured import ATOM, alternate, jsonld
from openhromada.places.selectors import home_summary

from . import homes

MY_LIST_PAGE = 50


@public_page_cache
def home(request):
    context = home_summary()
    context.update(homes.open_now(request))
    context["activity"] = homes.recent_activity(request)
    context["alternates"] = [
        alternate(ATOM, reverse("opendata:feed"), _("Public changes (Atom)")),
        alternate("application/ld+json", "/data/catalog.jsonld", _("Open-data catalogue (DCAT)")),
    ]
    context["jsonld"] = jsonld(
        {"@type": "WebSite", "name": str(_("Open Hromada")), "url": settings.SITE_URL}
    )
    return render(request, "portal/home.html", context)


@login_required
def my_home(request):
    """Where sign-in lands: what waits for the person, by their roles."""
    return render(request, "portal/my_home.html", homes.home(request))


@login_required
def my_list(request, key: str):
    """One section of the person's home in full, page by page."""
    spec = homes.BY_KEY.get(key)
    if spec is None or not homes.roles_of(request.user).sees(spec.group):
        raise Http404
    page = Paginator(spec.rows(request), MY_LIST_PAGE).get_page(request.GET.get("page"))
    page.object_list = spec.complete(list(page.object_list), request)
    section = homes.Shown(spec, page.object_list, page.paginator.count, paged=False)
    return render(request, "portal/my_list.html", {"section": section, "page": page})
