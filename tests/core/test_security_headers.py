"""Security headers: a Content-Security-Policy with no inline script or style allowed except by
the request's nonce (checked on every kind of page a visitor, a resident and an official can
reach), HSTS and the HTTPS redirect when the site is behind TLS, Server-Timing only for the bench.

JSON-LD (and the API docs' settings) are data blocks: a browser never runs them, so CSP does not
govern them and they carry no nonce — a per-request nonce would make every page's body, and so
its ETag, different each time (tests/browser/test_security.py shows Chromium reports nothing)."""

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import Resolver404, resolve
from django.utils import translation

from tests.participation.fixtures import submit

pytestmark = pytest.mark.django_db
GOOD_KEY = "k" * 20 + "e" * 20 + "y" * 20 + "s0123"
DATA_BLOCKS = {"application/ld+json", "application/json"}  # never executed
# not pages: files, feeds, the API's JSON, static files, the admin (Django's own templates)
NOT_PAGES = ("/static/", "/media/", "/feeds/", "/api/v1/", "/admin/", "/en/admin/", "/_bench/")


class _Inline(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' would block, unless it carries the nonce."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.style_attributes, self.handlers = [], [], [], []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        elif tag == "style":
            self.styles.append(attributes)
        elif tag == "a" and (attributes.get("href") or "").startswith("/"):
            self.links.append(attributes["href"])
        if "style" in attributes:
            self.style_attributes.append((tag, attributes["style"]))
        self.handlers += [(tag, name) for name in attributes if name.startswith("on")]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _check_page(url, response):
    policy = _policy(response)
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive], (url, directive)
        assert "'unsafe-eval'" not in policy[directive], (url, directive)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    parsed = _Inline()
    parsed.feed(response.content.decode())
    nonces = {source[len("'nonce-") : -1] for source in policy["script-src"] if "nonce" in source}
    for script in parsed.scripts:
        if "src" not in script and script.get("type") not in DATA_BLOCKS:
            assert script.get("nonce") in nonces, (url, script)
    style_nonces = {s[len("'nonce-") : -1] for s in policy["style-src"] if "nonce" in s}
    for style in parsed.styles:
        assert style.get("nonce") in style_nonces, (url, style)
    assert parsed.style_attributes == [], url
    assert parsed.handlers == [], url
    return parsed


def _kind(url: str):
    """Pages of one kind (one route, one language) are built alike: one of each is checked."""
    english = url.startswith("/en/")
    try:
        with translation.override("en" if english else "uk"):
            return english, resolve(url).route
    except Resolver404:
        return None


def _crawl(client, seeds, limit=150):
    """One page of every kind reachable by links from `seeds`, each checked."""
    queue, seen, checked = list(seeds), set(), []
    while queue and len(checked) < limit:
        url = queue.pop(0)
        last = url.rstrip("/").rsplit("/", 1)[-1]
        if url.startswith(NOT_PAGES) or "." in last or _kind(url) in seen:
            continue
        seen.add(_kind(url))
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parsed = _check_page(url, response)
        checked.append(url)
        queue += [link.split("#")[0].split("?")[0] for link in parsed.links]
    return checked


@pytest.fixture
def world(public_plan, official, members, consultation):
    """A public plan with reports, a council with a held meeting, an open consultation."""
    from tests.councils.fixtures import meeting

    meeting(official, members[0].council)
    return public_plan


def test_every_page_a_visitor_reaches_allows_no_inline_script_or_style(client, world):
    seeds = ["/hromady/khmelnytska/", "/", "/en/", "/accounts/login/", "/accounts/signup/"]
    checked = _crawl(client, seeds)
    assert "/hromady/khmelnytska/plans/2025-2026/" in checked, "\n".join(checked)
    assert "/hromady/khmelnytska/council/" in checked, "\n".join(checked)
    assert any("/consultations/" in url for url in checked), "\n".join(checked)
    assert len(checked) > 20, checked


def test_every_page_an_official_reaches_allows_no_inline_script_or_style(client, world, official):
    client.force_login(official)
    seeds = ["/", "/accounts/profile/", "/accounts/tokens/", "/hromady/khmelnytska/"]
    checked = _crawl(client, seeds)
    assert any(url.endswith("/edit/") for url in checked)


def test_co_creation_pages_allow_no_inline_script_or_style(client, call, resident):
    proposal = submit(resident, call)
    client.force_login(resident)
    checked = _crawl(client, ["/participation/", "/hromady/khmelnytska/"])
    assert any(f"/{proposal.pk}/" in url for url in checked)


def test_print_page_styles_come_from_a_file(client, public_plan):
    url = "/hromady/khmelnytska/plans/2025-2026/print/"
    response = client.get(url)
    parsed = _check_page(url, response)
    assert parsed.styles == []
    assert 'href="/static/plans/print-page.css"' in response.content.decode()


def test_api_docs_run_under_the_policy(client):
    response = client.get("/api/v1/docs")
    parsed = _check_page("/api/v1/docs", response)
    assert all(s.get("src", "").startswith("/static/") for s in parsed.scripts if "src" in s)
    assert "cdn" not in response.content.decode().lower()


def test_pages_with_json_ld_keep_one_body_and_etag(client, world):
    url = "/hromady/khmelnytska/plans/2025-2026/"
    first, second = client.get(url), client.get(url)
    assert '<script type="application/ld+json">' in first.content.decode()
    assert "nonce" not in first["Content-Security-Policy"]  # nothing inline needs one
    assert first["ETag"] == second["ETag"]


def test_server_timing_only_when_benchmarking(client, settings):
    settings.BENCH_FLOOR_ENABLED = False
    assert not client.get("/").has_header("Server-Timing")
    settings.BENCH_FLOOR_ENABLED = True
    assert client.get("/").get("Server-Timing", "").startswith("app;dur=")


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000)
def test_behind_tls_http_is_redirected_and_https_is_pinned(client):
    response = client.get("/hromady/")
    assert response.status_code == 301 and response["Location"].startswith("https://")
    secure = client.get("/hromady/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def _settings_in(**env) -> dict:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "DEBUG", "OPENHROMADA_ENV", "SECURE_COOKIES")
    }
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, "
        "settings.SESSION_COOKIE_SECURE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**environment, **env, "DJANGO_SETTINGS_MODULE": "openhromada.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    redirect, hsts, secure = result.stdout.split()
    return {"redirect": redirect == "True", "hsts": int(hsts), "secure_cookies": secure == "True"}


def test_production_is_behind_tls_by_default():
    found = _settings_in(OPENHROMADA_ENV="production", SECRET_KEY=GOOD_KEY)
    assert found["redirect"] and found["hsts"] >= 31536000 and found["secure_cookies"]


def test_plain_http_production_as_the_browser_tests_run_it_has_no_redirect():
    found = _settings_in(OPENHROMADA_ENV="production", SECRET_KEY=GOOD_KEY, SECURE_COOKIES="0")
    assert found == {"redirect": False, "hsts": 0, "secure_cookies": False}


def test_development_is_plain_http():
    assert _settings_in(OPENHROMADA_ENV="development")["redirect"] is False
