"""Atom feeds, machine-readable twins of pages (alternate links, JSON-LD), sitemap and robots."""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        (e.find(f"{ATOM}title").text, e.find(f"{ATOM}link").get("href"))
        for e in feed.findall(f"{ATOM}entry")
    ]


def test_platform_feed_lists_latest_public_changes(client, public_plan, draft_plan):
    entries = _entries(client.get("/feeds/changes.atom"))
    titles = " ".join(t for t, _ in entries)
    assert "Реєстр відкритих даних" in titles and "ТАЄМНИЦЯ" not in titles
    assert any("/commitments/1/#history" in link for _, link in entries)


def test_scoped_feeds_hold_their_own_changes(client, public_plan):
    base = "/feeds/hromady/khmelnytska"
    plan_entries = _entries(client.get(f"{base}/plans/{public_plan.slug}.atom"))
    assert any("Портал запущено" in t or "Портал" in t for t, _ in plan_entries)
    commitment = _entries(client.get(f"{base}/plans/{public_plan.slug}/2.atom"))
    assert commitment and all("Портал запущено" not in t for t, _ in commitment)
    hromada = _entries(client.get(f"{base}.atom"))
    assert len(hromada) >= len(plan_entries)
    english = client.get(f"/en{base}.atom").content.decode()
    assert "public changes" in english


def test_feeds_of_drafts_and_unknowns_are_404(client, draft_plan):
    assert client.get(f"/feeds/hromady/ternopilska/plans/{draft_plan.slug}.atom").status_code == 404
    assert client.get("/feeds/hromady/nowhere.atom").status_code == 404


def _twins(html):
    links = re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)"', html)
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return dict(links), json.loads(found.group(1)) if found else None


def test_pages_link_to_their_machine_readable_twins(client, public_plan):
    links, data = _twins(client.get("/hromady/khmelnytska/").content.decode())
    assert links["application/json"] == "/api/v1/hromadas/UA68040470000053519"
    assert links["application/atom+xml"] == "/feeds/hromady/khmelnytska.atom"
    assert data["@type"] == "AdministrativeArea" and data["identifier"]["value"].startswith("UA68")
    for path, kind in (
        (links["application/json"], "application/json"),
        (links["application/atom+xml"], "application/atom+xml"),
    ):
        assert client.get(path)["Content-Type"].startswith(kind)
    plan_page = f"/hromady/khmelnytska/plans/{public_plan.slug}/"
    links, data = _twins(client.get(plan_page).content.decode())
    assert client.get(links["application/json"]).json()["title"] == "План дій"
    assert data["@type"] == "CreativeWork" and data["temporalCoverage"] == "2025-01-01/2026-12-31"
    links, data = _twins(client.get(plan_page + "commitments/1/").content.decode())
    assert client.get(links["application/json"]).json()["number"] == 1
    assert data["isPartOf"]["name"] == "План дій"
    links, _data = _twins(client.get("/plans/").content.decode())
    assert links["text/csv"] == "/data/plans.csv"
    links, data = _twins(client.get("/data/").content.decode())
    assert data["@type"] == "DataCatalog" and links["text/turtle"] == "/data/catalog.ttl"


def test_json_ld_cannot_break_out_of_its_script(client, official, hromada):
    from openhromada.plans import services

    plan = services.plan_create(
        actor=official,
        hromada=hromada,
        title="</script><script>alert(1)</script>",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    services.plan_transition(actor=official, plan=plan, to_status="co_creation")
    html = client.get(f"/hromady/khmelnytska/plans/{plan.slug}/").content.decode()
    assert "<script>alert(1)" not in html


def test_data_pages_document_every_column(client):
    html = client.get("/data/milestones/").content.decode()
    assert "<code>due_date</code>" in html and "/data/milestones.csv" in html
    assert client.get("/data/nothing/").status_code == 404
    assert "Open data" in client.get("/en/data/").content.decode()


def test_sitemap_and_robots(client, public_plan, draft_plan):
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http" in robots and "Disallow: /admin/" in robots
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-plans.xml" in index and "sitemap-hromadas.xml" in index
    plans = client.get("/sitemap-plans.xml").content.decode()
    assert f"/plans/{public_plan.slug}/" in plans and "/en/hromady/khmelnytska/" in plans
    assert "ternopilska" not in plans  # the draft
    hromadas = client.get("/sitemap-hromadas.xml", {"p": 1}).content.decode()
    assert hromadas.count("<url>") == 2 * 1774  # Ukrainian and English
