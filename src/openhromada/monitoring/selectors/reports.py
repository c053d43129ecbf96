"""What a monitoring report is made of, read in a fixed number of queries whatever the plan's
size: every commitment with its findings (and the hromada's reply beside each), the star
commitments, the co-creation checklist and the general reply. One reading for the page, the
printable page, the PDF, the JSON and the CSV, so they never disagree; withheld records are left
out and withheld fields blanked (core.withholding)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from openhromada.core.withholding import Active
from openhromada.plans.models import Commitment

from ..lifecycle import ReportStatus, Standard
from ..models import Assessment, Assignment, FindingFile, Reply, Report, StandardFinding
from ..services.reports import current_findings


def get_report(pk: int) -> Report:
    return get_object_or_404(Report.objects.select_related("network", "plan__hromada"), pk=pk)


@dataclass
class CommitmentFindings:
    """A commitment of the plan and the report's findings on it (none yet: not assessed)."""

    commitment: Commitment
    assessments: list[Assessment] = field(default_factory=list)


@dataclass
class ReportContents:
    commitments: list[CommitmentFindings]
    stars: list[Assessment]
    standards: list[StandardFinding]
    general_reply: Reply | None
    findings: int  # findings the hromada may reply to
    replied: int  # of them, with a reply

    @property
    def assessed(self) -> int:
        return sum(1 for row in self.commitments if row.assessments)

    @property
    def not_assessed(self) -> list[Commitment]:
        return [row.commitment for row in self.commitments if not row.assessments]


def _files():
    return Prefetch("files", queryset=FindingFile.objects.order_by("pk"))


def _replies(report: Report, withheld: Active) -> tuple[dict, Reply | None]:
    """The hromada's replies by finding, and its reply to the whole report (one query)."""
    replies, general = {}, None
    if report.status == ReportStatus.DRAFT:
        return replies, general
    for reply in report.replies.all():
        reply.report = report
        if withheld.hides(reply):
            continue
        withheld.redact(reply)
        if reply.assessment_id:
            replies[("a", reply.assessment_id)] = reply
        elif reply.standard_finding_id:
            replies[("s", reply.standard_finding_id)] = reply
        else:
            general = reply
    return replies, general


def report_contents(report: Report, withheld: Active) -> ReportContents:
    """The report's findings: the current submitted ones while it is a draft, those frozen into
    it once it is sent — of a published report only the published ones, each in its current
    version (a correction published after the report replaces the version the hromada replied
    to, and keeps that reply beside it). Five queries."""
    if report.status == ReportStatus.DRAFT:
        assessments, standards = current_findings(report)
    else:
        assessments, standards = report.assessments.all(), report.standard_findings.all()
        if report.status == ReportStatus.PUBLISHED:
            assessments = assessments.filter(published_at__isnull=False)
            standards = standards.filter(published_at__isnull=False)
    plan = report.plan
    commitments = withheld.published(plan.commitments.order_by("number"))
    by_id = {c.pk: c for c in commitments}
    assessments = assessments.filter(commitment_id__in=list(by_id)).select_related("assignment")
    every_assessment = list(
        assessments.prefetch_related(_files()).order_by("commitment__number", "pk")
    )
    every_standard = list(standards.select_related("assignment").prefetch_related(_files()))
    # a reply belongs to the finding whatever its version: (assignment, commitment or standard)
    finding_key = {
        **{("a", a.pk): ("a", a.assignment_id, a.commitment_id) for a in every_assessment},
        **{("s", f.pk): ("s", f.assignment_id, f.standard) for f in every_standard},
    }
    assessments = [a for a in every_assessment if a.is_current]
    for a in assessments:
        a.commitment = by_id[a.commitment_id]  # loaded above: no query per finding
    assessments = withheld.published(assessments, "files")
    standards = [s for s in every_standard if s.is_current]
    for s in standards:
        s.plan = plan
    order = {value: i for i, value in enumerate(Standard.values)}
    standards.sort(key=lambda s: (order.get(s.standard, len(order)), s.pk))
    standards = withheld.published(standards, "files")
    by_finding, general = _replies(report, withheld)
    replies = {finding_key[key]: reply for key, reply in by_finding.items() if key in finding_key}
    rows = {c.pk: CommitmentFindings(c) for c in commitments}
    for a in assessments:
        a.reply = replies.get(("a", a.assignment_id, a.commitment_id))
        rows[a.commitment_id].assessments.append(a)
    for s in standards:
        s.reply = replies.get(("s", s.assignment_id, s.standard))
    findings = [*assessments, *standards]
    return ReportContents(
        commitments=list(rows.values()),
        stars=[a for a in assessments if a.star],
        standards=standards,
        general_reply=general,
        findings=len(findings),
        replied=sum(1 for f in findings if f.reply is not None),
    )


def finding_for_reply(report: Report, target: str, pk: int):
    """The finding of the report a reply is about: ("assessment", id), ("standard", id), or
    ("report", 0) for the report as a whole (None). 404 for anything else."""
    if target == "report":
        return None
    model = {"assessment": Assessment, "standard": StandardFinding}.get(target)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk, report=report)


def reply_of(report: Report, finding) -> Reply | None:
    """The hromada's reply to the finding (or to the whole report), if it has written one."""
    lookup = {"assessment": None, "standard_finding": None}
    if isinstance(finding, Assessment):
        lookup["assessment"] = finding
    elif isinstance(finding, StandardFinding):
        lookup["standard_finding"] = finding
    return Reply.objects.filter(report=report, **lookup).first()


def assignment_reports(assignment: Assignment) -> list[Report]:
    """The reports of the assignment's network on its plan (one of each kind at most)."""
    return list(
        Report.objects.filter(
            network_id=assignment.network_id, plan_id=assignment.plan_id
        ).order_by("kind")
    )
