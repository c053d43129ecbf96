"""What everyone sees: a commitment's self-reported status beside its independent assessment,
the plan's monitors and reports, and the hromada's line to them."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from openhromada.accounts.models import Role
from openhromada.core.models import Withholding
from openhromada.monitoring.models import Assessment, Assignment, FindingFile, Reply, Report
from openhromada.plans import services
from tests.factories import NetworkFactory, UserFactory, with_role

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def make_report(network, plan, kind="results", published=True):
    return Report.objects.create(
        network=network,
        plan=plan,
        kind=kind,
        status="published" if published else "reply",
        author_label="Моніторка",
        sent_at=NOW,
        reply_due=dt.date(2026, 3, 20),
        published_at=NOW if published else None,
    )


def make_assessment(assignment, commitment, **extra):
    values = {
        "assignment": assignment,
        "commitment": commitment,
        "kind": "results",
        "status": "submitted",
        "is_current": True,
        "published_at": NOW,
        "submitted_at": NOW,
        "assessed_on": dt.date(2026, 2, 20),
        "author_label": "Моніторка Олена",
        "narrative": "Портал запущено частково.",
        "links": ["https://example.org/evidence"],
        "verifiable": True,
        "lens_transparency": True,
        "potential": "substantial",
        "completion": "limited",
        "opened_government": "marginal",
    }
    values.update(extra)
    return Assessment.objects.create(**values)


def page(client, commitment):
    plan = commitment.plan
    with translation.override("en"):
        url = reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('id="monitoring"')
    assert start != -1, "the monitoring section is missing"
    return html[start : html.find("</section>\n", html.find("monitoring-assessment-heading"))]


def plan_page(client, plan):
    with translation.override("en"):
        url = reverse("plans:plan", args=[plan.hromada.slug, plan.slug])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def report(assignment, network):
    return make_report(network, assignment.plan)


def test_side_by_side_when_they_agree(client, assignment, commitment, report):
    make_assessment(assignment, commitment, completion="not_started", report=report)
    html = page(client, commitment)
    assert "The city&#x27;s own report" in html or "The city's own report" in html
    assert "The independent assessment" in html
    assert "Monitoring network" in html and "Моніторка Олена" in html
    assert "Портал запущено частково." in html
    assert "https://example.org/evidence" in html
    assert "not started" in html and "substantial" in html and "marginal" in html
    assert "disagree" not in html.lower()
    assert reverse("monitoring:report", args=[report.pk]) in html


def test_disagreement_is_flagged_in_words(client, assignment, commitment, report):
    make_assessment(assignment, commitment, completion="complete", report=report)
    html = page(client, commitment)
    assert "City: not started · Monitor (Monitoring network): complete" in html
    assert "Disagrees with the city" in html
    assert "★" in html  # verifiable, relevant, substantial potential, complete: a star


def test_no_evidence_is_said(client, assignment, commitment, report):
    make_assessment(assignment, commitment, links=[], completion="no_evidence", report=report)
    html = page(client, commitment)
    assert "none given" in html
    assert "has not reported progress with evidence" in html
    assert "no evidence available" in html


def test_city_evidence_counts_the_progress_reports(client, official, reporting, commitment):
    services.milestone_report_progress(
        actor=official,
        milestone=reporting,
        date=dt.date(2025, 3, 1),
        text="Зроблено",
        status="in_progress",
        percent=40,
        links=[{"url": "https://example.org/city"}],
        files=[],
    )
    html = page(client, commitment)
    assert "1 report, 1 with evidence" in html
    assert f'href="#m{reporting.number}"' in html


def test_withheld_assessment_is_hidden(client, assignment, commitment, report):
    assessment = make_assessment(assignment, commitment, report=report)
    Withholding.objects.create(
        object_type="monitoring.assessment", object_id=str(assessment.pk), reason="Персональні дані"
    )
    html = page(client, commitment)
    assert "Портал запущено частково." not in html
    assert "No independent assessment of this commitment has been published yet." in html


def test_withheld_narrative_and_links_are_blanked(client, assignment, commitment, report):
    assessment = make_assessment(assignment, commitment, report=report)
    FindingFile.objects.create(
        assessment=assessment,
        file=ContentFile(b"%PDF", name="a.pdf"),
        name="акт.pdf",
        size=4,
        content_type="application/pdf",
    )
    for name in ("narrative", "links"):
        Withholding.objects.create(
            object_type="monitoring.assessment",
            object_id=str(assessment.pk),
            field=name,
            reason="x",
        )
    html = page(client, commitment)
    assert "Портал запущено частково." not in html
    assert "https://example.org/evidence" not in html and "акт.pdf" not in html
    assert "withheld from publication" in html


@pytest.mark.parametrize(
    "extra",
    [
        {"status": "draft", "is_current": False, "published_at": None},
        {"published_at": None},  # submitted, its report not yet published
    ],
)
def test_drafts_and_unpublished_findings_are_never_shown(
    client, assignment, commitment, network, extra
):
    make_assessment(assignment, commitment, narrative="Секретна чернетка", **extra)
    html = page(client, commitment)
    assert "Секретна чернетка" not in html
    assert "No independent assessment of this commitment has been published yet." in html
    assert "Monitoring network (Моніторка)" in html  # who monitors the plan


def test_correction_replaces_the_superseded_version(client, assignment, commitment, report):
    old = make_assessment(
        assignment, commitment, narrative="Перша версія", is_current=False, report=report
    )
    make_assessment(
        assignment,
        commitment,
        narrative="Виправлена версія",
        version=2,
        supersedes=old,
        correction_reason="Місто надало нові докази",
        completion="substantial",
        report=report,
    )
    Reply.objects.create(report=report, assessment=old, text="Ми не згодні", author_label="Мерія")
    html = page(client, commitment)
    assert "Перша версія" not in html
    assert "Виправлена версія" in html and "corrected version 2" in html
    assert "Місто надало нові докази" in html
    assert "Ми не згодні" in html and "to the earlier version" in html


def test_reply_of_an_unpublished_report_is_not_shown(client, assignment, commitment, network):
    draft = make_report(network, assignment.plan, published=False)
    assessment = make_assessment(assignment, commitment, report=draft, published_at=None)
    Reply.objects.create(report=draft, assessment=assessment, text="Відповідь", author_label="М")
    assert "Відповідь" not in page(client, commitment)


def test_reply_is_shown_with_the_finding(client, assignment, commitment, report):
    assessment = make_assessment(assignment, commitment, report=report)
    Reply.objects.create(
        report=report, assessment=assessment, text="Портал вже працює", author_label="Мерія"
    )
    html = page(client, commitment)
    assert "Портал вже працює" in html and "reply (Мерія)" in html


def test_no_section_before_the_plan_is_submitted(client, plan, commitment):
    with translation.override("en"):
        url = reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])
    assert 'id="monitoring"' not in client.get(url).content.decode()


def _more_networks(plan, count):
    assignments = []
    for _ in range(count):
        network = NetworkFactory()
        monitor = with_role(UserFactory(), Role.MONITOR, network=network)
        assignments.append(
            Assignment.objects.create(
                network=network, plan=plan, monitor=monitor, monitor_label=monitor.public_name
            )
        )
    return assignments


def _add_assessment_with_everything(assignment, commitment, report):
    old = make_assessment(assignment, commitment, report=report, is_current=False)
    current = make_assessment(
        assignment, commitment, report=report, version=2, supersedes=old, correction_reason="x"
    )
    for n in range(3):
        FindingFile.objects.create(
            assessment=current,
            file=ContentFile(b"x", name=f"f{n}.pdf"),
            name=f"f{n}.pdf",
            size=1,
            content_type="application/pdf",
        )
    Reply.objects.create(report=report, assessment=current, text="Так", author_label="Мерія")
    Reply.objects.create(report=report, assessment=old, text="Ні", author_label="Мерія")


def _queries(client, commitment) -> int:
    plan = commitment.plan
    url = reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_commitment_section_query_count_is_constant(client, assignment, commitment, report):
    _add_assessment_with_everything(assignment, commitment, report)
    one = _queries(client, commitment)
    for extra in _more_networks(assignment.plan, 3):
        _add_assessment_with_everything(extra, commitment, make_report(extra.network, extra.plan))
        make_assessment(extra, commitment, kind="inception", report=None)
    assert _queries(client, commitment) == one


def test_plan_section(client, assignment, commitment, network, report):
    make_assessment(assignment, commitment, completion="complete", report=report)
    other = _more_networks(assignment.plan, 1)[0]
    make_report(other.network, assignment.plan, kind="inception", published=False)
    html = plan_page(client, assignment.plan)
    assert "Who monitors the plan" in html
    assert "Monitoring network: Моніторка" in html
    assert reverse("monitoring:report", args=[report.pk]) in html
    assert "results report" in html.lower()
    assert "1 star commitment in the published results" in html
    assert html.count("/monitoring/reports/") == 1  # the unpublished one is not listed


def test_hromada_line_links_to_published_reports(client, assignment, report, hromada):
    with translation.override("en"):
        url = reverse("places:hromada", args=[hromada.slug])
    html = client.get(url).content.decode()
    assert reverse("monitoring:report", args=[report.pk]) in html


def test_evidence_file_public_only_when_published(client, assignment, commitment, report):
    published = make_assessment(assignment, commitment, report=report)
    hidden = make_assessment(
        _more_networks(assignment.plan, 1)[0], commitment, published_at=None, report=None
    )
    files = [
        FindingFile.objects.create(
            assessment=a,
            file=ContentFile(b"%PDF-1.4", name="e.pdf"),
            name="e.pdf",
            size=8,
            content_type="application/pdf",
        )
        for a in (published, hidden)
    ]
    ok = client.get(reverse("monitoring:evidence_file", args=[files[0].pk]))
    assert ok.status_code == 200 and b"".join(ok.streaming_content) == b"%PDF-1.4"
    assert client.get(reverse("monitoring:evidence_file", args=[files[1].pk])).status_code == 404
    Withholding.objects.create(
        object_type="monitoring.assessment", object_id=str(published.pk), field="links", reason="x"
    )
    assert client.get(reverse("monitoring:evidence_file", args=[files[0].pk])).status_code == 451
