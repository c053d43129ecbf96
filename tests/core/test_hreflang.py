"""Each page names its other-language version with an absolute URL, as search engines require,
plus the default for everyone else (x-default)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _hreflang(html: str) -> dict[str, str]:
    head = html.split("</head>", 1)[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', head))


def test_hreflang_links_are_absolute(client):
    links = _hreflang(client.get("/hromady/khmelnytska/").content.decode())
    assert links == {
        "uk": "http://127.0.0.1:8000/hromady/khmelnytska/",
        "en": "http://127.0.0.1:8000/en/hromady/khmelnytska/",
        "x-default": "http://127.0.0.1:8000/hromady/khmelnytska/",
    }
    english = _hreflang(client.get("/en/data/").content.decode())
    assert english["uk"] == "http://127.0.0.1:8000/data/"
