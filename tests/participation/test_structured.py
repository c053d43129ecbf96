"""Call, proposal and consultation pages announce their machine-readable twins in the <head>:
the call's Atom feed, and schema.org JSON-LD saying what the page is and when one can take part."""

import pytest

from openhromada.participation.moderation import services as moderation
from tests.twins import head_alternates, jsonld

pytestmark = pytest.mark.django_db


def test_call_page_links_its_atom_feed_in_the_head(client, call):
    html = client.get(f"/calls/{call.pk}/").content.decode()
    feed = head_alternates(html)["application/atom+xml"]
    assert feed == f"/feeds/calls/{call.pk}.atom"
    assert client.get(feed)["Content-Type"].startswith("application/atom+xml")


def test_call_page_describes_the_call_and_its_window(client, call):
    data = jsonld(client.get(f"/calls/{call.pk}/").content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork"
    assert data["name"] == call.title and data["url"].endswith(f"/calls/{call.pk}/")
    action = data["potentialAction"]
    assert action["@type"] == "CreateAction" and action["target"].endswith("/proposals/new/")
    assert action["startTime"] < action["endTime"]


def test_proposal_page_describes_the_proposal_and_its_author(client, proposal):
    data = jsonld(client.get(f"/proposals/{proposal.pk}/").content.decode())
    assert data["@type"] == "CreativeWork" and data["name"] == proposal.title
    assert data["author"] == {"@type": "Person", "name": "Оксана"}
    assert data["isPartOf"]["url"].endswith(f"/calls/{proposal.call_id}/")


def test_a_hidden_proposal_keeps_its_text_out_of_the_json_ld(client, proposal, official):
    moderation.content_hide(actor=official, obj=proposal, rule="spam")
    response = client.get(f"/proposals/{proposal.pk}/")
    data = jsonld(response.content.decode()) or {}
    assert "author" not in data and proposal.title not in str(data)


def test_consultation_page_describes_the_draft_and_its_comment_period(client, consultation):
    data = jsonld(client.get(f"/consultations/{consultation.pk}/").content.decode())
    assert data["@type"] == "CreativeWork" and data["creativeWorkStatus"] == "Draft"
    assert data["name"] == consultation.title
    assert data["potentialAction"]["@type"] == "CommentAction"
