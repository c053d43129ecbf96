"""The API takes values as they are documented: an integer is an integer (never a boolean, a
string or a float), a date is ISO 8601 text (never a Unix timestamp); anything else is an RFC 7807
400 that names the parameter, and nothing is written."""

import json

import pytest

from openhromada.opendata.tokens import token_create
from openhromada.participation.models import Comment, Proposal
from openhromada.plans.models import ProgressUpdate

pytestmark = pytest.mark.django_db
REPORT = {"date": "2025-03-02", "text": "Зроблено", "status": "in_progress", "percent": 40}


def _bearer(user):
    _token, plain = token_create(actor=user, name="t", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _send(client, method, url, body, auth):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json", **auth)


def _refused(response, parameter):
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert parameter in {e["parameter"] for e in response.json()["errors"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("percent", False),
        ("percent", True),
        ("percent", "55"),
        ("percent", 60.0),
        ("date", 1740873600),
        ("date", "1740873600"),
        ("date", "4.09e-278"),
        ("text", 5),
    ],
)
def test_progress_report_takes_only_documented_types(client, official, reporting, field, value):
    url = f"/api/v1/milestones/{reporting.pk}/progress"
    response = _send(client, "post", url, {**REPORT, field: value}, _bearer(official))
    _refused(response, field)
    assert not ProgressUpdate.objects.exists()


def test_progress_report_with_proper_types_is_saved(client, official, reporting):
    url = f"/api/v1/milestones/{reporting.pk}/progress"
    assert _send(client, "post", url, REPORT, _bearer(official)).status_code == 201


@pytest.mark.parametrize("value", [True, "1", 1.0])
def test_comment_reply_id_must_be_an_integer(client, resident, proposal, value):
    url = f"/api/v1/proposals/{proposal.pk}/comments"
    response = _send(client, "post", url, {"text": "Так", "parent_id": value}, _bearer(resident))
    _refused(response, "parent_id")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("commitment_ids", [True]), ("commitment_ids", ["1"]), ("merged_into_id", False)],
)
def test_response_ids_must_be_integers(client, official, proposal, field, value):
    body = {"response": "rejected", "reason": "Ні", field: value}
    url = f"/api/v1/proposals/{proposal.pk}/response"
    response = _send(client, "put", url, body, _bearer(official))
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"].startswith(field)
    assert Proposal.objects.get(pk=proposal.pk).response == ""


@pytest.mark.parametrize("value", [10**30, -1])
def test_huge_or_negative_ids_are_refused_not_a_server_error(client, resident, proposal, value):
    url = f"/api/v1/proposals/{proposal.pk}/comments"
    response = _send(client, "post", url, {"text": "Так", "parent_id": value}, _bearer(resident))
    _refused(response, "parent_id")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans?updated_since=4.09e-278",
        "/api/v1/plans?updated_since=1740873600",
        "/api/v1/plans?updated_since=20250131",
        "/api/v1/plans?starts_from=4.09e-278",
        "/api/v1/plans?starts_from=2025-1-3",
        "/api/v1/milestones?due_from=1e-5",
        "/api/v1/history?since=4.09e-278",
        "/api/v1/history?since=1740873600",
        "/api/v1/history?since=2025-01-31T12",
        "/api/v1/council-meetings?starts_from=0-0",
    ],
)
def test_date_filters_take_only_iso_8601(client, url):
    response = client.get(url)
    name = url.split("?")[1].split("=")[0]
    _refused(response, name)
    assert "ISO 8601" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans?updated_since=2025-01-31",
        "/api/v1/plans?updated_since=2025-01-31T12:00:00Z",
        "/api/v1/plans?updated_since=2025-01-31T12:00:00.5%2B02:00",
        "/api/v1/plans?starts_from=2025-01-31",
        "/api/v1/history?since=2025-01-31T12:00",
    ],
)
def test_iso_8601_dates_are_taken(client, url):
    assert client.get(url).status_code == 200


def test_bulk_download_filters_are_as_strict(client):
    response = client.get("/data/plans.csv?updated_since=4.09e-278")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/proposals/1.0",
        "/api/v1/history/1.0",
        "/api/v1/proposals?limit=1.0",
        "/api/v1/proposals?call=1.0",
        "/api/v1/proposals?limit=%D9%A1",
    ],
)
def test_integers_in_addresses_are_digits_only(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404) and response["Content-Type"].startswith(
        "application/problem+json"
    ), url


def test_an_address_the_api_does_not_have_answers_with_a_problem_document(client):
    response = client.get("/api/v1/no-such-thing/42")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
