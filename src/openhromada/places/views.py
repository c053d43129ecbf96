"""Public pages for places: the directory of hromadas, a hromada's page and its history."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from openhromada.core import sections
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.withholding import for_request
from openhromada.opendata.views import list_download

from .models import Hromada, Oblast
from .selectors import (
    MAX_QUERY_LENGTH,
    directory_filtered,
    directory_page,
    hromada_rows,
    parse_directory_query,
)
from .structured import directory_twins, hromada_twins


@public_page_cache
def directory(request):
    oblasts = list(Oblast.objects.only("slug", "name_uk", "name_en", "sort_key"))
    query = parse_directory_query(request.GET, oblasts)
    page = directory_page(query)
    rows = hromada_rows(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "places/directory.html",
        {
            "page": page,
            "rows": rows,
            "query": query,
            "oblast_options": [
                (o.slug, o.name, query.oblast is not None and o.pk == query.oblast.pk)
                for o in oblasts
            ],
            "kinds": Hromada.Kind.choices,
            "max_query_length": MAX_QUERY_LENGTH,
            "querystring": params.urlencode(),
            "download_url": reverse("places:directory_csv") + _query(params),
            **directory_twins(page),
        },
    )


def directory_csv(request):
    """The hromadas the directory shows for these filters, as the hromadas dataset's CSV."""
    oblasts = list(Oblast.objects.only("slug", "name_uk", "name_en", "sort_key"))
    query = parse_directory_query(request.GET, oblasts)
    return list_download(
        "hromadas", lambda qs: directory_filtered(qs, query), "openhromada-hromadas-filtered.csv"
    )


def _query(params) -> str:
    return f"?{params.urlencode()}" if params else ""


def _hromada(slug: str) -> Hromada:
    return get_object_or_404(Hromada.objects.select_related("oblast", "raion"), slug=slug)


@public_page_cache
def hromada_detail(request, slug: str):
    hromada = _hromada(slug)
    withheld = for_request(request)
    withheld.redact(hromada)
    return render(
        request,
        "places/hromada_detail.html",
        {
            "hromada": hromada,
            "recent": recent(hromada, withheld, reverse("places:hromada_history", args=[slug])),
            "sections": sections.render("hromada", request, hromada),
            **hromada_twins(hromada),
        },
    )


@public_page_cache
def hromada_history(request, slug: str):
    hromada = _hromada(slug)
    for_request(request).redact(hromada)
    return history_page(
        request,
        hromada,
        title=hromada.full_name,
        back=reverse("places:hromada", args=[slug]),
        breadcrumbs="places/_breadcrumbs.html",
        context={"hromada": hromada},
    )
