"""Synthetic independent monitoring for benchmarks: a member organisation of each network in
every oblast it covers, and for every completed action plan a network's monitor assigned, a
published results report assessing every commitment on the IRM-style scales and the co-creation
checklist, with one reply of the hromada. Deterministic for a seed, marked synthetic, written in
bulk, one transaction (and one history entry per report) for each batch of plans: interrupted,
it keeps what it finished; run again, it goes on with the plans that have no results report."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.core.history import Change, record_many
from openhromada.core.models import DataOrigin, HistoryAction
from openhromada.plans.lifecycle import PlanStatus
from openhromada.plans.models import ActionPlan, Commitment

from .lifecycle import (
    Completion,
    FindingStatus,
    OpenedGovernment,
    Potential,
    ReportKind,
    ReportStatus,
    Standard,
    Verdict,
    is_star,
)
from .models import (
    Assessment,
    Assignment,
    MemberOrganisation,
    MonitoringNetwork,
    Reply,
    Report,
    StandardFinding,
)

BATCH = 100  # plans per transaction
SYNTHETIC = DataOrigin.SYNTHETIC
EVIDENCE = ["https://synthetic.invalid/evidence"]
# The monitor's completion leans on the city's own (so most agree, some diverge).
CITY_TO_MONITOR = {
    "complete": [Completion.COMPLETE] * 6 + [Completion.SUBSTANTIAL] * 3 + [Completion.LIMITED],
    "substantial": [Completion.SUBSTANTIAL] * 6 + [Completion.LIMITED] * 3 + [Completion.COMPLETE],
    "limited": [Completion.LIMITED] * 6 + [Completion.NOT_STARTED] * 2 + [Completion.SUBSTANTIAL],
    "not_started": [Completion.NOT_STARTED] * 7 + [Completion.NO_EVIDENCE] * 3,
}
POTENTIAL = [Potential.UNCLEAR, Potential.MODEST, Potential.MODEST, Potential.SUBSTANTIAL]
OPENED = list(OpenedGovernment)
VERDICTS = [Verdict.MET, Verdict.MET, Verdict.PARTLY, Verdict.NOT_MET]


def _members(rng: random.Random, networks: list[MonitoringNetwork]) -> int:
    """One synthetic member organisation per oblast a network covers, once."""
    created = []
    for network in networks:
        have = set(network.members.values_list("oblast_id", flat=True))
        for oblast in network.oblasts.order_by("code"):
            if oblast.pk in have:
                continue
            created.append(
                MemberOrganisation(
                    network=network,
                    name=f"Громадська організація {oblast.name_uk} (синтетична)",
                    edrpou=f"{rng.randrange(10_000_000, 100_000_000):08d}",
                    oblast=oblast,
                    joined_on=dt.date(2019, 1, 1),
                    origin=SYNTHETIC,
                )
            )
    MemberOrganisation.objects.bulk_create(created, batch_size=2000, ignore_conflicts=True)
    return len(created)


def _team(networks: list[MonitoringNetwork]) -> dict[int, list[tuple[int, str]]]:
    """Each network's monitors: (user id, public name), in a stable order."""
    team: dict[int, list[tuple[int, str]]] = {n.pk: [] for n in networks}
    for network_id, user_id, name in (
        RoleAssignment.objects.filter(role=Role.MONITOR, network__in=networks)
        .order_by("network_id", "user_id")
        .values_list("network_id", "user_id", "user__display_name")
    ):
        team[network_id].append((user_id, name or f"Монітор {user_id}"))
    return {k: v for k, v in team.items() if v}


def _network_for(plan, networks, team, rng):
    """A network covering the plan's oblast, if one has monitors; else any that has."""
    covering = [n for n in networks if n.pk in team and plan.hromada.oblast_id in n.oblast_ids]
    return rng.choice(covering or [n for n in networks if n.pk in team])


def _assessment(rng, assignment, report, commitment, when, when_date) -> Assessment:
    potential = rng.choice(POTENTIAL)
    completion = rng.choice(CITY_TO_MONITOR.get(commitment.completion, [Completion.LIMITED]))
    lens = [rng.random() < 0.6, rng.random() < 0.4, rng.random() < 0.3]
    assessment = Assessment(
        assignment=assignment,
        commitment=commitment,
        kind=ReportKind.RESULTS,
        report=report,
        status=FindingStatus.SUBMITTED,
        is_current=True,
        verifiable=True,
        lens_transparency=lens[0],
        lens_participation=lens[1],
        lens_accountability=lens[2],
        potential=potential,
        completion=completion,
        opened_government=rng.choice(OPENED),
        narrative="Синтетична оцінка зобов’язання.",
        links=EVIDENCE,
        assessed_on=when_date,
        author_id=assignment.monitor_id,
        author_label=assignment.monitor_label,
        submitted_at=when,
        published_at=report.published_at,
        origin=SYNTHETIC,
    )
    assessment.star = is_star(
        verifiable=True,
        transparency=lens[0],
        participation=lens[1],
        accountability=lens[2],
        potential=potential,
        completion=completion,
    )
    return assessment


