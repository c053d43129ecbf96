"""Reads for the monitor's workspace: an assignment's commitments with the state of each
assessment, the co-creation checklist, and who may see them — in a fixed number of queries
whatever the number of commitments."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from openhromada.core import visibility as publicity
from openhromada.core.withholding import active

from ..lifecycle import FindingStatus, ReportKind, Standard
from ..models import Assessment, Assignment, FindingFile, StandardFinding
from ..rules import is_assigned_monitor, runs_network_of
from ..services.findings import kind_refusal

KINDS = tuple(ReportKind)


def get_assignment(pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("network", "plan__hromada", "monitor"), pk=pk
    )


def can_see_workspace(user, assignment: Assignment) -> bool:
    """The assigned monitor, the network's coordinators, and operators."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (is_assigned_monitor.test(user, assignment) or runs_network_of.test(user, assignment))
    )


def visible_assignment(user, pk: int) -> Assignment:
    """The assignment if `user` may see its workspace; 404 for everyone else (as if it had no
    workspace at all)."""
    assignment = get_assignment(pk)
    if not can_see_workspace(user, assignment):
        raise Http404
    return assignment


def kind_or_404(kind: str) -> str:
    if kind not in ReportKind.values:
        raise Http404
    return kind


@dataclass
class FindingState:
    """The versions of one finding (an assessment of a commitment for a kind, or a standard)."""

    current: object | None = None  # the submitted version in force
    draft: object | None = None  # a first draft, or a correction in draft
    versions: list = field(default_factory=list)

    @property
    def latest(self):
        return self.draft or self.current

    @property
    def is_empty(self) -> bool:
        return self.latest is None


def _states(findings, key) -> dict:
    states: dict = {}
    for finding in findings:
        state = states.setdefault(key(finding), FindingState())
        state.versions.append(finding)
        if finding.status == FindingStatus.DRAFT:
            state.draft = finding
        elif finding.is_current:
            state.current = finding
    return states


@dataclass
class CommitmentRow:
    commitment: object
    states: dict  # kind → FindingState

    def state(self, kind: str) -> FindingState:
        return self.states.get(kind) or FindingState()

    @property
    def cells(self) -> list[tuple[str, FindingState]]:
        """(kind, state) for the inception review and the results report, in that order."""
        return [(kind, self.state(kind)) for kind in KINDS]

    @property
    def inception(self) -> FindingState:
        return self.state(ReportKind.INCEPTION)

    @property
    def results(self) -> FindingState:
        return self.state(ReportKind.RESULTS)


@dataclass
class Checklist:
    kind: str
    rows: list  # (standard, FindingState)
    refusal: str

    @property
    def drafts(self) -> int:
        return sum(1 for _s, state in self.rows if state.draft is not None)

    @property
    def submitted(self) -> int:
        return sum(1 for _s, state in self.rows if state.current is not None)

    @property
    def missing(self) -> int:
        return sum(1 for _s, state in self.rows if state.is_empty)

    @property
    def label(self) -> str:
        return ReportKind(self.kind).label


def _with_assignment(findings, assignment):
    for finding in findings:
        finding.assignment = assignment  # the rules read it; spare a query per row
    return findings


def assessments_of(assignment: Assignment) -> list[Assessment]:
    return _with_assignment(
        Assessment.objects.filter(assignment=assignment)
        .order_by("commitment_id", "kind", "version")
        .prefetch_related(Prefetch("files", queryset=FindingFile.objects.order_by("pk"))),
        assignment,
    )


def standard_findings_of(assignment: Assignment, kind: str | None = None) -> list:
    findings = StandardFinding.objects.filter(assignment=assignment).order_by("version")
    if kind is not None:
        findings = findings.filter(kind=kind)
    return _with_assignment(
        findings.prefetch_related(Prefetch("files", queryset=FindingFile.objects.order_by("pk"))),
        assignment,
    )


def checklist(assignment: Assignment, kind: str, findings=None) -> Checklist:
    if findings is None:
        findings = standard_findings_of(assignment, kind)
    states = _states([f for f in findings if f.kind == kind], lambda f: f.standard)
    return Checklist(
        kind=kind,
        rows=[(standard, states.get(standard.value, FindingState())) for standard in Standard],
        refusal=kind_refusal(assignment.plan, kind),
    )


def workspace(assignment: Assignment) -> dict:
    """The plan's commitments with their assessments' states, and both checklists."""
    commitments = list(assignment.plan.commitments.order_by("number"))
    by_commitment = _states(assessments_of(assignment), lambda a: (a.commitment_id, a.kind))
    rows = [
        CommitmentRow(
            commitment=c,
            states={k: by_commitment[(c.pk, k)] for k in KINDS if (c.pk, k) in by_commitment},
        )
        for c in commitments
    ]
    standard_findings = standard_findings_of(assignment)
    refusals = {kind: kind_refusal(assignment.plan, kind) for kind in KINDS}
    return {
        "rows": rows,
        "checklists": [checklist(assignment, kind, standard_findings) for kind in KINDS],
        "refusals": refusals,
        "open_kinds": [kind for kind in KINDS if not refusals[kind]],
        "stars": sum(
            1
            for row in rows
            for state in row.states.values()
            if state.current is not None and state.current.star
        ),
    }


def finding_visible(user, finding) -> str:
    """How `user` may see a finding: "private" (its monitor, the network's coordinators,
    operators — drafts too), "public" (published: everyone, unless an operator withheld it), or
    "withheld" (published, but withheld or inside a withheld record), or "" (not at all)."""
    if can_see_workspace(user, finding.assignment):
        return "private"
    # the one visibility rule: published, and its commitment and plan public too
    state = publicity.state_of(finding, active())
    if state == publicity.UNPUBLISHED:
        return ""
    return "withheld" if state == publicity.WITHHELD else "public"
