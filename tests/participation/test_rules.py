"""Role × action: who may run calls and consultations, contribute, edit, respond and moderate —
in the rules, on the pages (HTML) and in the API."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from openhromada.opendata.tokens import token_create
from openhromada.participation.models import Proposal
from openhromada.participation.moderation import services as moderation
from tests.factories import actor_for

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "unverified",
    "resident",
    "author",
    "blocked",
    "official",
    "official_elsewhere",
    "council_member",
    "monitor",
    "operator",
    "admin",
]
RUNNERS = {"official", "operator", "admin"}
VERIFIED = set(ACTORS) - {"anonymous", "unverified", "blocked"}
ALLOWED = {
    "participation.add_call": RUNNERS,
    "participation.change_call": RUNNERS,
    "participation.respond": RUNNERS,
    "participation.add_consultation": RUNNERS,
    "participation.change_consultation": RUNNERS,
    "participation.moderate": RUNNERS,
    "participation.contribute": VERIFIED,
    "participation.change_proposal": {"author"},
    "participation.withdraw_proposal": {"author"},
}


def make_actor(name, hromada, official, proposal):
    if name == "official":
        return official
    if name == "author":
        return proposal.author
    if name == "blocked":
        user = actor_for("resident", hromada)
        moderation.user_block(actor=official, user=user, hromada=hromada, rule="spam")
        return type(user).objects.get(pk=user.pk)
    return actor_for(name, hromada)


def _target(perm, proposal, hromada):
    if perm == "participation.add_call":
        return proposal.call.plan
    if perm == "participation.add_consultation":
        return hromada
    if perm in ("participation.change_proposal", "participation.withdraw_proposal"):
        return proposal
    return proposal.call


@pytest.mark.parametrize("perm", sorted(ALLOWED))
@pytest.mark.parametrize("name", ACTORS)
def test_permission_grid(perm, name, hromada, official, proposal):
    actor = make_actor(name, hromada, official, proposal)
    assert actor.has_perm(perm, _target(perm, proposal, hromada)) == (name in ALLOWED[perm])


def test_a_block_elsewhere_does_not_stop_contributing_here(proposal, hromada, official):
    from openhromada.places.models import Hromada

    operator = actor_for("operator", hromada)
    user = actor_for("resident", hromada)
    elsewhere = Hromada.objects.get(slug="lutska")
    moderation.user_block(actor=operator, user=user, hromada=elsewhere, rule="spam")
    user = type(user).objects.get(pk=user.pk)
    assert user.has_perm("participation.contribute", proposal)
    assert not user.has_perm("participation.contribute", elsewhere)


def _write_urls(proposal, consultation):
    call, plan = proposal.call, proposal.call.plan
    return [
        reverse("participation:call_create", args=[plan.hromada.slug, plan.slug]),
        reverse("participation:call_edit", args=[call.pk]),
        reverse("participation:call_close", args=[call.pk]),
        reverse("participation:proposal_respond", args=[proposal.pk]),
        reverse("participation:consultation_create", args=[plan.hromada.slug]),
        reverse("participation:consultation_edit", args=[consultation.pk]),
        reverse("participation:section_create", args=[consultation.pk]),
        reverse("participation:question_create", args=[consultation.pk]),
        reverse("participation:report_edit", args=[consultation.pk]),
        reverse("participation:hide", args=["proposal", proposal.pk]),
        reverse("participation:block", args=["proposal", proposal.pk]),
    ]


@pytest.mark.parametrize("name", ["resident", "official_elsewhere", "council_member", "monitor"])
def test_officials_pages_refuse_everyone_else(client, name, hromada, proposal, consultation):
    client.force_login(actor_for(name, hromada))
    for url in _write_urls(proposal, consultation):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "x"}).status_code == 403, url


def test_officials_pages_open_for_the_official(client, official, proposal, consultation):
    client.force_login(official)
    for url in _write_urls(proposal, consultation):
        assert client.get(url).status_code == 200, url


def test_anonymous_is_sent_to_sign_in(client, proposal):
    for name in ("proposal_create", "call_edit"):
        response = client.get(reverse(f"participation:{name}", args=[proposal.call_id]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["unverified", "blocked"])
def test_unverified_and_blocked_cannot_submit_through_the_page(
    client, name, hromada, official, proposal
):
    client.force_login(make_actor(name, hromada, official, proposal))
    url = reverse("participation:proposal_create", args=[proposal.call_id])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "x", "problem": "y", "solution": "z"}).status_code == 403
    assert Proposal.objects.count() == 1


def _auth(user):
    _token, plain = token_create(actor=user, name="t", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


API_ACTORS = ["resident", "author", "official", "official_elsewhere", "monitor", "operator"]


@pytest.mark.parametrize("name", API_ACTORS)
def test_api_response_grid(client, name, hromada, official, proposal):
    actor = make_actor(name, hromada, official, proposal)
    body = {"response": "rejected", "reason": "Не в межах плану"}
    response = client.put(
        f"/api/v1/proposals/{proposal.pk}/response",
        json.dumps(body),
        content_type="application/json",
        **_auth(actor),
    )
    expected = 200 if name in RUNNERS else 403
    assert response.status_code == expected
    proposal.refresh_from_db()
    assert (proposal.response == "rejected") == (name in RUNNERS)


@pytest.mark.parametrize("name", API_ACTORS)
def test_api_support_grid(client, name, hromada, official, proposal):
    actor = make_actor(name, hromada, official, proposal)
    response = client.post(f"/api/v1/proposals/{proposal.pk}/support", **_auth(actor))
    # everyone verified may support, except the author their own proposal (a 400 with why)
    assert response.status_code == (400 if name == "author" else 201)


def test_api_submit_comment_and_refusals(client, hromada, call, resident, settings):
    url = f"/api/v1/calls/{call.pk}/proposals"
    body = {"title": "API", "problem": "p", "solution": "s", "category": "Громадська участь"}
    created = client.post(url, json.dumps(body), content_type="application/json", **_auth(resident))
    assert created.status_code == 201
    row = created.json()
    assert row["author"] == "Оксана" and row["category"] == "Громадська участь"
    bad = client.post(
        url,
        json.dumps({**body, "category": "Інша"}),
        content_type="application/json",
        **_auth(resident),
    )
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 401
    comment = client.post(
        f"/api/v1/proposals/{row['id']}/comments",
        json.dumps({"text": "**Так**"}),
        content_type="application/json",
        **_auth(resident),
    )
    assert comment.status_code == 201 and comment.json()["text"] == "**Так**"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "proposal": "1/h"}
    limited = client.post(url, json.dumps(body), content_type="application/json", **_auth(resident))
    assert limited.status_code == 429


def test_anonymous_user_object_has_no_rights(proposal):
    assert not AnonymousUser().has_perm("participation.contribute", proposal)
