"""The rules of findings as pure functions (what submitting asks for, when each kind may be
assessed, which links are evidence), and who may assess, edit and correct: the role × action ×
state grid of the permissions, and the plans app's own progress refused to monitors."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.monitoring.lifecycle import FindingStatus
from openhromada.monitoring.models import Assessment, ConflictDeclaration
from openhromada.monitoring.services.findings import (
    assessment_errors,
    clean_links,
    kind_refusal,
    standard_errors,
)
from openhromada.plans.models import ActionPlan
from tests.factories import NetworkFactory, UserFactory, with_role

TODAY = dt.date(2025, 3, 1)
VALID_INCEPTION = {
    "verifiable": True,
    "lens_transparency": True,
    "potential": "modest",
    "narrative": "Знайдено.",
    "assessed_on": TODAY,
}
VALID_RESULTS = {**VALID_INCEPTION, "completion": "not_started", "opened_government": "no_change"}


# --- what submitting asks for ------------------------------------------------------------------


def test_a_complete_inception_review_passes():
    assert assessment_errors(VALID_INCEPTION, "inception", has_evidence=False) == {}


def test_a_complete_results_assessment_passes():
    assert assessment_errors(VALID_RESULTS, "results", has_evidence=False) == {}


@pytest.mark.parametrize("missing", ["narrative", "verifiable", "potential", "assessed_on"])
def test_inception_requires(missing):
    values = {**VALID_INCEPTION, missing: None}
    assert missing in assessment_errors(values, "inception", has_evidence=True)


@pytest.mark.parametrize("missing", ["completion", "opened_government"])
def test_results_require_completion_and_opened_government(missing):
    values = {**VALID_RESULTS, missing: ""}
    assert missing in assessment_errors(values, "results", has_evidence=True)


@pytest.mark.parametrize("name", ["completion", "opened_government"])
def test_an_inception_review_leaves_the_results_scales_empty(name):
    values = {**VALID_INCEPTION, name: "complete" if name == "completion" else "major"}
    assert name in assessment_errors(values, "inception", has_evidence=True)


@pytest.mark.parametrize(
    "name,value",
    [
        ("lens_transparency", True),
        ("lens_participation", True),
        ("lens_accountability", True),
        ("potential", "modest"),
        ("completion", "limited"),
        ("opened_government", "marginal"),
    ],
)
def test_not_verifiable_leaves_every_other_scale_empty(name, value):
    values = {"verifiable": False, "narrative": "Не перевірити.", "assessed_on": TODAY}
    assert assessment_errors(values, "results", has_evidence=True) == {}
    with translation.override("en"):
        errors = assessment_errors({**values, name: value}, "results", has_evidence=True)
    assert "cannot be assessed on the other scales" in errors[name]


@pytest.mark.parametrize("completion", ["limited", "substantial", "complete"])
def test_completion_claiming_something_needs_evidence(completion):
    values = {**VALID_RESULTS, "completion": completion}
    assert "links" in assessment_errors(values, "results", has_evidence=False)
    assert assessment_errors(values, "results", has_evidence=True) == {}


@pytest.mark.parametrize("opened", ["worsened", "marginal", "major", "outstanding"])
def test_a_change_in_government_practice_needs_evidence(opened):
    values = {**VALID_RESULTS, "opened_government": opened}
    assert "links" in assessment_errors(values, "results", has_evidence=False)
    assert assessment_errors(values, "results", has_evidence=True) == {}


@pytest.mark.parametrize("completion", ["no_evidence", "not_started"])
def test_nothing_claimed_needs_no_evidence(completion):
    values = {**VALID_RESULTS, "completion": completion}
    assert assessment_errors(values, "results", has_evidence=False) == {}


def test_the_date_of_assessment_is_not_in_the_future():
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    errors = assessment_errors({**VALID_INCEPTION, "assessed_on": tomorrow}, "inception", True)
    assert "assessed_on" in errors


@pytest.mark.parametrize(
    "verdict,evidence,ok",
    [
        ("met", False, False),
        ("met", True, True),
        ("partly", False, False),
        ("partly", True, True),
        ("not_met", False, True),
        ("", True, False),
    ],
)
def test_standard_rules(verdict, evidence, ok):
    errors = standard_errors({"verdict": verdict, "assessed_on": TODAY}, evidence)
    assert (errors == {}) is ok


@pytest.mark.parametrize(
    "link,ok",
    [
        ("https://example.org/a", True),
        ("http://example.org/a", True),
        ("ftp://example.org/a", False),
        ("javascript:alert(1)", False),
        ("example.org/a", False),
        ("not a link", False),
    ],
)
def test_links_are_web_addresses(link, ok):
    if ok:
        assert clean_links([link, " ", link]) == [link]
    else:
        with pytest.raises(ServiceError):
            clean_links([link])


@pytest.mark.parametrize(
    "status,end,kind,ok",
    [
        ("draft", dt.date(2030, 1, 1), "inception", False),
        ("co_creation", dt.date(2030, 1, 1), "inception", False),
        ("submitted", dt.date(2030, 1, 1), "inception", True),
        ("implementation", dt.date(2030, 1, 1), "inception", True),
        ("completed", dt.date(2030, 1, 1), "inception", True),
        ("withdrawn", dt.date(2020, 1, 1), "inception", False),
        ("submitted", dt.date(2030, 1, 1), "results", False),
        ("implementation", dt.date(2030, 1, 1), "results", False),
        ("implementation", dt.date(2020, 1, 1), "results", True),
        ("completed", dt.date(2030, 1, 1), "results", True),
        ("withdrawn", dt.date(2020, 1, 1), "results", False),
        ("submitted", dt.date(2030, 1, 1), "other", False),
    ],
)
def test_when_each_kind_may_be_assessed(status, end, kind, ok):
    plan = ActionPlan(status=status, end_date=end)
    assert (kind_refusal(plan, kind) == "") is ok


# --- who may: the grid -------------------------------------------------------------------------

ROLES = (
    "anonymous",
    "resident",
    "assigned",
    "network_monitor",
    "other_network_monitor",
    "conflicted_official",
    "conflicted_declared",
    "coordinator",
    "official",
    "operator",
)


@pytest.fixture
def people(assignment, network, monitor, coordinator, official, hromada):
    conflicted = with_role(UserFactory(), Role.MONITOR, network=network)
    conflicted = with_role(conflicted, Role.OFFICIAL, hromada=hromada)
    declared = with_role(UserFactory(), Role.MONITOR, network=network)
    ConflictDeclaration.objects.create(
        network=network, monitor=declared, hromada=hromada, declared_by=coordinator
    )
    return {
        "anonymous": AnonymousUser(),
        "resident": UserFactory(),
        "assigned": monitor,
        "network_monitor": with_role(UserFactory(), Role.MONITOR, network=network),
        "other_network_monitor": with_role(UserFactory(), Role.MONITOR, network=NetworkFactory()),
        "conflicted_official": conflicted,
        "conflicted_declared": declared,
        "coordinator": coordinator,
        "official": official,
        "operator": with_role(UserFactory(), Role.OPERATOR),
    }


def _assignment_for(assignment, user):
    """The same plan assigned to `user` (a conflicted monitor gets an assignment of their own:
    the conflict, not the assignment, is what refuses them)."""
    return type(assignment).objects.create(
        network=assignment.network,
        plan=assignment.plan,
        monitor=user,
        monitor_label=user.public_name,
    )


def _finding(assignment, commitment, **extra):
    values = {
        "assignment": assignment,
        "commitment": commitment,
        "kind": "inception",
        "author": assignment.monitor,
        "author_label": assignment.monitor_label,
    }
    values.update(extra)
    return Assessment.objects.create(**values)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_assess_the_assignment(role, people, assignment):
    user = people[role]
    target = assignment
    if role.startswith("conflicted"):
        target = _assignment_for(assignment, user)
    assert user.has_perm("monitoring.assess", target) is (role == "assigned")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit_a_draft(role, people, assignment, commitment):
    user = people[role]
    target = assignment
    if role.startswith("conflicted"):
        target = _assignment_for(assignment, user)
    draft = _finding(target, commitment, author=target.monitor)
    assert user.has_perm("monitoring.edit_finding", draft) is (role == "assigned")


@pytest.mark.parametrize("role", ROLES)
def test_nobody_edits_a_submitted_finding(role, people, assignment, commitment):
    submitted = _finding(assignment, commitment, status=FindingStatus.SUBMITTED, is_current=True)
    assert people[role].has_perm("monitoring.edit_finding", submitted) is False


@pytest.mark.parametrize("role", ROLES)
def test_who_may_correct_the_current_submission(role, people, assignment, commitment):
    user = people[role]
    target = assignment
    if role.startswith("conflicted"):
        target = _assignment_for(assignment, user)
    submitted = _finding(target, commitment, status=FindingStatus.SUBMITTED, is_current=True)
    assert user.has_perm("monitoring.correct_finding", submitted) is (role == "assigned")


def test_an_old_version_cannot_be_corrected(assignment, commitment, monitor):
    old = _finding(assignment, commitment, status=FindingStatus.SUBMITTED, is_current=False)
    assert not monitor.has_perm("monitoring.correct_finding", old)


def test_an_ended_assignment_freezes_its_findings(assignment, commitment, monitor):
    draft = _finding(assignment, commitment)
    assignment.ended_at = timezone.now()
    assignment.save()
    draft.assignment = assignment
    assert not monitor.has_perm("monitoring.assess", assignment)
    assert not monitor.has_perm("monitoring.edit_finding", draft)


@pytest.mark.parametrize("role", ROLES)
def test_only_officials_report_the_hromadas_own_progress(role, people, milestone, assignment):
    """A monitor never edits the city's self-report: the plans app's progress permission."""
    milestone.refresh_from_db()
    expected = role in ("official", "conflicted_official")  # the latter is an official too
    assert people[role].has_perm("plans.report_progress", milestone) is expected
