"""Reading a page's machine-readable twins as a crawler does: its <link rel="alternate"> entries
and its schema.org JSON-LD (whatever other attributes the script tag carries)."""

import json
import re

ALTERNATE = re.compile(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"')
JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def alternates(html: str) -> dict[str, str]:
    return dict(ALTERNATE.findall(html))


def head_alternates(html: str) -> dict[str, str]:
    """Alternates in the <head> only (links in the body do not count for discovery)."""
    return alternates(html.split("</head>", 1)[0])


def jsonld(html: str) -> dict | None:
    found = JSONLD.search(html)
    return json.loads(found.group(1)) if found else None
