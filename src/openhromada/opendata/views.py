"""The open-data pages and files: index, data dictionary, bulk downloads, catalogue, robots."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openhromada.core.pagecache import public_page_cache
from openhromada.core.structured import ATOM, alternate, jsonld
from openhromada.core.withholding import active

from . import bulk, dcat, dumps, tokens
from .base import absolute
from .datapackage import CSV_EXACT
from .endpoints import parse_filters
from .models import ApiToken
from .problems import BadParameter, problem

FREQUENCIES = {
    "CONT": gettext_lazy("continuously (immediately after each change)"),
    "DAILY": gettext_lazy("daily"),
    "IRREG": gettext_lazy("when the codifier changes"),
}


def _licence_headers(response, filename: str) -> None:
    """Every download names its licence and when it was generated."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    response["X-Licence"] = settings.OPENDATA_LICENCE["name"]
    response["X-Generated-At"] = timezone.now().isoformat(timespec="seconds")
    response["Cache-Control"] = "public, max-age=300"


def _catalogue_jsonld() -> str:
    items = bulk.datasets()
    return jsonld(
        {
            "@type": "DataCatalog",
            "name": str(_("Open Hromada — open data")),
            "url": absolute(reverse("opendata:index")),
            "license": settings.OPENDATA_LICENCE["url"],
            "dataset": [
                {
                    "@type": "Dataset",
                    "name": str(d.title),
                    "description": str(d.description),
                    "url": absolute(reverse("opendata:dataset", args=[d.key])),
                    "license": settings.OPENDATA_LICENCE["url"],
                    "distribution": [
                        {
                            "@type": "DataDownload",
                            "encodingFormat": fmt,
                            "contentUrl": absolute(f"/data/{d.key}.{ext}"),
                        }
                        for ext, fmt in (("csv", "text/csv"), ("jsonl", "application/jsonl"))
                    ],
                }
                for d in items
            ],
        }
    )


@public_page_cache
def index(request):
    dump = dumps.dump_path()
    built = dump.stat().st_mtime if dump.exists() else None
    return render(
        request,
        "opendata/index.html",
        {
            "datasets": bulk.datasets(),
            "licence": settings.OPENDATA_LICENCE,
            "dump_built": dt.datetime.fromtimestamp(built, tz=dt.UTC) if built else None,
            "jsonld": _catalogue_jsonld(),
            "alternates": [
                alternate("application/ld+json", "/data/catalog.jsonld", "DCAT-AP (JSON-LD)"),
                alternate("text/turtle", "/data/catalog.ttl", "DCAT-AP (Turtle)"),
                alternate(ATOM, reverse("opendata:feed"), _("Public changes (Atom)")),
            ],
        },
    )


@public_page_cache
def dataset(request, key: str):
    item = bulk.get(key)
    if item is None:
        raise Http404
    return render(
        request,
        "opendata/dataset.html",
        {
            "dataset": item,
            "frequency": FREQUENCIES.get(item.frequency, item.frequency),
            "licence": settings.OPENDATA_LICENCE,
            "csv_note": CSV_EXACT,
            "filters": _filter_docs(item),
        },
    )


# what each kind of filter value is, for the data pages
VALUE_KINDS = {
    "choice": gettext_lazy("one of these values:"),
    "boolean": gettext_lazy("true or false"),
    "date": gettext_lazy("a date, YYYY-MM-DD"),
    "datetime": gettext_lazy("a date and time in ISO 8601, e.g. 2025-01-31T09:00:00Z"),
    "integer": gettext_lazy("a whole number: an identifier (the id column of its dataset)"),
    "string": gettext_lazy("text"),
}
EXAMPLES = {"boolean": "true", "date": "2025-01-31", "datetime": "2025-01-31T09:00:00Z"}


