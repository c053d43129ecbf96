"""Monitoring reports: compile → send for the right of reply → reply → publish, through the
services and the pages; what each state shows and to whom."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from openhromada.core.errors import ServiceError
from openhromada.core.history import history_for
from openhromada.core.models import HistoryEntry
from openhromada.monitoring.lifecycle import FindingStatus, ReportStatus
from openhromada.monitoring.models import Assessment, Reply, Report, StandardFinding
from openhromada.monitoring.services import reports as services
from openhromada.notifications.models import Notification
from openhromada.notifications.services import follow
from openhromada.plans.models import ActionPlan, Commitment
from tests.factories import UserFactory

NOW = timezone.now


@pytest.fixture(autouse=True)
def _english():
    """The services' messages in their msgids, so tests can name them."""
    with translation.override("en"):
        yield


def make_assessment(assignment, commitment, *, kind="inception", **extra) -> Assessment:
    """A submitted, current assessment written directly (the findings services are tested on
    their own)."""
    values = {
        "assignment": assignment,
        "commitment": commitment,
        "kind": kind,
        "status": FindingStatus.SUBMITTED,
        "is_current": True,
        "submitted_at": NOW(),
        "author": assignment.monitor,
        "author_label": assignment.monitor_label,
        "narrative": "Портал відкритих даних запущено.",
        "links": ["https://example.org/evidence"],
        "assessed_on": dt.date(2025, 3, 1),
        "verifiable": True,
        "lens_transparency": True,
        "potential": "substantial",
        "completion": "",
    }
    values.update(extra)
    return Assessment.objects.create(**values)


def make_standard(assignment, *, standard="forum_meets", kind="inception", **extra):
    values = {
        "assignment": assignment,
        "plan": assignment.plan,
        "standard": standard,
        "kind": kind,
        "status": FindingStatus.SUBMITTED,
        "is_current": True,
        "submitted_at": NOW(),
        "author": assignment.monitor,
        "author_label": assignment.monitor_label,
        "verdict": "partly",
        "narrative": "Рада збиралась двічі.",
        "links": ["https://example.org/minutes"],
    }
    values.update(extra)
    return StandardFinding.objects.create(**values)


@pytest.fixture
def finding(assignment, commitment):
    return make_assessment(assignment, commitment)


@pytest.fixture
def standard_finding(assignment):
    return make_standard(assignment)


@pytest.fixture
def draft(assignment, monitor, finding, standard_finding):
    return services.report_compile(actor=monitor, assignment=assignment, kind="inception")


@pytest.fixture
def in_reply(draft, monitor):
    services.report_update(
        actor=monitor, report=draft, summary="Підсумок моніторингу", recommendations="Поради"
    )
    return services.report_send(actor=monitor, report=draft)


def reply_all(report, official):
    for a in report.assessments.all():
        services.reply_save(actor=official, report=report, assessment=a, text="Відповідь громади")
    for s in report.standard_findings.all():
        services.reply_save(
            actor=official, report=report, standard_finding=s, text="Відповідь щодо стандарту"
        )


@pytest.fixture
def published(in_reply, official, monitor):
    reply_all(in_reply, official)
    services.reply_save(actor=official, report=in_reply, text="Загальна відповідь громади")
    return services.report_publish(actor=monitor, report=in_reply)


def expire(report):
    """Move the reply period into the past."""
    Report.objects.filter(pk=report.pk).update(reply_due=timezone.localdate() - dt.timedelta(1))
    report.refresh_from_db()
    return report


# --- compile -----------------------------------------------------------------------------


def test_compile_creates_one_draft_per_network_plan_kind(assignment, monitor, finding):
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    assert report.status == ReportStatus.DRAFT
    assert report.network_id == assignment.network_id
    assert report.plan_id == assignment.plan_id
    assert report.author_label == assignment.monitor_label
    again = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    assert again.pk == report.pk
    assert Report.objects.count() == 1
    assert not HistoryEntry.objects.filter(object_type="monitoring.report").exists()


