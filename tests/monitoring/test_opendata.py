"""Monitoring as open data: the datasets' rows and filters, only what is published (drafts,
findings under review, reports in their reply period, applications and conflicts never), the
bulk files and the Atom feeds of published reports."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core import withholding
from openhromada.core.withholding import active
from openhromada.monitoring.datasets import (
    ASSESSMENTS,
    ASSIGNMENTS,
    FINDINGS,
    MEMBERS,
    NETWORKS,
    REPLIES,
    REPORTS,
)
from openhromada.monitoring.lifecycle import FindingStatus, ReportKind, ReportStatus
from openhromada.monitoring.models import (
    Assessment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
    Reply,
    Report,
    StandardFinding,
)
from openhromada.monitoring.services import networks
from openhromada.opendata.base import REGISTRY
from tests.factories import UserFactory, with_role

D = dt.date


def rows(dataset, **filters):
    withheld = active()
    return list(dataset.public_rows(withheld, filters or None))


def finding_values(**extra):
    now = timezone.now()
    return {
        "status": FindingStatus.SUBMITTED,
        "is_current": True,
        "narrative": "Портал працює",
        "links": ["https://example.org/evidence"],
        "assessed_on": D(2025, 3, 1),
        "author_label": "Моніторка",
        "submitted_at": now,
        **extra,
    }


def make_published(assignment, commitment, official, monitor):
    """A member organisation and a published inception review: one assessment (a star,
    diverging from the city's completion), one co-creation finding, a reply to each and a
    general reply."""
    now = timezone.now()
    MemberOrganisation.objects.create(
        network=assignment.network,
        name="ГО «Подільський монітор»",
        edrpou="40123450",
        oblast=assignment.plan.hromada.oblast,
        joined_on=D(2012, 5, 24),
    )
    report = Report.objects.create(
        network=assignment.network,
        plan=assignment.plan,
        kind=ReportKind.INCEPTION,
        status=ReportStatus.PUBLISHED,
        summary="Підсумок огляду",
        recommendations="Рекомендації",
        author=monitor,
        author_label="Моніторка",
        sent_at=now - dt.timedelta(days=20),
        reply_due=D(2025, 3, 20),
        published_at=now,
    )
    assessment = Assessment.objects.create(
        assignment=assignment,
        commitment=commitment,
        kind=ReportKind.INCEPTION,
        report=report,
        verifiable=True,
        lens_transparency=True,
        potential="substantial",
        completion="complete",
        opened_government="major",
        author=monitor,
        published_at=now,
        **finding_values(),
    )
    finding = StandardFinding.objects.create(
        assignment=assignment,
        plan=assignment.plan,
        kind=ReportKind.INCEPTION,
        standard="space_for_dialogue",
        verdict="met",
        report=report,
        author=monitor,
        published_at=now,
        **finding_values(),
    )
    replies = [
        Reply.objects.create(
            report=report,
            assessment=assessment,
            text="Дякуємо",
            author=official,
            author_label="Посадовиця",
        ),
        Reply.objects.create(
            report=report,
            standard_finding=finding,
            text="Згодні",
            author=official,
            author_label="Посадовиця",
        ),
        Reply.objects.create(
            report=report, text="Загалом згодні", author=official, author_label="Посадовиця"
        ),
    ]
    return report, assessment, finding, replies


def make_unpublished(assignment, commitment, official, monitor):
    """A draft assessment, a submitted one not yet published, a results report in its reply
    period with a reply, a pending application and a declared conflict."""
    draft = Assessment.objects.create(
        assignment=assignment,
        commitment=commitment,
        kind=ReportKind.RESULTS,
        status=FindingStatus.DRAFT,
        narrative="DRAFTMARK чернетка",
        author=monitor,
        author_label="Моніторка",
    )
    in_reply = Report.objects.create(
        network=assignment.network,
        plan=assignment.plan,
        kind=ReportKind.RESULTS,
        status=ReportStatus.REPLY,
        summary="REPLYMARK на відповіді",
        author=monitor,
        author_label="Моніторка",
        sent_at=timezone.now(),
        reply_due=timezone.localdate() + dt.timedelta(days=10),
    )
    under_review = StandardFinding.objects.create(
        assignment=assignment,
        plan=assignment.plan,
        kind=ReportKind.RESULTS,
        standard="open_information",
        verdict="met",
        report=in_reply,
        author=monitor,
        **finding_values(narrative="REVIEWMARK на розгляді"),
    )
    reply = Reply.objects.create(
        report=in_reply, text="REPLYTEXTMARK", author=official, author_label="Посадовиця"
    )
    application = MemberApplication.objects.create(
        network=assignment.network,
        name="APPLYMARK Громадська організація",
        edrpou="12345678",
        oblast=assignment.plan.hromada.oblast,
        motivation="Хочемо",
        email="apply@example.org",
    )
    conflict = ConflictDeclaration.objects.create(
        network=assignment.network,
        monitor=monitor,
        hromada=assignment.plan.hromada,
        description="CONFLICTMARK родич",
        declared_by=monitor,
    )
    return draft, in_reply, under_review, reply, application, conflict


@pytest.fixture
def published(assignment, commitment, official, monitor):
    return make_published(assignment, commitment, official, monitor)


@pytest.fixture
def unpublished(assignment, commitment, official, monitor, published):
    return make_unpublished(assignment, commitment, official, monitor)


MARKS = ("draftmark", "replymark", "reviewmark", "replytextmark", "applymark", "conflictmark")


def test_every_monitoring_dataset_is_registered():
    for dataset in (NETWORKS, MEMBERS, ASSIGNMENTS, ASSESSMENTS, FINDINGS, REPORTS, REPLIES):
        assert REGISTRY[dataset.key] is dataset
        assert {c.name for c in dataset.columns} >= {"id", "api_url"}


def test_networks_with_regions_and_members(network, coordinator):
    member = MemberOrganisation.objects.create(
        network=network,
        name="ГО «Подільський монітор»",
        edrpou="40123456",
        oblast=network.oblasts.first(),
        email="info@example.org",
        joined_on=D(2012, 5, 24),
    )
    (row,) = rows(NETWORKS)
    assert row["id"] == network.pk
    assert row["oblast_codes"] == [network.oblasts.first().code]
    assert row["member_count"] == 1
    member.left_on = D(2020, 1, 1)
    member.save()
    assert rows(NETWORKS)[0]["member_count"] == 0
    member.left_on = None
    member.save()
    assert row["url"].endswith(f"/networks/{network.slug}/")
    assert rows(NETWORKS, oblast=network.oblasts.first().code) == [row]
    (m,) = rows(MEMBERS, network=network.pk)
    assert m["id"] == member.pk and m["edrpou"] == "40123456"
    assert m["oblast_code"] == member.oblast.code and m["oblast_name_uk"]
    assert m["url"].endswith(f"#member-{member.pk}")
    assert rows(MEMBERS, current=False) == []
    assert set(m) == {c.name for c in MEMBERS.columns}
    assert set(row) == {c.name for c in NETWORKS.columns}


def test_assignments_public_names_only(assignment, monitor):
    (row,) = rows(ASSIGNMENTS)
    assert row["monitor_label"] == monitor.public_name
    assert row["plan_id"] == assignment.plan_id and row["hromada_code"]
    assert set(row) == {c.name for c in ASSIGNMENTS.columns}
    text = json.dumps(row, default=str)
    assert monitor.email not in text and str(monitor.pk) != row.get("monitor")


def test_assessments_rows_and_filters(published, unpublished, commitment, hromada):
    report, assessment, finding, _replies = published
    (row,) = rows(ASSESSMENTS)
    assert row["id"] == assessment.pk
    assert row["star"] is True and row["is_current"] is True and row["version"] == 1
    assert row["city_completion"] == "not_started" and row["diverges"] is True
    assert row["commitment_id"] == commitment.pk and row["plan_id"] == commitment.plan_id
    assert row["hromada_code"] == hromada.code and row["report_id"] == report.pk
    assert row["links"] == ["https://example.org/evidence"]
    assert row["url"].endswith(f"/commitments/{commitment.number}/#monitoring")
    assert set(row) == {c.name for c in ASSESSMENTS.columns}
    assert rows(ASSESSMENTS, diverges=True) == [row]
    assert rows(ASSESSMENTS, diverges=False) == []
    assert rows(ASSESSMENTS, star=True, kind="inception", hromada=hromada.code) == [row]
    assert rows(ASSESSMENTS, oblast=hromada.oblast.code, plan=commitment.plan_id) == [row]
    assert rows(ASSESSMENTS, kind="results") == []
    (f,) = rows(FINDINGS)
    assert f["id"] == finding.pk and f["standard"] == "space_for_dialogue"
    assert set(f) == {c.name for c in FINDINGS.columns}


def test_reports_with_counts_and_replies(published, unpublished):
    report, assessment, finding, replies = published
    (row,) = rows(REPORTS)
    assert row["id"] == report.pk
    assert (row["assessment_count"], row["star_count"], row["diverging_count"]) == (1, 1, 1)
    assert row["reply_count"] == 3
    assert set(row) == {c.name for c in REPORTS.columns}
    found = rows(REPLIES)
    assert [r["id"] for r in found] == [r.pk for r in replies]
    assert found[0]["assessment_id"] == assessment.pk
    assert found[1]["standard_finding_id"] == finding.pk
    assert found[2]["assessment_id"] is None and found[2]["standard_finding_id"] is None
    assert rows(REPLIES, report=report.pk) == found


def test_withheld_fields_and_records_are_left_out(published, official):
    report, assessment, *_ = published
    operator = with_role(UserFactory(), Role.OPERATOR)
    withholding.withholding_create(
        actor=operator, obj=assessment, field="narrative", reason="Безпека"
    )
    (row,) = rows(ASSESSMENTS)
    assert row["narrative"] is None
    withholding.withholding_create(actor=operator, obj=report, field="", reason="Безпека")
    assert rows(REPORTS) == []
    assert rows(REPLIES) == []  # they live in the report


@pytest.mark.parametrize(
    "key",
    [
        "monitoring-networks",
        "monitoring-members",
        "monitoring-assignments",
        "monitoring-assessments",
        "monitoring-co-creation-findings",
        "monitoring-reports",
        "monitoring-replies",
    ],
)
def test_bulk_files_hold_only_what_is_published(client, published, unpublished, key):
    for fmt in ("csv", "jsonl"):
        response = client.get(f"/data/{key}.{fmt}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode().lower()
        assert not [m for m in MARKS if m in text]
        assert "@" not in text or key == "monitoring-members"


def test_reports_feed_lists_published_reports_only(client, published, unpublished):
    report = published[0]
    response = client.get(reverse("monitoring:reports_feed"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Підсумок огляду" in text and f"/reports/{report.pk}/" in text
    assert not [m for m in MARKS if m in text.lower()]
    network = report.network
    response = client.get(reverse("monitoring:network_reports_feed", args=[network.slug]))
    assert response.status_code == 200 and "Підсумок огляду" in response.content.decode()
    missing = reverse("monitoring:network_reports_feed", args=["nemaye"])
    assert client.get(missing).status_code == 404


def test_applications_and_conflicts_leak_nowhere(client, network, coordinator, monitor, hromada):
    """Written through the services: an application declined with a reason, one pending, a
    declared conflict — none shows in the history, the feeds, the API or the bulk files."""
    applicant = UserFactory()
    values = {"oblast": hromada.oblast, "email": "apply@example.org", "website": ""}
    declined = networks.application_submit(
        actor=applicant,
        network=network,
        name="APPLYMARK Перша",
        edrpou="40000011",
        motivation="APPLYMARK мотивація",
        **values,
    )
    networks.application_decline(actor=coordinator, application=declined, reason="DECLINEMARK")
    networks.application_submit(
        actor=applicant,
        network=network,
        name="APPLYMARK Друга",
        edrpou="40000012",
        motivation="APPLYMARK мотивація",
        **values,
    )
    networks.conflict_declare(
        actor=monitor, network=network, hromada=hromada, description="CONFLICTMARK родич"
    )
    urls = [
        "/api/v1/history?limit=500",
        "/data/history.jsonl",
        reverse("opendata:feed"),
        reverse("monitoring:reports_feed"),
        *(f"/api/v1/{d.key}" for d in REGISTRY.values() if d.key.startswith("monitoring-")),
        *(f"/data/{d.key}.csv" for d in REGISTRY.values() if d.key.startswith("monitoring-")),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode().lower()
        assert not [m for m in ("applymark", "declinemark", "conflictmark") if m in text], url
