"""Machine-readable twins of pages: <link rel="alternate"> entries and schema.org JSON-LD."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

# JSON inside <script> must not close the element or open a comment
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}

JSON = "application/json"
ATOM = "application/atom+xml"
CSV = "text/csv"


def alternate(kind: str, href: str, title) -> dict:
    return {"type": kind, "href": href, "title": str(title)}


def jsonld(data: dict) -> SafeString:
    """schema.org JSON-LD, safe to put inside <script type="application/ld+json">."""
    payload = {"@context": "https://schema.org", **data}
    text = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(text)
