"""Public pages for places: the directory of hromadas, a hromada's page and its history."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from openhromada.core import sections
from openhromada.core.history import history_for
from openhromada.core.history_display import describe
from openhromada.core.pagecache import public_page_cache
from openhromada.core.withholding import for_request

from .models import Hromada, Oblast
from .selectors import (
    MAX_QUERY_LENGTH,
    directory_page,
    hromada_rows,
    parse_directory_query,
)
from .structured import directory_twins, hromada_twins

HISTORY_ON_PAGE = 10
HISTORY_PAGE_SIZE = 50


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
            **directory_twins(page),
        },
    )


def _hromada(slug: str) -> Hromada:
    return get_object_or_404(Hromada.objects.select_related("oblast", "raion"), slug=slug)


@public_page_cache
def hromada_detail(request, slug: str):
    hromada = _hromada(slug)
    withheld = for_request(request)
    withheld.redact(hromada)
    entries = list(history_for(hromada)[: HISTORY_ON_PAGE + 1])
    return render(
        request,
        "places/hromada_detail.html",
        {
            "hromada": hromada,
            "history": describe(entries[:HISTORY_ON_PAGE], Hromada, withheld),
            "more_history": len(entries) > HISTORY_ON_PAGE,
            "sections": sections.render("hromada", request, hromada),
            **hromada_twins(hromada),
        },
    )


@public_page_cache
def hromada_history(request, slug: str):
    hromada = _hromada(slug)
    page = Paginator(history_for(hromada), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "places/hromada_history.html",
        {
            "hromada": hromada,
            "page": page,
            "history": describe(page.object_list, Hromada, for_request(request)),
        },
    )