def test_compile_refuses_an_unknown_kind(assignment, monitor):
    with pytest.raises(ServiceError):
        services.report_compile(actor=monitor, assignment=assignment, kind="bogus")
    assert not Report.objects.exists()


def plan_ends_in_a_year(assignment):
    ActionPlan.objects.filter(pk=assignment.plan_id).update(
        end_date=timezone.localdate() + dt.timedelta(days=365)
    )
    assignment.plan.refresh_from_db()


def test_results_report_waits_for_the_plan_to_end(assignment, monitor):
    plan_ends_in_a_year(assignment)
    with pytest.raises(ServiceError, match="after the plan ends"):
        services.report_compile(actor=monitor, assignment=assignment, kind="results")
    assert not Report.objects.exists()


def test_compile_through_the_workspace_button(client, assignment, monitor, finding):
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:report_compile", args=[assignment.pk]), {"kind": "inception"}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:report", args=[report.pk])


def test_draft_page_assembles_findings(client, draft, monitor, finding, commitment):
    make_assessment(draft_assignment := finding.assignment, commitment, kind="results")
    assert draft_assignment
    client.force_login(monitor)
    page = client.get(reverse("monitoring:report", args=[draft.pk])).content.decode()
    assert "Портал відкритих даних запущено." in page
    assert "Рада збиралась двічі." in page
    assert "https://example.org/evidence" in page
    assert 'name="summary"' in page  # the edit form
    assert reverse("monitoring:report_send", args=[draft.pk]) in page


def add_commitment(commitment, number: int, title: str):
    """Another commitment of the (submitted) plan, written directly."""
    other = Commitment.objects.get(pk=commitment.pk)
    other.pk, other.number, other.title = None, number, title
    other.save()
    return other


def test_draft_lists_commitments_without_assessment(client, draft, monitor, commitment):
    add_commitment(commitment, 2, "Бюджет участі")
    client.force_login(monitor)
    page = client.get(reverse("monitoring:report", args=[draft.pk])).content.decode()
    assert "Бюджет участі" in page
    assert page.count('id="commitment-2"') == 1


