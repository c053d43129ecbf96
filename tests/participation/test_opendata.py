"""Participation as open data: authors by display name, hidden content without its text, drafts
and hidden entries out of the public history, filters on the bulk files."""

import pytest

from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.consultations import services as consultations
from openhromada.participation.moderation import services as moderation
from tests.participation.fixtures import draft_consultation

pytestmark = pytest.mark.django_db


def _items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_proposals_carry_response_commitments_and_display_names(
    client, proposal, official, co_plan
):
    commitment = co_plan.commitments.first()
    services.proposal_respond(
        actor=official,
        proposal=proposal,
        response="accepted",
        reason="Стала зобов'язанням",
        commitments=[commitment],
    )
    (row,) = _items(client, f"/api/v1/proposals?call={proposal.call_id}")
    assert row["author"] == "Оксана" and row["response"] == "accepted"
    assert row["commitment_ids"] == [commitment.pk] and row["hromada_code"]
    assert proposal.author.email not in str(row)
    assert _items(client, "/api/v1/proposals?answered=false") == []
    assert client.get("/api/v1/proposals?response=maybe").status_code == 400


def test_hidden_content_keeps_its_row_without_text(client, proposal, neighbour, official):
    comment = comment_post(actor=neighbour, proposal=proposal, text="Образа")
    moderation.content_hide(actor=official, obj=comment, rule="insult")
    (row,) = _items(client, f"/api/v1/participation-comments?proposal={proposal.pk}")
    assert row["hidden_reason"] == "insult" and row["text"] == "" and row["author"] == ""


def test_draft_consultations_and_their_history_stay_out(client, official, hromada, consultation):
    draft = draft_consultation(official, hromada, title="Таємна чернетка")
    ids = [c["id"] for c in _items(client, "/api/v1/consultations")]
    assert consultation.pk in ids and draft.pk not in ids
    url = "/api/v1/history?limit=500&object_type=participation.consultation"
    history = client.get(url).content.decode()
    assert "Таємна чернетка" not in history and consultation.title in history


def test_hidden_proposal_leaves_the_public_history(client, proposal, official):
    title, url = proposal.title, "/api/v1/history?limit=500&object_type=participation.proposal"
    assert title in client.get(url).content.decode()
    moderation.content_hide(actor=official, obj=proposal, rule="personal_data")
    assert title not in client.get(url).content.decode()


def test_bulk_csv_takes_the_call_filter(client, call, proposal, official, co_plan):
    from tests.participation.fixtures import open_call, submit

    other = open_call(official, co_plan, title="Інший збір")
    submit(proposal.author, other, title="Інша пропозиція")
    body = b"".join(client.get(f"/data/proposals.csv?call={call.pk}").streaming_content)
    text = body.decode()
    assert proposal.title in text and "Інша пропозиція" not in text


def test_consultation_comments_carry_outcomes(client, consultation, official, resident):
    section = consultation.sections.first()
    comment = comment_post(actor=resident, section=section, text="Змініть строк")
    consultations.comment_set_outcome(
        actor=official, comment=comment, outcome="not_taken", reason="Строк визначено законом"
    )
    (row,) = _items(client, f"/api/v1/participation-comments?consultation={consultation.pk}")
    assert row["outcome"] == "not_taken" and row["section_number"] == 1
    assert row["url"].endswith(f"/consultations/{consultation.pk}/#comment-{comment.pk}")


def test_call_feed_lists_proposals(client, call, proposal):
    feed = client.get(f"/feeds/calls/{call.pk}.atom").content.decode()
    assert proposal.title in feed and "Оксана" in feed
