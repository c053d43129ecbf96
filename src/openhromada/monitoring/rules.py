"""Who may do what in independent monitoring, and when — one permission per action, asked alike
by the services, the pages and the API (core.permissions).

Network coordinators (the `coordinator` role in a network) and operators run a network: its
members, the applications to join, the monitors' assignments and conflicts of interest. A monitor
assesses only the plans they are assigned to, never in a hromada where they hold an official's or
council role or declared a conflict. Officials of the hromada reply to a report while its reply
period runs; they never touch a finding. A report is published after the reply period, or
earlier once every finding has a reply.
"""

import rules
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhromada.accounts.predicates import (
    hromada_roles,
    is_coordinator_in,
    is_monitor_in,
    is_official_of,
    is_operator_or_admin,
    is_verified,
)
from openhromada.core import permissions
from openhromada.councils.models import Membership
from openhromada.plans.lifecycle import PlanStatus

from .lifecycle import ApplicationStatus, FindingStatus, ReportKind, ReportStatus
from .models import Assignment, ConflictDeclaration, MemberApplication, Report

# Plans a monitor may assess: submitted or later (not a draft, not in co-creation, not withdrawn).
ASSESSABLE_PLAN_STATES = (PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED)


def network_of(obj):
    """The network an object belongs to (a network, application, assignment, finding, report)."""
    if obj is None:
        return None
    if hasattr(obj, "assignment"):
        return obj.assignment.network
    return getattr(obj, "network", obj)


runs_network = is_coordinator_in | is_operator_or_admin


@rules.predicate
def runs_network_of(user, obj) -> bool:
    """A coordinator of the object's network, or an operator."""
    network = network_of(obj)
    return network is not None and bool(runs_network.test(user, network))


def has_conflict(user, hromada) -> bool:
    """The user holds an official's or council role in the hromada (a role, or a current council
    membership through a linked profile), or declared a conflict of interest with it."""
    if not getattr(user, "is_authenticated", False):
        return False
    cache = user.__dict__.setdefault("_monitoring_conflicts", {})
    if hromada.pk not in cache:
        cache[hromada.pk] = (
            hromada_roles(user, hromada.pk)
            or Membership.objects.active_on(timezone.localdate())
            .filter(council__hromada=hromada, person__user=user)
            .exists()
            or ConflictDeclaration.objects.filter(monitor=user, hromada=hromada).exists()
        )
    return cache[hromada.pk]


def _assignment(obj) -> Assignment | None:
    if isinstance(obj, Assignment):
        return obj
    return getattr(obj, "assignment", None)


@rules.predicate
def is_assigned_monitor(user, obj) -> bool:
    """The monitor of the assignment (the object, or the finding's), still a monitor of its
    network."""
    assignment = _assignment(obj)
    return (
        assignment is not None
        and assignment.monitor_id == user.pk
        and bool(is_monitor_in(user, assignment.network))
    )


@rules.predicate
def assignment_is_open(user, obj) -> bool:
    assignment = _assignment(obj)
    return assignment is not None and assignment.ended_at is None


@rules.predicate
def without_conflict(user, obj) -> bool:
    assignment = _assignment(obj)
    return assignment is not None and not has_conflict(user, assignment.plan.hromada)


@rules.predicate
def plan_is_assessable(user, obj) -> bool:
    assignment = _assignment(obj)
    return assignment is not None and assignment.plan.status in ASSESSABLE_PLAN_STATES


@rules.predicate
def is_draft(user, obj) -> bool:
    return getattr(obj, "status", None) == FindingStatus.DRAFT


@rules.predicate
def is_current_submission(user, obj) -> bool:
    return obj.status == FindingStatus.SUBMITTED and obj.is_current


@rules.predicate
def not_awaiting_reply(user, obj) -> bool:
    """The finding (or the one a correction corrects) is in no report, or in a published one:
    while the hromada replies to a report, its findings stay as they were sent."""
    return not any(
        finding is not None
        and finding.report_id is not None
        and finding.report.status != ReportStatus.PUBLISHED
        for finding in (obj, getattr(obj, "supersedes", None))
    )


