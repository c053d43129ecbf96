"""A journalist's paths through the data (issue 14): milestones, commitments and proposals by
oblast and hromada, with readable names beside the codes, unknown places refused with a
message, withheld records' titles nowhere, and each dataset page documenting its filters."""

import csv
import io

import pytest
from django.utils import translation

from openhromada.core.withholding import active, withholding_create
from openhromada.opendata.base import REGISTRY
from openhromada.participation.calls import services as calls
from openhromada.places.models import Hromada
from openhromada.plans.services import milestones_mark_overdue
from tests.plans.fixtures import make_commitment, make_milestone

pytestmark = pytest.mark.django_db

KHMELNYTSKA = "khmelnytska"


def _items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def _csv(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response.streaming  # a big selection never sits in memory
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def places():
    hromada = Hromada.objects.select_related("oblast").get(slug=KHMELNYTSKA)
    return hromada, hromada.oblast


def test_milestones_by_oblast_carry_place_plan_and_commitment_names(
    client, public_plan, draft_plan, places
):
    hromada, oblast = places
    rows = _items(client, f"/api/v1/milestones?oblast={oblast.code}")
    assert len(rows) == 3  # the draft plan's milestone (another oblast, and a draft) is out
    row = next(r for r in rows if r["expected_output"] == "Портал відкритих даних")
    assert row["oblast_code"] == oblast.code and row["hromada_code"] == hromada.code
    assert row["oblast_name_uk"] == oblast.name_uk and row["oblast_name_en"] == oblast.name_en
    assert row["hromada_name_uk"] == hromada.name_uk and row["hromada_name_en"] == hromada.name_en
    assert row["plan_title"] == "План дій" and row["commitment_title"] == "Реєстр відкритих даних"
    assert row["commitment_number"] == 1
    files = _csv(client, f"/data/milestones.csv?oblast={oblast.code}&hromada={hromada.code}")
    assert sorted(r["id"] for r in files) == sorted(str(r["id"]) for r in rows)
    assert {r["hromada_name_uk"] for r in files} == {hromada.name_uk}
    other = Hromada.objects.exclude(oblast=oblast).select_related("oblast").first()
    assert _items(client, f"/api/v1/milestones?oblast={other.oblast.code}") == []


def test_existing_columns_keep_their_order_and_names_come_after(client, public_plan):
    header = _csv(client, "/data/milestones.csv")[0].keys()
    names = list(header)
    assert names[:4] == ["id", "commitment_id", "plan_id", "hromada_code"]
    assert names.index("api_url") < names.index("oblast_name_uk")
    assert names[-1] == "commitment_title"


def test_commitments_and_proposals_by_place_carry_names(client, proposal, official, co_plan):
    hromada = co_plan.hromada
    commitment = co_plan.commitments.first()
    calls.proposal_respond(
        actor=official,
        proposal=proposal,
        response="accepted",
        reason="Так",
        commitments=[commitment],
    )
    items = _items(
        client, f"/api/v1/commitments?oblast={hromada.oblast.code}&hromada={hromada.code}"
    )
    assert len(items) == co_plan.commitments.count() == 2
    assert {(i["plan_title"], i["hromada_name_uk"]) for i in items} == {
        (co_plan.title, hromada.name_uk)
    }
    (row,) = _items(client, f"/api/v1/proposals?oblast={hromada.oblast.code}")
    assert row["oblast_name_uk"] == hromada.oblast.name_uk
    assert row["call_title"] == proposal.call.title and row["plan_title"] == co_plan.title
    assert row["commitment_titles"] == [commitment.title]
    assert "call__title" not in row and "call__hromada__name_uk" not in row  # no stray keys


@pytest.mark.parametrize("dataset", ["milestones", "commitments", "proposals", "plans"])
@pytest.mark.parametrize("name", ["oblast", "hromada"])
def test_an_unknown_place_is_refused_with_a_message(client, dataset, name):
    with translation.override("uk"):
        api = client.get(f"/api/v1/{dataset}?{name}=UA99999999999999999", HTTP_ACCEPT_LANGUAGE="uk")
        download = client.get(f"/data/{dataset}.csv?{name}=nowhere")
    for response in (api, download):
        assert response.status_code == 400
        problem = response.json()
        assert problem["errors"][0]["parameter"] == name
    assert "nowhere" in download.json()["detail"]


def test_unknown_place_message_is_translated(client):
    response = client.get("/api/v1/milestones?oblast=UA1", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 400
    assert "Невідоме значення" in response.json()["detail"]


def test_a_withheld_commitment_and_its_title_leave_every_dataset(
    client, operator, proposal, official, co_plan
):
    kept = co_plan.commitments.first()
    secret = make_commitment(official, co_plan, title="Зобов'язання ПРИХОВАНЕ")
    make_milestone(official, secret, expected_output="Етап")
    calls.proposal_respond(
        actor=official,
        proposal=proposal,
        response="accepted",
        reason="Так",
        commitments=[kept, secret],
    )
    assert secret.title in client.get("/api/v1/milestones").content.decode()  # the control
    withholding_create(actor=operator, obj=secret, reason="Персональні дані")
    for key in ("milestones", "commitments", "proposals"):
        body = b"".join(client.get(f"/data/{key}.csv").streaming_content).decode()
        assert secret.title not in body, key
        assert secret.title not in client.get(f"/api/v1/{key}?limit=500").content.decode(), key
    (row,) = _items(client, "/api/v1/proposals")
    assert row["commitment_titles"] == [kept.title]


def test_milestones_overdue_filter(client, public_plan):
    milestones_mark_overdue()
    overdue = _items(client, "/api/v1/milestones?overdue=true")
    assert overdue and all(r["is_overdue"] for r in overdue)
    assert all(not r["is_overdue"] for r in _items(client, "/api/v1/milestones?overdue=false"))


def test_dataset_page_documents_every_filter_with_examples(client, public_plan):
    page = client.get("/en/data/milestones/").content.decode()
    for flt in REGISTRY["milestones"].filters:
        assert f"<code>{flt.name}</code>" in page
    # a choice lists its values, a place links to the dataset of its codes with a real example
    assert "<code>in_progress</code>" in page
    assert 'href="/en/data/oblasts/"' in page
    example = REGISTRY["oblasts"].public_queryset(active()).order_by("id")[0]
    assert f"/api/v1/milestones?oblast={example['code']}" in page
    assert f"/data/milestones.csv?oblast={example['code']}" in page
    assert "/data/milestones.csv?overdue=true" in page
    uk = client.get("/data/milestones/").content.decode()
    assert "Фільтри (параметри запиту)" in uk and "одне з таких значень" in uk


def test_every_dataset_page_renders_its_filters(client):
    for key, dataset in REGISTRY.items():
        response = client.get(f"/en/data/{key}/")
        assert response.status_code == 200, key
        if dataset.filters:
            assert 'id="filters"' in response.content.decode(), key
