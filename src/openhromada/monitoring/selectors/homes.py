"""What waits for monitors, network coordinators and officials in independent monitoring — the
sections of their role homes (portal.homes). Each is one QuerySet (counts and what is due are
annotated in the same query), so a home costs the same number of queries whatever is on it.

- a monitor: their open assignments; the commitments of their assigned plans whose assessment
  is due (no current submitted one of the kind due now, from their network, while that report
  is not sent yet) and those they have a draft of; the hromadas' replies on their reports;
- a coordinator: applications to their networks, their networks' open assignments, reports
  whose reply period is over (ready to publish);
- an official: reports sent to their hromadas waiting for a reply.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.accounts.selectors import hromadas_where
from openhromada.plans.lifecycle import PlanStatus
from openhromada.plans.models import Commitment

from ..lifecycle import ApplicationStatus, FindingStatus, ReportKind, ReportStatus
from ..models import (
    Assessment,
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    Reply,
    Report,
    StandardFinding,
)

# Plans a monitor assesses (rules.ASSESSABLE_PLAN_STATES: submitted or later, not withdrawn).
ASSESSABLE = (PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED)
# How long replies to a published report still show on its monitor's home.
RECENT_DAYS = 30


def networks_where(user, role: str):
    """Ids of the networks where the user holds `role`, as a subquery (no query of its own)."""
    return RoleAssignment.objects.filter(user=user, role=role, network__isnull=False).values(
        "network_id"
    )


def due_kind(today: dt.date, prefix: str = "") -> Case:
    """The report kind a plan's assessments are due for: the results report once the plan is
    completed or its period has ended, the inception review before."""
    return Case(
        When(
            Q(**{f"{prefix}status": PlanStatus.COMPLETED}) | Q(**{f"{prefix}end_date__lt": today}),
            then=Value(ReportKind.RESULTS),
        ),
        default=Value(ReportKind.INCEPTION),
        output_field=CharField(),
    )


def _count(queryset, field: str = "pk", distinct: bool = False) -> Coalesce:
    """The number of rows (or of distinct `field` values) of a correlated queryset, as a
    subquery (`COUNT` without a grouping: one row whatever matches)."""
    template = "%(function)s(DISTINCT %(expressions)s)" if distinct else None
    count = Func(F(field), function="COUNT", **({"template": template} if template else {}))
    counted = queryset.order_by().annotate(n=count).values("n")
    return Coalesce(Subquery(counted[:1], output_field=IntegerField()), 0)


def in_conflicted_hromada(user, prefix: str) -> Q:
    """Rows in a hromada the user may not assess (`prefix` leads to the hromada): where they
    hold an official's or council member's role, or declared a conflict of interest
    (rules.has_conflict; a council membership through a linked profile is left to the pages,
    which refuse it). Two subqueries, no query of their own."""
    roles = RoleAssignment.objects.filter(
        user=user, role__in=(Role.OFFICIAL, Role.COUNCIL_MEMBER), hromada__isnull=False
    ).values("hromada_id")
    declared = ConflictDeclaration.objects.filter(monitor=user).values("hromada_id")
    return Q(**{f"{prefix}__in": roles}) | Q(**{f"{prefix}__in": declared})


# --- monitors --------------------------------------------------------------------------------


def open_assignments_for(user, today: dt.date | None = None):
    """The user's open assignments in the networks where they are a monitor, the plans that end
    first first; each with `commitments` (the plan's count), `assessed` (current submitted
    assessments of the kind due, by the network) and `due` (that kind)."""
    today = today or timezone.localdate()
    commitments = Commitment.objects.filter(plan=OuterRef("plan_id"))
    assessed = Assessment.objects.filter(
        commitment__plan=OuterRef("plan_id"),
        assignment__network=OuterRef("network_id"),
        kind=OuterRef("due"),
        status=FindingStatus.SUBMITTED,
        is_current=True,
    )
    return (
        Assignment.objects.filter(
            monitor=user, ended_at=None, network__in=networks_where(user, Role.MONITOR)
        )
        .annotate(
            due=due_kind(today, "plan__"),
            commitments=_count(commitments),
            assessed=_count(assessed, "commitment_id", distinct=True),
        )
        .select_related("plan__hromada", "network")
        .order_by("plan__end_date", "plan_id", "pk")
    )


def assessments_due_for(user, today: dt.date | None = None):
    """Commitments of the plans the user monitors whose assessment waits for them: those without
    a current submitted assessment of the kind due now from their network (while the network's
    report of that kind is not sent yet), and those they have a draft of — never in a hromada
    they may not assess (a role there, a declared conflict). Each carries
    `assignment_pk`, `kind` (the draft's kind, or the kind due) and `draft_pk` (or None)."""
    today = today or timezone.localdate()
    mine = Q(
        plan__monitor_assignments__monitor=user,
        plan__monitor_assignments__ended_at=None,
    )
    drafts = Assessment.objects.filter(
        assignment_id=OuterRef("assignment_pk"),
        commitment=OuterRef("pk"),
        status=FindingStatus.DRAFT,
    ).order_by("-updated_at", "-pk")
    done = Assessment.objects.filter(
        commitment=OuterRef("pk"),
        kind=OuterRef("due"),
        assignment__network_id=OuterRef("network_pk"),
        status=FindingStatus.SUBMITTED,
        is_current=True,
    )
    sent = Report.objects.filter(
        network_id=OuterRef("network_pk"), plan_id=OuterRef("plan_id"), kind=OuterRef("due")
    ).exclude(status=ReportStatus.DRAFT)
    return (
        Commitment.objects.annotate(
            assigned=FilteredRelation("plan__monitor_assignments", condition=mine)
        )
        .filter(
            assigned__isnull=False,
            assigned__network__in=networks_where(user, Role.MONITOR),
            plan__status__in=ASSESSABLE,
        )
        .exclude(in_conflicted_hromada(user, "plan__hromada"))
        .annotate(
            assignment_pk=F("assigned__pk"),
            network_pk=F("assigned__network_id"),
            due=due_kind(today, "plan__"),
        )
        .annotate(
            draft_pk=Subquery(drafts.values("pk")[:1]),
            draft_kind=Subquery(drafts.values("kind")[:1]),
            done=Exists(done),
            sent=Exists(sent),
        )
        .filter(Q(done=False, sent=False) | Q(draft_pk__isnull=False))
        .annotate(kind=Coalesce("draft_kind", "due"))
        .select_related("plan__hromada")
        .order_by("plan__end_date", "plan_id", "number", "pk")
    )


def replies_received_for(user, now: dt.datetime | None = None):
    """The hromadas' replies on the reports of the plans the user monitors (an open assignment
    in the report's network, no conflict with the hromada): reports in their reply period, or
    published in the last `RECENT_DAYS` days; the newest first."""
    now = now or timezone.now()
    assigned = Assignment.objects.filter(
        monitor=user,
        ended_at=None,
        network_id=OuterRef("report__network_id"),
        plan_id=OuterRef("report__plan_id"),
        network__in=networks_where(user, Role.MONITOR),
    )
    recent = Q(
        report__status=ReportStatus.PUBLISHED,
        report__published_at__gte=now - dt.timedelta(days=RECENT_DAYS),
    )
    return (
        Reply.objects.filter(Q(report__status=ReportStatus.REPLY) | recent)
        .filter(Exists(assigned))
        .exclude(in_conflicted_hromada(user, "report__plan__hromada"))
        .select_related(
            "report__plan__hromada", "report__network", "assessment__commitment", "standard_finding"
        )
        .order_by("-created_at", "-pk")
    )


# --- network coordinators ----------------------------------------------------------------------


def applications_for(user):
    """Applications waiting for a decision in the networks the user coordinates, oldest first."""
    return (
        MemberApplication.objects.filter(
            status=ApplicationStatus.PENDING,
            network__in=networks_where(user, Role.COORDINATOR),
        )
        .select_related("network", "oblast")
        .order_by("created_at", "pk")
    )


def network_assignments_for(user, today: dt.date | None = None):
    """The open assignments of the networks the user coordinates, with the same counts as a
    monitor's (`commitments`, `assessed`, `due`)."""
    today = today or timezone.localdate()
    commitments = Commitment.objects.filter(plan=OuterRef("plan_id"))
    assessed = Assessment.objects.filter(
        assignment=OuterRef("pk"),
        kind=OuterRef("due"),
        status=FindingStatus.SUBMITTED,
        is_current=True,
    )
    return (
        Assignment.objects.filter(ended_at=None, network__in=networks_where(user, Role.COORDINATOR))
        .annotate(
            due=due_kind(today, "plan__"),
            commitments=_count(commitments),
            assessed=_count(assessed),
        )
        .select_related("plan__hromada", "network")
        .order_by("plan__end_date", "plan_id", "monitor_label", "pk")
    )


def _with_reply_counts(reports):
    """Reports with `findings` (the findings they carry) and `replied` (those with a reply)."""
    assessments = Assessment.objects.filter(report=OuterRef("pk"))
    standards = StandardFinding.objects.filter(report=OuterRef("pk"))
    replied = Reply.objects.filter(report=OuterRef("pk")).exclude(
        assessment=None, standard_finding=None
    )
    return reports.annotate(
        findings=_count(assessments) + _count(standards), replied=_count(replied)
    )


def reports_to_publish_for(user, today: dt.date | None = None):
    """Reports of the networks the user coordinates whose reply period is over: ready to
    publish, the longest waiting first."""
    today = today or timezone.localdate()
    return (
        _with_reply_counts(
            Report.objects.filter(
                status=ReportStatus.REPLY,
                reply_due__lt=today,
                network__in=networks_where(user, Role.COORDINATOR),
            )
        )
        .select_related("plan__hromada", "network")
        .order_by("reply_due", "pk")
    )


# --- officials ---------------------------------------------------------------------------------


def reports_awaiting_reply_for(user, today: dt.date | None = None):
    """Reports sent to the hromadas the user is an official of, whose reply period runs: the
    soonest due first, with `findings` and `replied` counts."""
    today = today or timezone.localdate()
    return (
        _with_reply_counts(
            Report.objects.filter(
                status=ReportStatus.REPLY,
                reply_due__gte=today,
                plan__hromada__in=hromadas_where(user),
            )
        )
        .select_related("plan__hromada", "network")
        .order_by("reply_due", "pk")
    )


def days_left(reports, today: dt.date | None = None) -> list:
    """Each report with `days_left` until its reply is due (0: the last day is today)."""
    today = today or timezone.localdate()
    for report in reports:
        report.days_left = (report.reply_due - today).days
    return reports


def labelled(rows) -> list:
    """Each row with `kind_label`: the name of its annotated report kind (`kind`, or `due`)."""
    for row in rows:
        kind = getattr(row, "kind", None) or getattr(row, "due", None)
        row.kind_label = ReportKind(kind).label if kind in ReportKind.values else ""
    return rows