@rules.predicate
def is_author(user, obj) -> bool:
    return obj is not None and obj.author_id == user.pk


@rules.predicate
def accepts_applications(user, network) -> bool:
    return network is not None and network.accepts_applications


@rules.predicate
def application_pending(user, application: MemberApplication) -> bool:
    return application.status == ApplicationStatus.PENDING


@rules.predicate
def is_applicant(user, application: MemberApplication) -> bool:
    return application.applicant_id is not None and application.applicant_id == user.pk


@rules.predicate
def is_open_assignment(user, obj) -> bool:
    return isinstance(obj, Assignment) and obj.ended_at is None


def _report_monitors(report: Report, user) -> bool:
    cache = user.__dict__.setdefault("_report_monitor", {})
    if report.pk not in cache:
        cache[report.pk] = Assignment.objects.filter(
            network_id=report.network_id, plan_id=report.plan_id, monitor=user, ended_at=None
        ).exists()
    return cache[report.pk]


@rules.predicate
def writes_report(user, report: Report) -> bool:
    """A monitor assigned to the report's plan for its network (or a coordinator/operator)."""
    if report is None or not getattr(user, "is_authenticated", False):
        return False
    if runs_network.test(user, report.network):
        return True
    return (
        bool(is_monitor_in(user, report.network))
        and _report_monitors(report, user)
        and not has_conflict(user, report.plan.hromada)
    )


@rules.predicate
def report_is_draft(user, report: Report) -> bool:
    return report.status == ReportStatus.DRAFT


@rules.predicate
def report_in_reply(user, report: Report) -> bool:
    return report.status == ReportStatus.REPLY


@rules.predicate
def reply_period_open(user, report: Report) -> bool:
    return report.reply_due is not None and timezone.localdate() <= report.reply_due


@rules.predicate
def reply_period_over_or_complete(user, report: Report) -> bool:
    if report.reply_due is None:
        return False
    if timezone.localdate() > report.reply_due:
        return True
    findings = (
        report.assessments.filter(is_current=True).count()
        + report.standard_findings.filter(is_current=True).count()
    )
    replied = report.replies.filter(
        Q(assessment__is_current=True) | Q(standard_finding__is_current=True)
    ).count()
    return findings > 0 and replied >= findings


@rules.predicate
def is_official_of_report(user, report: Report) -> bool:
    return report is not None and bool(is_official_of(user, report.plan.hromada))


@rules.predicate
def report_sent(user, report: Report) -> bool:
    return report.status != ReportStatus.DRAFT


@rules.predicate
def is_results_kind(user, obj) -> bool:
    return getattr(obj, "kind", None) == ReportKind.RESULTS


def _due(report) -> str:
    return date_format(report.reply_due, "DATE_FORMAT") if report.reply_due else ""


