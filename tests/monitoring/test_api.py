"""Monitoring in the public API: lists with filters and cursors, details, the network with its
members and the report with its findings and replies — only what is published, never a
person's account or e-mail; bad parameters answered with problem details."""

import datetime as dt

import pytest
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core import withholding
from openhromada.monitoring.datasets import ASSESSMENTS, REPORTS
from openhromada.monitoring.models import MemberOrganisation
from openhromada.monitoring.schemas import NetworkWithMembers, ReportWithFindings
from tests.factories import UserFactory, with_role
from tests.monitoring.test_opendata import MARKS, make_published, make_unpublished

API = "/api/v1"


@pytest.fixture
def published(assignment, commitment, official, monitor):
    return make_published(assignment, commitment, official, monitor)


@pytest.fixture
def unpublished(assignment, commitment, official, monitor, published):
    return make_unpublished(assignment, commitment, official, monitor)


KEYS = (
    "monitoring-networks",
    "monitoring-members",
    "monitoring-assignments",
    "monitoring-assessments",
    "monitoring-co-creation-findings",
    "monitoring-reports",
    "monitoring-replies",
)


def _clean(text: str, *people) -> None:
    lowered = text.lower()
    assert not [m for m in MARKS if m in lowered]
    for person in people:
        assert person.email.lower() not in lowered


@pytest.mark.parametrize("key", KEYS)
def test_every_list_answers_only_published_rows(client, published, unpublished, key, monitor):
    response = client.get(f"{API}/{key}")
    assert response.status_code == 200
    body = response.json()
    assert body["items"] and body["next"] is None
    _clean(response.content.decode(), monitor)
    first = body["items"][0]["id"]
    detail = client.get(f"{API}/{key}/{first}")
    assert detail.status_code == 200 and detail.json()["id"] == first


def test_assessment_filters(client, published, unpublished, hromada):
    _report, assessment, *_ = published
    url = f"{API}/monitoring-assessments"
    for query in (
        f"hromada={hromada.code}",
        f"oblast={hromada.oblast.code}",
        f"plan={assessment.commitment.plan_id}",
        "kind=inception",
        "star=true",
        "diverges=true",
        "current=true",
    ):
        items = client.get(f"{url}?{query}").json()["items"]
        assert [i["id"] for i in items] == [assessment.pk], query
    for query in ("kind=results", "star=false", "diverges=false"):
        assert client.get(f"{url}?{query}").json()["items"] == [], query


def test_bad_parameters_are_problems(client, published):
    response = client.get(f"{API}/monitoring-assessments?kind=nonsense")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert client.get(f"{API}/monitoring-assessments?sort=x").status_code == 400
    unknown = client.get(f"{API}/monitoring-assessments?oblast=UA99")
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["parameter"] == "oblast"


def test_pagination(client, network):
    for n in range(3):
        MemberOrganisation.objects.create(
            network=network,
            name=f"Організація {n}",
            edrpou=f"4000000{n}",
            oblast=network.oblasts.first(),
            joined_on=dt.date(2012, 5, 24),
        )
    page = client.get(f"{API}/monitoring-members?limit=2").json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    rest = client.get(f"{API}/monitoring-members?limit=2&cursor={page['next_cursor']}").json()
    assert len(rest["items"]) == 1 and rest["next"] is None


def test_network_with_members(client, network):
    member = MemberOrganisation.objects.create(
        network=network,
        name="ГО «Монітор»",
        edrpou="40000001",
        oblast=network.oblasts.first(),
        joined_on=dt.date(2012, 5, 24),
    )
    body = client.get(f"{API}/monitoring-networks/{network.pk}/members").json()
    assert body["network"]["id"] == network.pk
    assert [m["id"] for m in body["members"]] == [member.pk]
    assert client.get(f"{API}/monitoring-networks/999999/members").status_code == 404


def test_report_with_findings_and_replies(client, published, unpublished, monitor, official):
    report, assessment, finding, replies = published
    response = client.get(f"{API}/monitoring-reports/{report.pk}/findings")
    assert response.status_code == 200
    body = response.json()
    assert body["report"]["id"] == report.pk
    assert [a["id"] for a in body["assessments"]] == [assessment.pk]
    assert [f["id"] for f in body["co_creation_findings"]] == [finding.pk]
    assert [r["id"] for r in body["replies"]] == [r.pk for r in replies]
    _clean(response.content.decode(), monitor, official)
    for row in (body["report"], *body["assessments"], *body["replies"]):
        assert not {"author", "author_id", "monitor_id", "email"} & set(row)


def test_unpublished_report_is_not_found_and_withheld_is_451(client, published, unpublished):
    in_reply = unpublished[1]
    for path in (f"{in_reply.pk}", f"{in_reply.pk}/findings"):
        assert client.get(f"{API}/monitoring-reports/{path}").status_code == 404
    draft = unpublished[0]
    assert client.get(f"{API}/monitoring-assessments/{draft.pk}").status_code == 404
    report = published[0]
    operator = with_role(UserFactory(), Role.OPERATOR)
    withholding.withholding_create(actor=operator, obj=report, field="", reason="Безпека")
    for path in (f"{report.pk}", f"{report.pk}/findings"):
        response = client.get(f"{API}/monitoring-reports/{path}")
        assert response.status_code == 451, path
    assert report.published_at <= timezone.now()


def test_every_monitoring_operation_is_documented(client):
    document = client.get(f"{API}/openapi.json").json()
    paths = {p: ops for p, ops in document["paths"].items() if "/monitoring-" in p}
    assert len(paths) == 16  # a list and a detail per dataset, and the two composites
    for path, operations in paths.items():
        get = operations["get"]
        assert get["operationId"] and get["summary"], path
        assert "Independent monitoring" in get["tags"], path
        assert "404" in get["responses"] or "{" not in path, path


def test_composites_keep_their_schemas(client, published, unpublished, network):
    report = published[0]
    body = client.get(f"{API}/monitoring-reports/{report.pk}/findings").json()
    ReportWithFindings.model_validate(body)
    body = client.get(f"{API}/monitoring-networks/{network.pk}/members").json()
    NetworkWithMembers.model_validate(body)
    for dataset in (REPORTS, ASSESSMENTS):
        page = client.get(f"{API}/{dataset.key}").json()
        for item in page["items"]:
            dataset.schema.model_validate(item)
