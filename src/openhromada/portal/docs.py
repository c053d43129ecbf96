"""The API's documentation page, inside the site's frame and in both languages.

The reference is rendered on the server from the committed OpenAPI document (a test keeps it equal
to the code), so it reads at once, without JavaScript and without a "Loading" screen; the
interactive Swagger UI stays one link away for trying requests."""

import json
from functools import cache

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from openhromada.core.pagecache import public_page_cache

from .openapi import COMMITTED

METHODS = ("get", "post", "put", "patch", "delete")


def _type_of(schema: dict) -> str:
    """A parameter's type in a few words: `integer`, `string (date-time)`, `string, one of …`."""
    options = schema.get("anyOf") or [schema]
    words = []
    for option in options:
        kind = option.get("type")
        if kind in (None, "null"):
            continue
        text = kind + (f" ({option['format']})" if option.get("format") else "")
        if option.get("enum"):
            text += ": " + ", ".join(str(v) for v in option["enum"])
        words.append(text)
    return " | ".join(words) or "—"


@cache
def reference() -> dict:
    """The API's operations grouped by tag, in the document's order (read once per process)."""
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    groups: dict[str, list] = {}
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "required": p.get("required", False),
                    "type": _type_of(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            tag = (operation.get("tags") or ["API"])[0]
            groups.setdefault(tag, []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "body": "requestBody" in operation,
                    "writes": method != "get",
                    "responses": sorted(str(code) for code in operation.get("responses", {})),
                }
            )
    return {
        "title": document["info"]["title"],
        "version": document["info"]["version"],
        "groups": [{"tag": tag, "operations": ops} for tag, ops in groups.items()],
        "count": sum(len(ops) for ops in groups.values()),
    }


@require_safe
@public_page_cache
def api_docs(request):
    return render(request, "portal/api_docs.html", {"api": reference()})


@require_safe
def favicon(request):
    """`/favicon.ico`, asked for by browsers and feed readers whatever the page says."""
    path = finders.find("core/favicon.ico")
    if path is None:  # only when the static files are missing altogether
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    response["Cache-Control"] = "public, max-age=86400"
    return response
