"""Feeds, the sitemap and the catalogue stay well-formed XML whatever text is stored (control
characters in old rows and in the immutable history), and carry people's text as text, never as
markup a feed reader would run (issue 12, items 6 and 7)."""

import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from openhromada.core.history import record
from openhromada.core.models import HistoryAction
from openhromada.plans import services
from tests.factories.hostile import has_control, hostile, store_raw

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "/feeds/hromady/khmelnytska"
FEEDS = [
    "/feeds/changes.atom",
    f"{BASE}.atom",
    f"{BASE}/plans/2025-2026.atom",
    f"{BASE}/plans/2025-2026/1.atom",
]
MARKUP = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _xml(response) -> ET.Element:
    assert response.status_code == 200
    body = response.content.decode()
    assert not has_control(body)
    return ET.fromstring(response.content)


@pytest.fixture
def hostile_history(public_plan, official):
    """Old data, saved before validation: a commitment, its author's public name and the
    immutable history holding control characters (NUL too, where the database can hold it)."""
    commitment = public_plan.commitments.get(number=1)
    store_raw(commitment, title=hostile("Реєстр даних"))
    store_raw(official, display_name=hostile("Посадовиця"))
    record(
        actor=official,
        obj=commitment,
        action=HistoryAction.UPDATE,
        changes={"problem": ["Проблема", hostile("Нова проблема")]},
    )
    return commitment


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_render_stored_control_characters(client, hostile_history, url):
    feed = _xml(client.get(url))
    text = " ".join(feed.itertext())
    assert "Реєстр" in text and "даних" in text and "Нова" in text


def test_sitemap_stays_well_formed_with_stored_control_characters(client, hostile_history):
    index = _xml(client.get("/sitemap.xml"))
    for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
        _xml(client.get(loc.text.split("testserver", 1)[-1]))


@pytest.mark.parametrize("fmt", ["rdf", "ttl"])
def test_catalogue_stays_well_formed_with_control_characters(client, settings, fmt):
    settings.OPENDATA_PUBLISHER = {**settings.OPENDATA_PUBLISHER, "name": hostile("Видавець")}
    response = client.get(f"/data/catalog.{fmt}")
    assert response.status_code == 200
    assert not has_control(response.content.decode())
    graph = Graph().parse(data=response.content, format="xml" if fmt == "rdf" else "turtle")
    assert any(str(o).startswith("Вида") and str(o).endswith("вець") for o in graph.objects())


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_carry_peoples_markup_as_text(client, public_plan, official, url):
    commitment = public_plan.commitments.get(number=1)
    services.commitment_amend(
        actor=official, commitment=commitment, reason=MARKUP, title=f"Дані {MARKUP}"
    )
    feed = _xml(client.get(url))
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    summaries = [e.find(f"{ATOM}summary") for e in entries]
    assert all(s is None or s.get("type") == "text" for s in summaries)
    assert all(e.find(f"{ATOM}title").get("type") in (None, "text") for e in entries)
    assert any(MARKUP in (s.text or "") for s in summaries if s is not None)