def _filter_docs(item) -> list[dict]:
    """Each filter of a dataset as its data page documents it, from its declaration: name,
    meaning, allowed values and example addresses (a referenced code's example is a real one,
    one query per referenced dataset)."""
    withheld = active()
    docs = []
    for flt in item.filters:
        kind, choices = flt.allowed()
        example = EXAMPLES.get(kind)
        reference = None
        if kind == "choice":
            example = choices[0][0] if choices else None
        elif kind == "integer":
            example = "1"
        elif kind == "reference":
            key, column = flt.references.split(".")
            reference = bulk.get(key)
            first = reference.public_queryset(withheld).order_by(reference.pk).first()
            example = first[column] if first else None
        query = urlencode({flt.name: example}) if example is not None else ""
        docs.append(
            {
                "name": flt.name,
                "description": flt.description,
                "kind": VALUE_KINDS.get(kind, ""),
                "choices": choices if kind == "choice" else [],
                "reference": reference,
                "column": flt.references.partition(".")[2],
                "api": f"/api/v1/{item.key}?{query}" if query else "",
                "csv": f"/data/{item.key}.csv?{query}" if query else "",
            }
        )
    return docs


def download(request, key: str, fmt: str):
    item = bulk.get(key)
    if item is None or fmt not in ("csv", "jsonl"):
        raise Http404
    try:  # the API's filters work here too, e.g. /data/council-decisions.csv?council=3
        filters = parse_filters(item, request.GET)
    except BadParameter as error:
        return problem(
            request,
            400,
            _("Invalid request"),
            error.message,
            errors=[{"parameter": error.parameter}],
        )
    withheld = active()
    if fmt == "csv":
        stream = bulk.csv_lines(item, withheld, filters)
        content_type = "text/csv; charset=utf-8"
    else:
        stream = bulk.jsonl_lines(item, withheld, filters)
        content_type = "application/jsonl; charset=utf-8"
    response = StreamingHttpResponse(stream, content_type=content_type)
    _licence_headers(response, f"openhromada-{key}.{fmt}")
    return response


def list_download(key: str, narrow, filename: str) -> StreamingHttpResponse:
    """A filtered list page's rows as the CSV of its dataset (same columns, licence and
    withholding as the dataset's file), streamed: `narrow` applies the page's filters to the
    dataset's rows. For filters the dataset's own parameters cannot say (a name search)."""
    item = bulk.get(key)
    stream = bulk.csv_lines(item, active(), narrow=narrow, spreadsheet=True)
    response = StreamingHttpResponse(stream, content_type="text/csv; charset=utf-8")
    _licence_headers(response, filename)
    return response


def download_all(request):
    """The ZIP of everything: the pre-built file while it is fresh, otherwise a live stream."""
    path = dumps.fresh_dump()
    if path is not None:
        response = FileResponse(path.open("rb"), content_type="application/zip")
        _licence_headers(response, "openhromada-opendata.zip")
        built = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        response["X-Generated-At"] = built.isoformat(timespec="seconds")
        response["Last-Modified"] = http_date(path.stat().st_mtime)
        return response
    response = StreamingHttpResponse(bulk.zip_stream(), content_type="application/zip")
    _licence_headers(response, "openhromada-opendata.zip")
    return response


CATALOGUE_FORMATS = {
    "jsonld": ("json-ld", "application/ld+json"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml"),
}


def catalogue(request, fmt: str):
    if fmt not in CATALOGUE_FORMATS:
        raise Http404
    rdf_format, content_type = CATALOGUE_FORMATS[fmt]
    body, modified = dcat.serialised(rdf_format)
    response = HttpResponse(body, content_type=content_type)
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    if modified is not None:  # when the data last changed, not when it was asked for
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /en/admin/",
        "Disallow: /en/accounts/",
        "Allow: /",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache  # the new token is shown once: no browser or proxy may keep a copy
@login_required
def token_list(request):
    """Personal API tokens: create (shown once), see, revoke."""
    if not request.user.has_perm("opendata.add_apitoken"):
        raise PermissionDenied
    created = None
    errors: list[str] = []
    if request.method == "POST":
        try:
            _token, created = tokens.token_create(
                actor=request.user,
                name=request.POST.get("name", ""),
                scope=request.POST.get("scope", ""),
            )
        except ValidationError as exc:
            errors = exc.messages
    return render(
        request,
        "opendata/tokens.html",
        {
            "tokens": request.user.api_tokens.all(),
            "created": created,
            "errors": errors,
            "scopes": ApiToken.Scope.choices,
            "name": request.POST.get("name", "") if errors else "",
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    tokens.token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("opendata:tokens")


def api_not_found(request, rest: str = ""):
    """An address under /api/v1/ that is no endpoint: a problem document, as every API error."""
    return problem(request, 404, _("Not found"), _("There is no such address in the API."))
