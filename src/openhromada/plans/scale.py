"""Synthetic action plans at national scale for benchmarks: deterministic for a seed, marked
synthetic, written in bulk. Each plan gets one public-history entry (not one per row)."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from openhromada.core.history import Change, record_many
from openhromada.core.models import HistoryAction

from .lifecycle import CLOSED_MILESTONE_STATES, MilestoneStatus, PlanStatus, completion_level
from .models import ActionPlan, Commitment, Milestone, ProgressUpdate

PERIODS = [(2021, "completed"), (2023, "completed"), (2025, "implementation")]
STATUS_WEIGHTS = [
    (MilestoneStatus.COMPLETED, 5),
    (MilestoneStatus.IN_PROGRESS, 3),
    (MilestoneStatus.NOT_STARTED, 2),
    (MilestoneStatus.DELAYED, 1),
    (MilestoneStatus.CANCELLED, 0.3),
]
BODIES = [
    "Управління цифрової трансформації",
    "ЦНАП",
    "Фінансове управління",
    "Управління молоді та спорту",
    "Департамент освіти",
    "Секретаріат ради",
]
VALUE_FIELDS = list(Commitment.VALUE_FIELDS.values())


def _percent(rng, status):
    return {"completed": 100, "not_started": 0, "cancelled": 0}.get(status, rng.randint(5, 95))


@transaction.atomic
def generate(*, hromadas, seed: int, progress=None) -> int:
    """Three plans per hromada (skipping hromadas that already have synthetic plans)."""
    rng = random.Random(seed * 7919)
    today = timezone.localdate()
    done = set(ActionPlan.objects.filter(origin="synthetic").values_list("hromada_id", flat=True))
    todo = [h for h in hromadas if h.pk not in done]
    created_plans = 0
    for index, hromada in enumerate(todo, start=1):
        plans = [
            ActionPlan(
                hromada=hromada,
                slug=f"{y}-{y + 1}",
                origin="synthetic",
                title=f"План дій {y}–{y + 1} (синтетичний)",
                status=status,
                start_date=dt.date(y, 1, 1),
                end_date=dt.date(y + 1, 12, 31),
            )
            for y, status in PERIODS
        ]
        ActionPlan.objects.bulk_create(plans, ignore_conflicts=True)
        plans = list(ActionPlan.objects.filter(hromada=hromada, origin="synthetic"))
        _fill(rng, plans, today)
        record_many(
            actor=None,
            changes=[Change(p, HistoryAction.CREATE, {"title": [None, p.title]}) for p in plans],
        )
        created_plans += len(plans)
        if progress and (index % 100 == 0 or index == len(todo)):
            progress("synthetic plans", index, len(todo))
    return created_plans


def _fill(rng, plans, today):
    commitments = []
    for plan in plans:
        for number in range(1, rng.randint(10, 15) + 1):
            commitments.append(
                Commitment(
                    plan=plan,
                    number=number,
                    title=f"Зобов’язання {number} (синтетичне)",
                    problem="Синтетична проблема.",
                    objective="Синтетична мета.",
                    lead_body=rng.choice(BODIES),
                    start_date=plan.start_date,
                    end_date=plan.end_date,
                    **{rng.choice(VALUE_FIELDS): True},
                )
            )
    Commitment.objects.bulk_create(commitments, batch_size=1000)
    commitments = list(Commitment.objects.filter(plan__in=plans).select_related("plan"))
    milestones = []
    for c in commitments:
        count = rng.randint(3, 8)
        span = (c.end_date - c.start_date).days
        for number in range(1, count + 1):
            start = c.start_date + dt.timedelta(days=span * (number - 1) // count)
            due = c.start_date + dt.timedelta(days=span * number // count)
            status = (
                MilestoneStatus.NOT_STARTED
                if c.plan.status == PlanStatus.DRAFT
                else rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[
                    0
                ]
            )
            if c.plan.status == PlanStatus.COMPLETED and status in (
                MilestoneStatus.NOT_STARTED,
                MilestoneStatus.IN_PROGRESS,
            ):
                status = MilestoneStatus.COMPLETED
            milestones.append(
                Milestone(
                    commitment=c,
                    number=number,
                    expected_output=f"Етап {number}",
                    start_date=start,
                    due_date=due,
                    responsible_body=c.lead_body,
                    weight=rng.randint(1, 3),
                    status=status,
                    percent=_percent(rng, status),
                    is_overdue=due < today and status not in CLOSED_MILESTONE_STATES,
                )
            )
    Milestone.objects.bulk_create(milestones, batch_size=2000)
    _updates(rng, plans, today)
    _derive(commitments, plans)


def _updates(rng, plans, today):
    reported = Milestone.objects.filter(commitment__plan__in=plans).exclude(
        status=MilestoneStatus.NOT_STARTED
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                milestone_id=pk,
                date=min(due, today),
                text="Синтетичний звіт.",
                status=status,
                percent=percent,
                author_label="Synthetic",
            )
            for pk, due, status, percent in reported.values_list(
                "pk", "due_date", "status", "percent"
            )
        ],
        batch_size=2000,
    )


def _derive(commitments, plans):
    by_commitment: dict[int, list] = {}
    for cid, weight, percent, overdue, status in Milestone.objects.filter(
        commitment__in=commitments
    ).values_list("commitment_id", "weight", "percent", "is_overdue", "status"):
        by_commitment.setdefault(cid, []).append((weight, percent, overdue, status))
    for c in commitments:
        rows = [r for r in by_commitment.get(c.pk, []) if r[3] != "cancelled"]
        total = sum(w for w, _p, _o, _s in rows)
        c.progress_percent = round(sum(w * p for w, p, _o, _s in rows) / total) if total else 0
        c.completion = completion_level(c.progress_percent)
        c.overdue_count = sum(1 for _w, _p, o, _s in by_commitment.get(c.pk, []) if o)
    Commitment.objects.bulk_update(
        commitments, ["progress_percent", "completion", "overdue_count"], batch_size=1000
    )
    for plan in plans:
        own = [c for c in commitments if c.plan_id == plan.pk]
        plan.progress_percent = round(sum(c.progress_percent for c in own) / len(own))
        plan.overdue_count = sum(c.overdue_count for c in own)
    ActionPlan.objects.bulk_update(plans, ["progress_percent", "overdue_count"])
