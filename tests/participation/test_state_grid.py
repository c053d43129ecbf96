"""Role × action × state: "may they, now?" is one permission per action — who (a verified,
unblocked resident), when (the call's period open), what (not one's own, not withdrawn or
hidden, the call public) — and the service, the page and the API answer alike from it."""

import datetime as dt

import pytest
from django.utils import timezone

from openhromada.core.withholding import withholding_create
from openhromada.participation.calls import services
from openhromada.participation.models import Call, Proposal
from openhromada.participation.moderation import services as moderation
from tests.factories import actor_for
from tests.plans.fixtures import move

from .test_rules import make_actor

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "unverified", "resident", "author", "blocked", "official"]
STATES = ["before", "open", "after", "closed_early", "draft_plan", "withheld_plan", "hidden",
          "withdrawn"]  # fmt: skip
CONTRIBUTORS = {"resident", "author", "official"}  # verified and not blocked
EXPECTED = {
    "participation.support_proposal": {"open": CONTRIBUTORS - {"author"}},
    "participation.comment": {"open": CONTRIBUTORS},
    "participation.submit_proposal": {
        "open": CONTRIBUTORS,
        "hidden": CONTRIBUTORS,  # the call still takes new proposals
        "withdrawn": CONTRIBUTORS,
    },
}


def _in_state(state, proposal, official, operator):
    call = proposal.call
    now = timezone.now()
    if state == "before":
        Call.objects.filter(pk=call.pk).update(opens_at=now + dt.timedelta(days=1))
    elif state == "after":
        Call.objects.filter(pk=call.pk).update(
            opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1)
        )
    elif state == "closed_early":
        services.call_close(actor=official, call=call, reason="Досить")
    elif state == "draft_plan":
        move(call.plan, official, "draft")
    elif state == "withheld_plan":
        withholding_create(actor=operator, obj=call.plan, reason="Безпека")
    elif state == "hidden":
        moderation.content_hide(actor=official, obj=proposal, rule="spam")
    elif state == "withdrawn":
        services.proposal_withdraw(actor=proposal.author, proposal=proposal)
    return Proposal.objects.select_related("call__plan").get(pk=proposal.pk)


@pytest.mark.parametrize("state", STATES)
def test_the_permissions_answer_by_role_and_state(state, proposal, official, hromada):
    operator = actor_for("operator", hromada)
    actors = {name: make_actor(name, hromada, official, proposal) for name in ACTORS}
    proposal = _in_state(state, proposal, official, operator)
    for perm, allowed in EXPECTED.items():
        target = proposal.call if perm == "participation.submit_proposal" else proposal
        for name, actor in actors.items():
            actor = type(actor).objects.get(pk=actor.pk) if actor.pk else actor  # no caches
            expected = name in allowed.get(state, set())
            assert actor.has_perm(perm, target) == expected, (perm, state, name)


@pytest.mark.parametrize("state", ["open", "after", "withdrawn"])
def test_the_page_offers_support_exactly_when_the_permission_allows(
    client, state, proposal, official, hromada
):
    operator = actor_for("operator", hromada)
    resident = actor_for("resident", hromada)
    proposal = _in_state(state, proposal, official, operator)
    client.force_login(resident)
    page = client.get(f"/proposals/{proposal.pk}/").content.decode()
    offered = 'name="action" value="support"' in page
    assert offered == resident.has_perm("participation.support_proposal", proposal)


@pytest.mark.parametrize(("state", "message"), [("after", "закрито"), ("withdrawn", "більше не")])
def test_the_service_and_the_api_say_why_not(client, state, message, proposal, official, hromada):
    from openhromada.opendata.tokens import token_create

    operator = actor_for("operator", hromada)
    resident = actor_for("resident", hromada)
    proposal = _in_state(state, proposal, official, operator)
    _token, plain = token_create(actor=resident, name="t", scope="write")
    response = client.post(
        f"/api/v1/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {plain}"
    )
    assert response.status_code == 400
    assert message in response.json()["detail"], response.json()
