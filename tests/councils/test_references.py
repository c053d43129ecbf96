"""A council decision shows the plan and commitments it concerns only while they are public: on
the meeting page, in the decisions register, in the decisions dataset and in the history."""

import pytest

from openhromada.core.withholding import withholding_create
from openhromada.councils import services
from openhromada.councils.lifecycle import Result, Topic, VoteOption
from openhromada.plans import services as plan_services
from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db
PLAN_MARKER = "ПЛАН-РАДИ-МАРКЕР-3307"
COMMITMENT_MARKER = "ЗОБОВЯЗАННЯ-РАДИ-МАРКЕР-8812"


@pytest.fixture
def decision(official, plan, held, members):
    commitment = make_commitment(official, plan, title=COMMITMENT_MARKER)
    plan_services.plan_update(actor=official, plan=plan, title=PLAN_MARKER)
    plan = move(plan, official, "co_creation")
    return services.motion_record(
        actor=official,
        item=held.items.first(),
        text="Схвалити проєкт плану дій",
        topic=Topic.ACTION_PLAN,
        result=Result.ADOPTED,
        votes={m.pk: VoteOption.YES for m in members},
        plan=plan,
        commitments=[commitment],
    )


def _outputs(client, held) -> str:
    urls = [
        f"/hromady/khmelnytska/council/meetings/{held.number}/",
        "/hromady/khmelnytska/council/decisions/",
        "/api/v1/council-decisions?limit=500",
        "/data/council-decisions.csv",
        "/api/v1/history?limit=500",
        "/data/history.jsonl",
    ]
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(body.decode())
    return "\n".join(bodies)


def test_a_decision_shows_its_plan_and_commitments_while_they_are_public(client, decision, held):
    everything = _outputs(client, held)
    assert PLAN_MARKER in everything and COMMITMENT_MARKER in everything
    row = client.get("/api/v1/council-decisions?limit=500").json()["items"][0]
    assert row["plan_id"] == decision.plan_id and row["commitment_ids"] == [
        decision.commitments.get().pk
    ]


def test_a_plan_moved_back_to_draft_leaves_every_decision_output(client, decision, held, official):
    move(decision.plan, official, "draft")
    everything = _outputs(client, held)
    assert PLAN_MARKER not in everything and COMMITMENT_MARKER not in everything
    row = client.get("/api/v1/council-decisions?limit=500").json()["items"][0]
    assert row["plan_id"] is None and row["commitment_ids"] == []


def test_a_withheld_commitment_leaves_every_decision_output(
    client, decision, held, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        withholding_create(actor=operator, obj=decision.commitments.get(), reason="Безпека")
    everything = _outputs(client, held)
    assert COMMITMENT_MARKER not in everything
    assert PLAN_MARKER in everything  # the plan itself is still public
    row = client.get("/api/v1/council-decisions?limit=500").json()["items"][0]
    assert row["commitment_ids"] == []