def test_results_report_after_the_plan_ended(assignment, monitor, commitment):
    ActionPlan.objects.filter(pk=assignment.plan_id).update(
        end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assignment.plan.refresh_from_db()
    make_assessment(assignment, commitment, kind="results", completion="limited")
    report = services.report_compile(actor=monitor, assignment=assignment, kind="results")
    assert report.kind == "results"
    assert services.report_send(actor=monitor, report=report).assessments.count() == 1


def test_star_commitments_counted(client, assignment, monitor, commitment, official, plan):
    make_assessment(assignment, commitment, kind="inception", completion="complete")
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    client.force_login(monitor)
    page = client.get(reverse("monitoring:report", args=[report.pk])).content.decode()
    assert f'href="#assessment-{Assessment.objects.get().pk}"' in page
    assert "★" in page


# --- edit ------------------------------------------------------------------------------------


def test_edit_saves_summary_and_reply_days(client, draft, monitor):
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:report_edit", args=[draft.pk]),
        {"summary": "Нове резюме", "recommendations": "Поради", "reply_days": "20"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.summary, draft.reply_days) == ("Нове резюме", 20)


def test_edit_refuses_reply_days_out_of_range(client, draft, monitor):
    client.force_login(monitor)
    response = client.post(
        reverse("monitoring:report_edit", args=[draft.pk]),
        {"summary": "x", "recommendations": "", "reply_days": "2"},
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.reply_days == 14


def test_edit_refused_once_sent(in_reply, monitor):
    with pytest.raises(ServiceError, match="sent"):
        services.report_update(actor=monitor, report=in_reply, summary="інше")


# --- send ------------------------------------------------------------------------------------


def test_send_refused_without_findings(assignment, monitor):
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    with pytest.raises(ServiceError, match="No finding"):
        services.report_send(actor=monitor, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_send_freezes_findings_and_tells_officials(
    draft, monitor, official, finding, standard_finding, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_send(actor=monitor, report=draft)
    assert report.status == ReportStatus.REPLY
    assert report.reply_due == timezone.localdate() + dt.timedelta(days=report.reply_days)
    finding.refresh_from_db()
    standard_finding.refresh_from_db()
    assert finding.report_id == report.pk and standard_finding.report_id == report.pk
    assert finding.published_at is None
    note = Notification.objects.get(user=official)
    assert note.url == reverse("monitoring:report", args=[report.pk])
    assert [official.email] == mail.outbox[-1].to


def test_send_leaves_findings_of_other_kinds_and_networks(draft, monitor, assignment, commitment):
    results = make_assessment(assignment, commitment, kind="results")
    report = services.report_send(actor=monitor, report=draft)
    results.refresh_from_db()
    assert results.report_id is None
    assert report.assessments.count() == 1


def test_send_confirm_page_then_post(client, draft, monitor):
    client.force_login(monitor)
    url = reverse("monitoring:report_send", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b'<form method="post"' in page.content
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT  # the GET only asks
    assert client.post(url).status_code == 302
    draft.refresh_from_db()
    assert draft.status == ReportStatus.REPLY


# --- reply -----------------------------------------------------------------------------------


def test_official_replies_and_edits_during_period(
    in_reply, official, monitor, finding, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_save(actor=official, report=in_reply, assessment=finding, text="Перша")
    services.reply_save(actor=official, report=in_reply, assessment=finding, text="Друга")
    reply = Reply.objects.get()
    assert reply.text == "Друга" and reply.assessment_id == finding.pk
    assert reply.author_label == official.public_name
    assert Notification.objects.filter(user=monitor).exists()


def test_reply_on_last_day_accepted_after_it_refused(in_reply, official, finding):
    Report.objects.filter(pk=in_reply.pk).update(reply_due=timezone.localdate())
    in_reply.refresh_from_db()
    services.reply_save(actor=official, report=in_reply, assessment=finding, text="Вчасно")
    expire(in_reply)
    with pytest.raises(ServiceError, match="reply period ended"):
        services.reply_save(actor=official, report=in_reply, assessment=finding, text="Пізно")
    assert Reply.objects.get().text == "Вчасно"


def test_reply_page_after_due_date_is_400_with_reason(client, in_reply, official, finding):
    expire(in_reply)
    client.force_login(official)
    response = client.post(
        reverse("monitoring:finding_reply", args=[in_reply.pk, "assessment", finding.pk]),
        {"text": "Пізно"},
    )
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_reply_form_on_report_page(client, in_reply, official, finding):
    client.force_login(official)
    url = reverse("monitoring:report", args=[in_reply.pk])
    page = client.get(url).content.decode()
    action = reverse("monitoring:finding_reply", args=[in_reply.pk, "assessment", finding.pk])
    assert action in page
    response = client.post(action, {"text": "Ми не згодні"})
    assert response.status_code == 302
    assert "Ми не згодні" in client.get(url).content.decode()


def test_empty_reply_refused(client, in_reply, official, finding):
    client.force_login(official)
    response = client.post(
        reverse("monitoring:finding_reply", args=[in_reply.pk, "assessment", finding.pk]),
        {"text": "   "},
    )
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_reply_to_a_finding_of_another_report_is_404(
    client, in_reply, official, assignment, commitment
):
    other = make_assessment(assignment, commitment, kind="results")
    client.force_login(official)
    response = client.post(
        reverse("monitoring:finding_reply", args=[in_reply.pk, "assessment", other.pk]),
        {"text": "x"},
    )
    assert response.status_code == 404
    with pytest.raises(ServiceError):
        services.reply_save(actor=official, report=in_reply, assessment=other, text="x")


def test_general_reply(client, in_reply, official):
    client.force_login(official)
    response = client.post(
        reverse("monitoring:report_reply", args=[in_reply.pk]), {"text": "Загалом згодні"}
    )
    assert response.status_code == 302
    reply = Reply.objects.get()
    assert reply.assessment_id is None and reply.standard_finding_id is None


# --- publish ---------------------------------------------------------------------------------


def test_publish_before_due_refused_unless_every_finding_replied(in_reply, monitor, official):
    with pytest.raises(ServiceError, match="every finding"):
        services.report_publish(actor=monitor, report=in_reply)
    services.reply_save(
        actor=official, report=in_reply, assessment=in_reply.assessments.get(), text="так"
    )
    with pytest.raises(ServiceError, match="every finding"):  # the checklist has no reply yet
        services.report_publish(actor=monitor, report=in_reply)
    in_reply.refresh_from_db()
    assert in_reply.status == ReportStatus.REPLY and in_reply.published_at is None
    reply_all(in_reply, official)
    report = services.report_publish(actor=monitor, report=in_reply)
    assert report.status == ReportStatus.PUBLISHED


def test_publish_after_due_without_replies(in_reply, monitor):
    report = services.report_publish(actor=monitor, report=expire(in_reply))
    assert report.published_at is not None


def test_publish_refused_for_a_draft(draft, monitor):
    with pytest.raises(ServiceError, match="not in its reply period"):
        services.report_publish(actor=monitor, report=draft)


def test_publish_writes_history_and_tells_followers_and_officials(
    in_reply, monitor, official, finding, standard_finding, django_capture_on_commit_callbacks
):
    reply_all(in_reply, official)
    follower = UserFactory()
    follow(user=follower, obj=in_reply.plan)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_publish(actor=monitor, report=in_reply)
    finding.refresh_from_db()
    standard_finding.refresh_from_db()
    assert finding.published_at == report.published_at == standard_finding.published_at
    entry = history_for(report).get()
    assert entry.changes["summary"] == [None, "Підсумок моніторингу"]
    assert entry.container_type == "monitoring.report"
    finding_entry = history_for(finding).get()
    assert finding_entry.container_type == "monitoring.report"  # with the report it is in
    assert finding_entry.changes["narrative"][1] == finding.narrative
    assert history_for(standard_finding).count() == 1
    assert HistoryEntry.objects.filter(object_type="monitoring.reply").count() == 2
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert {follower.pk, official.pk} <= told


def test_published_page_shows_replies_and_dates(client, published):
    page = client.get(reverse("monitoring:report", args=[published.pk])).content.decode()
    assert "Відповідь громади" in page
    assert "Відповідь щодо стандарту" in page
    assert "Загальна відповідь громади" in page
    assert "Підсумок моніторингу" in page
    assert reverse("monitoring:report_pdf", args=[published.pk]) in page
    assert reverse("monitoring:report_history", args=[published.pk]) in page
    assert "<textarea" not in page  # no reply form for the public
    history = client.get(reverse("monitoring:report_history", args=[published.pk]))
    assert history.status_code == 200


def test_assignment_workspace_lists_reports_and_compile_buttons(
    client, assignment, monitor, finding
):
    plan_ends_in_a_year(assignment)
    client.force_login(monitor)
    workspace = reverse("monitoring:assignment", args=[assignment.pk])
    page = client.get(workspace).content.decode()
    compile_url = reverse("monitoring:report_compile", args=[assignment.pk])
    # an inception review; a results report only once the plan has ended
    assert page.count(f'action="{compile_url}"') == 1
    report = services.report_compile(actor=monitor, assignment=assignment, kind="inception")
    page = client.get(workspace).content.decode()
    assert reverse("monitoring:report", args=[report.pk]) in page
    assert f'action="{compile_url}"' not in page
