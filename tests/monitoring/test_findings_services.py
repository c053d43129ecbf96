"""The findings services: drafts, submission with the full rules, immutability, corrections as
versions (public at once when the corrected one was public), the co-creation checklist, and the
refusals — each saving nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.core.history import history_for
from openhromada.core.models import HistoryEntry
from openhromada.monitoring.lifecycle import FindingStatus, Standard
from openhromada.monitoring.models import (
    Assessment,
    Assignment,
    ConflictDeclaration,
    FindingFile,
    Report,
    StandardFinding,
)
from openhromada.monitoring.services import findings as services
from openhromada.monitoring.services import reports
from openhromada.plans.services import milestone_report_progress, plan_create
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.plans.fixtures import make_commitment, move

D = dt.date
GOOD = {
    "verifiable": True,
    "lens_transparency": True,
    "potential": "substantial",
    "narrative": "Портал працює.",
    "assessed_on": D(2025, 3, 1),
}
RESULTS = {**GOOD, "completion": "complete", "opened_government": "major"}


def pdf(name="evidence.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def save(monitor, assignment, commitment, kind="inception", values=None, links=(), files=()):
    return services.assessment_save(
        actor=monitor,
        assignment=assignment,
        commitment=commitment,
        kind=kind,
        values=GOOD if values is None else values,
        links=list(links),
        files=list(files),
    )


def submitted(monitor, assignment, commitment, **kwargs):
    draft = save(monitor, assignment, commitment, **kwargs)
    return services.assessment_submit(actor=monitor, assessment=draft)


@pytest.fixture
def completed(assignment, official):
    move(assignment.plan, official, "implementation", "completed")
    return assignment


# --- drafts --------------------------------------------------------------------------------


def test_a_draft_is_saved_incomplete_and_stays_out_of_the_history(assignment, monitor, commitment):
    draft = save(monitor, assignment, commitment, values={"narrative": "Початок"})
    assert draft.status == FindingStatus.DRAFT
    assert draft.version == 1 and not draft.is_current and draft.published_at is None
    assert draft.author == monitor and draft.author_label == assignment.monitor_label
    again = save(
        monitor, assignment, commitment, values={"potential": "modest"}, links=["https://e.org"]
    )
    assert again.pk == draft.pk
    again.refresh_from_db()
    assert again.narrative == "Початок" and again.potential == "modest"
    assert again.links == ["https://e.org"]
    assert not history_for(again).exists()


def test_files_are_stored_checked_and_removable(assignment, monitor, commitment):
    draft = save(monitor, assignment, commitment, files=[pdf("a.pdf"), pdf("b.pdf")])
    assert sorted(draft.files.values_list("name", flat=True)) == ["a.pdf", "b.pdf"]
    first = draft.files.order_by("pk").first()
    services.assessment_save(
        actor=monitor,
        assignment=assignment,
        commitment=commitment,
        kind="inception",
        values={},
        links=[],
        files=[],
        remove_files=[first.pk],
    )
    assert list(draft.files.values_list("name", flat=True)) == ["b.pdf"]


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"links": ["javascript:alert(1)"]}, "links"),
        ({"links": ["ftp://example.org/x"]}, "links"),
        ({"values": {**GOOD, "assessed_on": D(2999, 1, 1)}}, "assessed_on"),
        (
            {"files": [SimpleUploadedFile("x.txt", b"<script>alert(1)</script>", "text/plain")]},
            "files",
        ),
        (
            {"files": [SimpleUploadedFile("x.exe", b"MZ\x90\x00", "application/octet-stream")]},
            "files",
        ),
        ({"values": {**GOOD, "potential": "enormous"}}, "potential"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(assignment, monitor, commitment, kwargs, field):
    with pytest.raises(ServiceError) as refused:
        save(monitor, assignment, commitment, **kwargs)
    assert field in refused.value.message_dict
    assert not Assessment.objects.exists() and not FindingFile.objects.exists()


def test_an_unknown_value_is_a_programming_error(assignment, monitor, commitment):
    with pytest.raises(TypeError):
        save(monitor, assignment, commitment, values={"star": True})


def test_a_commitment_of_another_plan_is_refused(assignment, monitor, official, hromada):

    other = plan_create(
        actor=official,
        hromada=hromada,
        title="Інший",
        start_date=D(2027, 1, 1),
        end_date=D(2028, 12, 31),
    )
    with pytest.raises(ServiceError):
        save(monitor, assignment, make_commitment(official, other))
    assert not Assessment.objects.exists()


# --- who ------------------------------------------------------------------------------------


def test_an_official_cannot_write_an_assessment(assignment, monitor, official, commitment):
    with pytest.raises(PermissionDenied):
        save(official, assignment, commitment)
    draft = save(monitor, assignment, commitment)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(actor=official, assessment=draft)
    with pytest.raises(PermissionDenied):
        save(official, assignment, commitment)
    draft.refresh_from_db()
    assert draft.status == FindingStatus.DRAFT


def test_a_monitor_outside_their_assignment_is_refused(assignment, network, commitment, monitor):
    other = with_role(UserFactory(), Role.MONITOR, network=network)
    elsewhere = with_role(UserFactory(), Role.MONITOR, network=NetworkFactory())
    for user in (other, elsewhere):
        with pytest.raises(PermissionDenied):
            save(user, assignment, commitment)
    draft = save(monitor, assignment, commitment)
    with pytest.raises(PermissionDenied):
        services.assessment_submit(actor=other, assessment=draft)
    assert Assessment.objects.count() == 1


def test_a_coordinator_does_not_assess(assignment, coordinator, commitment):
    with pytest.raises(PermissionDenied):
        save(coordinator, assignment, commitment)


def test_a_conflict_of_interest_refuses_with_its_reason(
    assignment, network, commitment, hromada, coordinator
):
    declared = with_role(UserFactory(), Role.MONITOR, network=network)
    own = Assignment.objects.create(
        network=network, plan=assignment.plan, monitor=declared, monitor_label="M"
    )
    ConflictDeclaration.objects.create(
        network=network, monitor=declared, hromada=hromada, declared_by=coordinator
    )
    with pytest.raises(ServiceError) as refused:
        save(declared, own, commitment)
    assert refused.value.code == "conflict"
    official_monitor = with_role(
        with_role(UserFactory(), Role.MONITOR, network=network), Role.OFFICIAL, hromada=hromada
    )
    theirs = Assignment.objects.create(
        network=network, plan=assignment.plan, monitor=official_monitor, monitor_label="O"
    )
    with pytest.raises(ServiceError):
        save(official_monitor, theirs, commitment)
    assert not Assessment.objects.exists()


def test_a_monitor_cannot_report_the_hromadas_own_progress(assignment, monitor, milestone):
    with pytest.raises(PermissionDenied):
        milestone_report_progress(
            actor=monitor,
            milestone=milestone,
            date=D(2025, 3, 1),
            text="x",
            status="in_progress",
            percent=50,
        )
    milestone.refresh_from_db()
    assert milestone.percent == 0


def test_an_ended_assignment_refuses(assignment, monitor, commitment):
    draft = save(monitor, assignment, commitment)
    Assignment.objects.filter(pk=assignment.pk).update(ended_at=timezone.now())
    with pytest.raises(ServiceError):
        save(monitor, assignment, commitment)
    with pytest.raises(ServiceError):
        services.assessment_submit(actor=monitor, assessment=draft)


# --- timing ---------------------------------------------------------------------------------


def test_results_wait_for_the_end_of_the_plan(assignment, monitor, commitment, official):
    with pytest.raises(ServiceError) as refused:
        save(
            monitor, assignment, commitment, kind="results", values=RESULTS, links=["https://e.org"]
        )
    assert "kind" in refused.value.message_dict
    move(assignment.plan, official, "implementation", "completed")
    found = submitted(
        monitor, assignment, commitment, kind="results", values=RESULTS, links=["https://e.org"]
    )
    assert found.status == FindingStatus.SUBMITTED and found.star


def test_results_once_the_end_date_has_passed(assignment, monitor, commitment, official):
    move(assignment.plan, official, "implementation")
    type(assignment.plan).objects.filter(pk=assignment.plan_id).update(end_date=D(2025, 1, 31))
    draft = save(monitor, assignment, commitment, kind="results", values=RESULTS)
    assert draft.kind == "results"


def test_a_plan_in_co_creation_cannot_be_assessed(network, monitor, plan, official, commitment):
    move(plan, official, "co_creation")
    early = Assignment.objects.create(
        network=network, plan=plan, monitor=monitor, monitor_label="M"
    )
    with pytest.raises(ServiceError):
        save(monitor, early, commitment)


# --- submitting -----------------------------------------------------------------------------


def test_submitting_runs_the_full_rules_and_saves_nothing_when_refused(
    assignment, monitor, commitment
):
    draft = save(
        monitor, assignment, commitment, values={"verifiable": False, "potential": "modest"}
    )
    with pytest.raises(ServiceError) as refused, translation.override("en"):
        services.assessment_submit(actor=monitor, assessment=draft)
    errors = refused.value.message_dict
    assert "narrative" in errors
    assert "cannot be assessed on the other scales" in errors["potential"][0]
    draft.refresh_from_db()
    assert draft.status == FindingStatus.DRAFT and draft.submitted_at is None


def test_evidence_is_required_where_the_scale_claims_something(completed, monitor, commitment):
    draft = save(monitor, completed, commitment, kind="results", values=RESULTS)
    with pytest.raises(ServiceError) as refused:
        services.assessment_submit(actor=monitor, assessment=draft)
    assert "links" in refused.value.message_dict
    save(monitor, completed, commitment, kind="results", values={}, files=[pdf()])
    assert services.assessment_submit(actor=monitor, assessment=draft).is_current


def test_a_submitted_assessment_is_immutable(assignment, monitor, commitment):
    found = submitted(monitor, assignment, commitment)
    assert found.is_current and found.submitted_at and found.published_at is None
    assert not history_for(found).exists()  # public only with its report
    with pytest.raises(ServiceError):
        save(monitor, assignment, commitment, values={"narrative": "Інакше"})
    with pytest.raises(ServiceError) as refused:
        services.assessment_submit(actor=monitor, assessment=found)
    assert refused.value.code == "submitted"
    found.refresh_from_db()
    assert found.narrative == GOOD["narrative"]


# --- corrections ----------------------------------------------------------------------------


def test_a_correction_is_a_new_version_with_its_reason(assignment, monitor, commitment):
    old = submitted(monitor, assignment, commitment, files=[pdf()])
    with pytest.raises(ServiceError) as refused:
        services.assessment_correct(actor=monitor, assessment=old, reason="  ")
    assert "correction_reason" in refused.value.message_dict
    new = services.assessment_correct(actor=monitor, assessment=old, reason="Нові дані")
    assert (new.version, new.supersedes, new.status) == (2, old, FindingStatus.DRAFT)
    assert new.narrative == old.narrative and new.potential == old.potential
    assert [f.name for f in new.files.all()] == ["evidence.pdf"]
    with pytest.raises(ServiceError):
        services.assessment_correct(actor=monitor, assessment=old, reason="Ще раз")
    save(monitor, assignment, commitment, values={"potential": "modest"})
    new.refresh_from_db()
    assert new.potential == "modest"
    old.refresh_from_db()
    assert old.is_current and old.potential == "substantial"  # the old one never changes
    services.assessment_submit(actor=monitor, assessment=new)
    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.is_current and new.is_current
    assert new.published_at is None and not history_for(new).exists()  # not public yet
    with pytest.raises(ServiceError) as refused:
        services.assessment_correct(actor=monitor, assessment=old, reason="Стара")
    assert refused.value.code == "not_current"


def test_only_the_assigned_monitor_corrects(assignment, monitor, commitment, official, coordinator):
    old = submitted(monitor, assignment, commitment)
    for user in (official, coordinator):
        with pytest.raises(PermissionDenied):
            services.assessment_correct(actor=user, assessment=old, reason="x")
    assert Assessment.objects.count() == 1


def test_correcting_a_published_finding_is_public_at_once(assignment, monitor, commitment, network):
    old = submitted(monitor, assignment, commitment)
    report = Report.objects.create(
        network=network,
        plan=assignment.plan,
        kind="inception",
        status="published",
        sent_at=timezone.now(),
        reply_due=D(2025, 4, 1),
    )
    published = timezone.now() - dt.timedelta(days=3)
    Assessment.objects.filter(pk=old.pk).update(report=report, published_at=published)
    old.refresh_from_db()
    new = services.assessment_correct(actor=monitor, assessment=old, reason="Помилка в даті")
    assert new.published_at is None and new.report_id is None  # a draft: private
    before = HistoryEntry.objects.count()
    services.assessment_submit(actor=monitor, assessment=new)
    new.refresh_from_db()
    assert new.published_at is not None and new.report_id == report.pk and new.is_current
    assert HistoryEntry.objects.count() == before + 1
    entry = history_for(new).get()
    assert entry.changes["correction_reason"] == [None, "Помилка в даті"]
    assert entry.changes["version"] == [None, 2]


# --- the co-creation checklist --------------------------------------------------------------


def rows(**overrides):
    base = {
        s.value: {
            "standard": s.value,
            "verdict": "not_met",
            "narrative": "",
            "assessed_on": D(2025, 3, 1),
            "links": [],
        }
        for s in Standard
    }
    for standard, values in overrides.items():
        base[standard].update(values)
    return list(base.values())


def test_the_checklist_is_saved_and_submitted(assignment, monitor):
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=rows()[:2],
    )
    assert StandardFinding.objects.filter(status="draft").count() == 2
    with pytest.raises(ServiceError) as refused:
        services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")
    assert len(refused.value.message_dict) == len(Standard) - 2  # every standard is needed
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=rows(forum_meets={"verdict": "met"}),
    )
    with pytest.raises(ServiceError) as refused:
        services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")
    assert list(refused.value.message_dict) == ["forum_meets"]  # met needs evidence
    assert StandardFinding.objects.filter(status="submitted").count() == 0
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=[{"standard": "forum_meets", "links": [], "files": [pdf()]}],
    )
    done = services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")
    assert len(done) == len(Standard)
    assert StandardFinding.objects.filter(status="submitted", is_current=True).count() == len(
        Standard
    )
    assert not HistoryEntry.objects.filter(object_type="monitoring.standardfinding").exists()
    with pytest.raises(ServiceError):
        services.checklist_save(
            actor=monitor, assignment=assignment, kind="inception", rows=rows()[:1]
        )
    with pytest.raises(ServiceError):
        services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")


def test_the_checklist_refuses_others_and_unknown_standards(
    assignment, monitor, official, coordinator
):
    for user in (official, coordinator):
        with pytest.raises(PermissionDenied):
            services.checklist_save(
                actor=user, assignment=assignment, kind="inception", rows=rows()
            )
    with pytest.raises(ServiceError):
        services.checklist_save(
            actor=monitor, assignment=assignment, kind="inception", rows=[{"standard": "nope"}]
        )
    with pytest.raises(ServiceError):
        services.checklist_save(actor=monitor, assignment=assignment, kind="results", rows=rows())
    assert not StandardFinding.objects.exists()


def test_a_standard_is_corrected_by_a_new_version(assignment, monitor, network):
    services.checklist_save(actor=monitor, assignment=assignment, kind="inception", rows=rows())
    services.checklist_submit(actor=monitor, assignment=assignment, kind="inception")
    old = StandardFinding.objects.get(standard="endorsed")
    StandardFinding.objects.filter(pk=old.pk).update(published_at=timezone.now())
    old.refresh_from_db()
    with pytest.raises(ServiceError):
        services.standard_correct(actor=monitor, finding=old, reason="")
    new = services.standard_correct(actor=monitor, finding=old, reason="Підписи знайдено")
    assert new.version == 2 and new.verdict == "not_met"
    services.checklist_save(
        actor=monitor,
        assignment=assignment,
        kind="inception",
        rows=[{"standard": "endorsed", "verdict": "met", "links": ["https://e.org/sig"]}],
    )
    submitted_now = services.checklist_submit(
        actor=monitor, assignment=assignment, kind="inception"
    )
    assert [f.pk for f in submitted_now] == [new.pk]
    new.refresh_from_db()
    old.refresh_from_db()
    assert new.is_current and not old.is_current and new.verdict == "met"
    assert new.published_at is not None
    assert history_for(new).get().changes["correction_reason"] == [None, "Підписи знайдено"]


def test_a_correction_begun_before_sending_cannot_be_submitted_while_the_hromada_replies(
    assignment, monitor, commitment, official
):
    """The right of reply holds: a correction started before the report went to the hromada
    stays a draft until the report is published; the reply to the version sent still counts
    only while that version is current, so the report cannot be published early."""
    old = submitted(monitor, assignment, commitment)
    correction = services.assessment_correct(actor=monitor, assessment=old, reason="Уточнення")
    report = reports.report_compile(actor=monitor, assignment=assignment, kind="inception")
    report = reports.report_send(actor=monitor, report=report)
    old.refresh_from_db()
    assert old.report == report
    reports.reply_save(actor=official, report=report, assessment=old, text="Не погоджуємося")
    with pytest.raises(ServiceError) as refused:
        services.assessment_submit(actor=monitor, assessment=correction)
    assert refused.value.code == "in_reply"
    correction.refresh_from_db()
    old.refresh_from_db()
    assert correction.status == FindingStatus.DRAFT and old.is_current
    # the one finding has its reply: publishing early is allowed, with the version replied to
    reports.report_publish(actor=monitor, report=report)
    old.refresh_from_db()
    assert old.published_at is not None
