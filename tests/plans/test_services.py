"""Plan services: the lifecycle table, the template's rules, progress, amendments, evidence."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from openhromada.core.errors import ServiceError
from openhromada.core.history import history_for, verify_chain
from openhromada.plans import services
from openhromada.plans.lifecycle import TRANSITIONS, completion_level
from openhromada.plans.models import Commitment, EvidenceFile, Milestone, ProgressUpdate
from tests.factories import UserFactory
from tests.plans.fixtures import D, make_commitment, make_milestone, move, report

pytestmark = pytest.mark.django_db


def test_creating_a_plan_records_it(plan, official):
    assert plan.status == "draft" and plan.slug == "2025-2026"
    assert history_for(plan).first().actor_label == "Посадовиця"


def test_plan_must_end_after_it_starts(official, hromada):
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            actor=official,
            hromada=hromada,
            title="X",
            start_date=D(2026, 1, 1),
            end_date=D(2025, 1, 1),
        )
    assert "end_date" in error.value.message_dict


def test_one_plan_per_period(plan, official, hromada):
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=official,
            hromada=hromada,
            title="Again",
            start_date=D(2025, 1, 1),
            end_date=D(2026, 12, 31),
        )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "submitted"),
        ("draft", "implementation"),
        ("draft", "completed"),
    ],
)
def test_transitions_outside_the_table_are_refused(plan, official, commitment, start, target):
    assert target not in TRANSITIONS[start]
    with pytest.raises(ValidationError):
        services.plan_transition(actor=official, plan=plan, to_status=target)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_lifecycle_records_each_step(plan, official, commitment):
    plan = move(plan, official, "co_creation", "submitted", "implementation", "completed")
    assert list(plan.transitions.values_list("to_status", flat=True)) == [
        "co_creation",
        "submitted",
        "implementation",
        "completed",
    ]
    assert plan.transitions.first().actor_label == "Посадовиця"
    with pytest.raises(ValidationError):
        services.plan_transition(actor=official, plan=plan, to_status="draft")


def test_plan_without_commitments_cannot_be_submitted(plan, official):
    move(plan, official, "co_creation")
    with pytest.raises(ValidationError):
        services.plan_transition(actor=official, plan=plan, to_status="submitted")


def test_commitment_outside_the_plan_period_is_refused(plan, official):
    with pytest.raises(ValidationError) as error:
        make_commitment(official, plan, end_date=D(2027, 3, 1))
    assert "start_date" in error.value.message_dict
    assert not Commitment.objects.filter(plan=plan).exists()


def test_commitment_with_bad_goals_is_refused(plan, official):
    with pytest.raises(ValidationError):
        make_commitment(official, plan, sdgs=[0, 18])


@pytest.mark.parametrize(
    ("start", "due", "field"),
    [
        (D(2025, 6, 1), D(2025, 5, 1), "due_date"),  # due before start
        (D(2024, 12, 1), D(2025, 2, 1), "due_date"),  # starts before the commitment
        (D(2026, 6, 1), D(2026, 8, 1), "due_date"),  # due after the commitment ends
    ],
)
def test_milestone_dates_are_checked(official, commitment, start, due, field):
    with pytest.raises(ValidationError) as error:
        make_milestone(official, commitment, start_date=start, due_date=due)
    assert field in error.value.message_dict
    assert not commitment.milestones.exists()


@pytest.mark.parametrize("weight", [0, 101])
def test_milestone_weight_is_limited(official, commitment, weight):
    with pytest.raises(ValidationError):
        make_milestone(official, commitment, weight=weight)


@pytest.mark.parametrize("percent", [-1, 101])
def test_percentages_outside_0_100_are_refused(reporting, official, percent):
    with pytest.raises(ValidationError):
        report(official, reporting, percent=percent)
    assert not ProgressUpdate.objects.exists()


def test_progress_updates_derive_completion_from_weights(reporting, official, commitment):
    heavy = make_milestone_after_submission(commitment)
    report(official, reporting, text="Done", status="completed", percent=100)
    commitment.refresh_from_db()
    # weights 1 (100%) and 3 (0%) → 25% → limited
    assert (commitment.progress_percent, commitment.completion) == (25, "limited")
    report(official, heavy, date=D(2025, 4, 1), text="Half", percent=50)
    commitment.refresh_from_db()
    assert (commitment.progress_percent, commitment.completion) == (62, "substantial")
    assert commitment.plan.__class__.objects.get(pk=commitment.plan_id).progress_percent == 62
    assert verify_chain().ok


def make_milestone_after_submission(commitment):
    """Milestones are normally written while drafting; tests may add one directly."""
    return Milestone.objects.create(
        commitment=commitment,
        number=9,
        expected_output="Big",
        start_date=D(2025, 2, 1),
        due_date=D(2025, 12, 1),
        responsible_body="X",
        weight=3,
    )


def test_completion_levels():
    assert [completion_level(p) for p in (0, 1, 49, 50, 99, 100)] == [
        "not_started",
        "limited",
        "limited",
        "substantial",
        "substantial",
        "complete",
    ]


def test_progress_cannot_be_reported_while_drafting(plan, official, milestone):
    with pytest.raises(ServiceError, match="про виконання звітують"):
        report(official, milestone, status="completed", percent=100)


def test_future_dated_update_is_refused(reporting, official):
    with pytest.raises(ValidationError):
        report(official, reporting, date=dt.date.today() + dt.timedelta(days=2), percent=5)


def test_oversized_or_disallowed_evidence_saves_nothing(reporting, official, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile(
        "big.pdf", b"0" * (services.MAX_EVIDENCE_BYTES + 1), content_type="application/pdf"
    )
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/x-msdownload")
    for upload in (big, exe):
        with pytest.raises(ValidationError):
            report(official, reporting, status="completed", percent=100, files=[upload])
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()
    reporting.refresh_from_db()
    assert reporting.status == "not_started"


def test_evidence_is_attached(reporting, official, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    update = report(
        official,
        reporting,
        text="Акт",
        status="completed",
        percent=100,
        files=[pdf],
        links=[{"url": "https://example.org/act"}],
    )
    assert update.files.get().name == "act.pdf"


def test_submitted_commitments_change_only_by_amendment(plan, official, commitment):
    move(plan, official, "co_creation", "submitted")
    with pytest.raises(ServiceError, match="лише через внесення змін"):
        services.commitment_update(actor=official, commitment=commitment, title="Sneaky")
    with pytest.raises(ValidationError):
        services.commitment_amend(actor=official, commitment=commitment, reason=" ", title="New")
    amendment = services.commitment_amend(
        actor=official,
        commitment=commitment,
        reason="Змінено назву за рішенням ради",
        title="Відкриті дані 2.0",
    )
    assert amendment.changes == {"title": ["Відкриті дані", "Відкриті дані 2.0"]}
    assert amendment.previous_version["title"] == "Відкриті дані"
    commitment.refresh_from_db()
    assert commitment.title == "Відкриті дані 2.0"


def test_amendment_not_allowed_while_drafting(plan, official, commitment):
    with pytest.raises(ServiceError, match="редагуйте саме зобов’язання"):
        services.commitment_amend(actor=official, commitment=commitment, reason="r", title="t")


def test_others_cannot_write(plan, commitment, hromada):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.commitment_update(actor=stranger, commitment=commitment, title="x")
    with pytest.raises(PermissionDenied):
        services.plan_create(
            actor=stranger,
            hromada=hromada,
            title="x",
            start_date=D(2027, 1, 1),
            end_date=D(2028, 12, 31),
        )


def test_daily_run_marks_overdue_milestones_once(reporting, official, commitment):
    marked = services.milestones_mark_overdue(today=D(2025, 7, 1))
    assert marked == [reporting.pk]
    reporting.refresh_from_db()
    commitment.refresh_from_db()
    assert reporting.is_overdue and commitment.overdue_count == 1
    assert services.milestones_mark_overdue(today=D(2025, 7, 2)) == []
    report(official, reporting, date=D(2025, 7, 1), text="Нарешті", status="completed", percent=100)
    reporting.refresh_from_db()
    assert not reporting.is_overdue


def test_mark_overdue_command(reporting, capsys):
    from django.core.management import call_command

    call_command("mark_overdue")
    assert "1 milestone(s) newly marked overdue." in capsys.readouterr().out
    reporting.refresh_from_db()
    assert reporting.is_overdue


def test_evidence_is_downloadable_from_public_plans_only(
    client, reporting, official, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("act.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    update = report(official, reporting, text="Акт", status="completed", percent=100, files=[pdf])
    evidence = update.files.get()
    url = f"/hromady/khmelnytska/plans/2025-2026/evidence/{evidence.pk}/"
    page = client.get("/hromady/khmelnytska/plans/2025-2026/commitments/1/").content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"
    assert 'filename="act.pdf"' in response["Content-Disposition"]
    assert client.get(url.replace(str(evidence.pk), "99999")).status_code == 404