COORDINATOR = permissions.who(runs_network_of)
ASSIGNED = permissions.who(is_assigned_monitor)
OPEN = permissions.Condition(
    assignment_is_open, lambda u, o: _("This assignment has ended."), "ended"
)
NO_CONFLICT = permissions.Condition(
    without_conflict,
    lambda u, o: _(
        "You hold an official's or council role in this hromada, or declared a conflict of "
        "interest with it: you cannot assess its plan."
    ),
    "conflict",
)
ASSESSABLE = permissions.Condition(
    plan_is_assessable,
    lambda u, o: _("The plan can be assessed once it is submitted."),
    "not_submitted",
)
DRAFT = permissions.Condition(
    is_draft,
    lambda u, o: _("A submitted finding cannot be changed: correct it with a new version."),
    "submitted",
)
CURRENT = permissions.Condition(
    is_current_submission,
    lambda u, o: _("Only the current submitted version of a finding can be corrected."),
    "not_current",
)
NOT_AWAITING_REPLY = permissions.Condition(
    not_awaiting_reply,
    lambda u, o: _(
        "The hromada is replying to this finding: correct it once the report is published."
    ),
    "in_reply",
)
PENDING = permissions.Condition(
    application_pending, lambda u, o: _("This application has already been decided."), "decided"
)
REPORT_WRITER = permissions.who(writes_report)
REPORT_DRAFT = permissions.Condition(
    report_is_draft,
    lambda u, o: _("The report has been sent to the hromada and can no longer be edited."),
    "sent",
)
IN_REPLY = permissions.Condition(
    report_in_reply, lambda u, o: _("The report is not in its reply period."), "not_in_reply"
)
REPLY_OPEN = permissions.Condition(
    reply_period_open,
    lambda u, o: _("The reply period ended on %(date)s.") % {"date": _due(o)},
    "reply_closed",
)
REPLIES_DONE = permissions.Condition(
    reply_period_over_or_complete,
    lambda u, o: (
        _(
            "The hromada may reply until %(date)s: publish after that, or once every finding has "
            "a reply."
        )
        % {"date": _due(o)}
    ),
    "reply_period",
)

# Founding a network: operators and admins (the association runs the programme).
permissions.add("monitoring.add_network", permissions.who(is_operator_or_admin))
# Running a network: its description, members, applications, assignments, conflicts.
permissions.add("monitoring.change_network", COORDINATOR)
permissions.add("monitoring.manage_members", COORDINATOR)
permissions.add("monitoring.assign_monitor", COORDINATOR)
permissions.add(
    "monitoring.end_assignment",
    COORDINATOR,
    permissions.Condition(
        is_open_assignment, lambda u, o: _("This assignment has already ended."), "ended"
    ),
)
permissions.add("monitoring.view_conflicts", COORDINATOR)
# A monitor declares their own conflicts; coordinators and operators record anyone's.
permissions.add("monitoring.declare_conflict", permissions.who(is_monitor_in | runs_network))
permissions.add(
    "monitoring.apply_to_network",
    permissions.who(is_verified),
    permissions.Condition(
        accepts_applications,
        lambda u, o: _("The network does not accept applications now."),
        "closed",
    ),
)
permissions.add("monitoring.view_applications", COORDINATOR)
permissions.add("monitoring.decide_application", COORDINATOR, PENDING)
permissions.add("monitoring.withdraw_application", permissions.who(is_applicant), PENDING)
# Findings (the object is the assignment for new ones, the finding itself otherwise).
permissions.add("monitoring.assess", ASSIGNED, OPEN, NO_CONFLICT, ASSESSABLE)
permissions.add(
    "monitoring.edit_finding",
    permissions.who(is_author & is_assigned_monitor),
    OPEN,
    NO_CONFLICT,
    DRAFT,
    NOT_AWAITING_REPLY,
)
permissions.add(
    "monitoring.correct_finding",
    permissions.who(is_assigned_monitor),
    OPEN,
    NO_CONFLICT,
    CURRENT,
    NOT_AWAITING_REPLY,
)
# Reports (the object is the assignment for a new report, the report otherwise).
permissions.add("monitoring.compile_report", ASSIGNED, OPEN, NO_CONFLICT, ASSESSABLE)
permissions.add("monitoring.edit_report", REPORT_WRITER, REPORT_DRAFT)
permissions.add("monitoring.send_report", REPORT_WRITER, REPORT_DRAFT)
# An unpublished report: its writers; the hromada's officials once it is sent to them.
permissions.add(
    "monitoring.view_unpublished_report",
    permissions.who(writes_report | (is_official_of_report & report_sent)),
)
permissions.add(
    "monitoring.reply_to_report", permissions.who(is_official_of_report), IN_REPLY, REPLY_OPEN
)
permissions.add("monitoring.publish_report", REPORT_WRITER, IN_REPLY, REPLIES_DONE)