def _assignments(rng, plans, networks, team) -> list[Assignment]:
    """The monitor of each plan: an open assignment it already has, or a new one of a network
    covering its oblast."""
    existing = {}
    for assignment in Assignment.objects.filter(plan__in=plans, ended_at=None).order_by("pk"):
        existing.setdefault(assignment.plan_id, assignment)
    out, new = [], []
    for plan in plans:
        assignment = existing.get(plan.pk)
        if assignment is None:
            network = _network_for(plan, networks, team, rng)
            monitor_id, name = rng.choice(team[network.pk])
            assignment = Assignment(
                network=network, plan=plan, monitor_id=monitor_id, monitor_label=name
            )
            new.append(assignment)
        out.append(assignment)
    Assignment.objects.bulk_create(new)
    return out


def _batch(rng, plans, networks, team, today) -> list[Report]:
    """Reports, assessments, checklists and one reply for a batch of plans."""
    assignments = _assignments(rng, plans, networks, team)
    report_list = []
    for plan, assignment in zip(plans, assignments, strict=True):
        sent = timezone.make_aware(
            dt.datetime.combine(min(plan.end_date + dt.timedelta(days=60), today), dt.time(12))
        )
        report_list.append(
            Report(
                network_id=assignment.network_id,
                plan=plan,
                kind=ReportKind.RESULTS,
                status=ReportStatus.PUBLISHED,
                summary="Синтетичний звіт про результати плану дій.",
                recommendations="Синтетичні рекомендації.",
                author_id=assignment.monitor_id,
                author_label=assignment.monitor_label,
                sent_at=sent,
                reply_due=sent.date() + dt.timedelta(days=14),
                published_at=min(sent + dt.timedelta(days=16), timezone.now()),
                origin=SYNTHETIC,
            )
        )
    Report.objects.bulk_create(report_list)
    commitments: dict[int, list[Commitment]] = {}
    for commitment in Commitment.objects.filter(plan__in=plans).order_by("plan_id", "number"):
        commitments.setdefault(commitment.plan_id, []).append(commitment)
    assessments, standards, replies = [], [], []
    for plan, assignment, report in zip(plans, assignments, report_list, strict=True):
        when = report.sent_at - dt.timedelta(days=10)
        when_date = timezone.localtime(when).date()
        for commitment in commitments.get(plan.pk, []):
            assessments.append(_assessment(rng, assignment, report, commitment, when, when_date))
        for standard in Standard:
            standards.append(
                StandardFinding(
                    assignment=assignment,
                    plan=plan,
                    kind=ReportKind.RESULTS,
                    standard=standard,
                    verdict=rng.choice(VERDICTS),
                    report=report,
                    status=FindingStatus.SUBMITTED,
                    is_current=True,
                    narrative="Синтетичний висновок.",
                    links=EVIDENCE,
                    assessed_on=when_date,
                    author_id=assignment.monitor_id,
                    author_label=assignment.monitor_label,
                    submitted_at=when,
                    published_at=report.published_at,
                    origin=SYNTHETIC,
                )
            )
        replies.append(
            Reply(
                report=report,
                text="Синтетична відповідь громади.",
                author_label="Посадовець (синтетичний)",
                origin=SYNTHETIC,
            )
        )
    Assessment.objects.bulk_create(assessments, batch_size=2000)
    StandardFinding.objects.bulk_create(standards, batch_size=2000)
    Reply.objects.bulk_create(replies, batch_size=2000)
    return report_list


def generate(*, seed: int, progress=None) -> dict:
    """Members of every network, and a published results report on every completed plan that
    has none. Needs networks with monitors (the accounts' scale generator makes them)."""
    rng = random.Random(seed * 15485863)
    networks = list(MonitoringNetwork.objects.order_by("pk"))
    for network in networks:
        network.oblast_ids = set(network.oblasts.values_list("pk", flat=True))
    totals = {"members": _members(rng, networks), "reports": 0, "assessments": 0}
    team = _team(networks)
    if not team:
        return totals
    done = Report.objects.filter(kind=ReportKind.RESULTS).values("plan_id")
    todo = list(
        ActionPlan.objects.filter(status=PlanStatus.COMPLETED)
        .exclude(pk__in=done)
        .select_related("hromada")
        .order_by("pk")
    )
    today = timezone.localdate()
    for start in range(0, len(todo), BATCH):
        with transaction.atomic():
            made = _batch(rng, todo[start : start + BATCH], networks, team, today)
            record_many(
                actor=None,
                changes=[Change(r, HistoryAction.CREATE, {"kind": [None, r.kind]}) for r in made],
            )
        totals["reports"] += len(made)
        totals["assessments"] = Assessment.objects.filter(origin=SYNTHETIC).count()
        if progress:
            progress("monitoring reports", min(start + BATCH, len(todo)), len(todo))
    return totals
