"""Writes to action plans: each validated, permission-checked, atomic, and in the public history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core import visibility
from openhromada.core.errors import ServiceError
from openhromada.core.history import Change, diff, record, record_create, record_many, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import require, save, update_recorded
from openhromada.core.uploads import MAX_UPLOAD_BYTES, check_uploads

from .lifecycle import (
    CLOSED_MILESTONE_STATES,
    MOVES,
    MilestoneStatus,
    PlanStatus,
    completion_level,
)
from .models import (
    ActionPlan,
    Amendment,
    Commitment,
    EvidenceFile,
    Milestone,
    PlanTransition,
    ProgressUpdate,
    SupportingActor,
)
from .tasks import notify_milestone_event

MAX_EVIDENCE_BYTES = MAX_UPLOAD_BYTES


def fresh(obj):
    """The object re-read with its plan: permissions depend on the plan's *current* status,
    never on a copy cached before a transition."""
    if isinstance(obj, Milestone):
        return Milestone.objects.select_related("commitment__plan__hromada").get(pk=obj.pk)
    if isinstance(obj, Commitment):
        return Commitment.objects.select_related("plan__hromada").get(pk=obj.pk)
    if isinstance(obj, ActionPlan):
        return ActionPlan.objects.select_related("hromada").get(pk=obj.pk)
    return obj


def _require(user, perm: str, obj) -> None:
    """Asked of the object as it is now (see fresh)."""
    require(user, perm, fresh(obj))


def _validate_plan_dates(plan: ActionPlan) -> None:
    if plan.start_date and plan.end_date and plan.end_date <= plan.start_date:
        raise ServiceError({"end_date": _("The plan must end after it starts.")})


@transaction.atomic
def plan_create(
    *,
    actor,
    hromada,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    summary: str = "",
    slug: str = "",
    origin: str = "real",
) -> ActionPlan:
    """A new plan for a hromada, in draft."""
    _require(actor, "plans.add_actionplan", hromada)
    plan = ActionPlan(
        hromada=hromada,
        title=title,
        summary=summary,
        start_date=start_date,
        end_date=end_date,
        origin=origin,
        slug=slug or f"{start_date.year}-{end_date.year}",
    )
    _validate_plan_dates(plan)
    if ActionPlan.objects.filter(hromada=hromada, slug=plan.slug).exists():
        raise ServiceError(
            {
                "start_date": _("This hromada already has a plan for %(period)s.")
                % {"period": plan.period}
            }
        )
    save(plan)
    record_create(actor=actor, obj=plan, fields=ActionPlan.HISTORY_FIELDS)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: ActionPlan, **values) -> ActionPlan:
    _require(actor, "plans.change_actionplan", plan)
    update_recorded(
        actor=actor,
        obj=plan,
        values=values,
        fields=("title", "summary", "start_date", "end_date"),
        check=_check_plan_dates,
    )
    return plan


def _check_plan_dates(plan: ActionPlan) -> None:
    _validate_plan_dates(plan)
    outside = plan.commitments.filter(
        Q(start_date__lt=plan.start_date) | Q(end_date__gt=plan.end_date)
    )
    if outside.exists():
        raise ServiceError({"start_date": _("Some commitments fall outside these dates.")})


@transaction.atomic
def plan_transition(*, actor, plan: ActionPlan, to_status: str, note: str = "") -> ActionPlan:
    """Move a plan to another state: each move is one permission (plans.rules), declared from
    the one table of transitions."""
    plan = ActionPlan.objects.select_for_update().select_related("hromada").get(pk=plan.pk)
    if to_status not in MOVES:  # not a state at all
        require(actor, "plans.transition_actionplan", plan)
        raise ServiceError(
            _("A plan cannot move from “%(from)s” to “%(to)s”.")
            % {"from": plan.get_status_display(), "to": to_status}
        )
    require(actor, MOVES[to_status], plan)
    previous = plan.status
    plan.status = to_status
    plan.status_changed_at = timezone.now()
    plan.save(update_fields=["status", "status_changed_at", "updated_at"])
    PlanTransition.objects.create(
        plan=plan,
        from_status=previous,
        to_status=to_status,
        actor_label=actor.public_name,
        note=note,
    )
    record(
        actor=actor,
        obj=plan,
        action=HistoryAction.UPDATE,
        changes={"status": [previous, to_status]},
    )
    if PlanStatus.DRAFT in (previous, to_status):  # the plan and all in it enter or leave public
        visibility.announce_publicity_change()
    return plan


def _validate_commitment(commitment: Commitment) -> None:
    plan = commitment.plan
    errors = {}
    if commitment.start_date and commitment.end_date:
        if commitment.end_date < commitment.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        elif commitment.start_date < plan.start_date or commitment.end_date > plan.end_date:
            errors["start_date"] = _(
                "A commitment must fall within its plan's period (%(start)s – %(end)s)."
            ) % {"start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()}
    bad_sdgs = [g for g in commitment.sdgs or [] if not isinstance(g, int) or not 1 <= g <= 17]
    if bad_sdgs:
        errors["sdgs"] = _("Sustainable Development Goals are numbered 1 to 17.")
    if errors:
        raise ServiceError(errors)


@dataclass
class ActorInput:
    name: str
    sector: str


def _set_actors(commitment: Commitment, actors: Iterable[ActorInput] | None) -> None:
    if actors is None:
        return
    commitment.supporting_actors.all().delete()
    for actor in actors:
        SupportingActor(commitment=commitment, name=actor.name, sector=actor.sector).full_clean(
            exclude=["commitment"]
        )
    SupportingActor.objects.bulk_create(
        [SupportingActor(commitment=commitment, name=a.name, sector=a.sector) for a in actors]
    )


@transaction.atomic
def commitment_create(
    *, actor, plan: ActionPlan, actors: Iterable[ActorInput] | None = None, **values
) -> Commitment:
    _require(actor, "plans.add_commitment", plan)
    if "number" not in values or values["number"] is None:
        last = plan.commitments.order_by("-number").values_list("number", flat=True).first()
        values["number"] = (last or 0) + 1
    commitment = Commitment(
        plan=plan, **{k: v for k, v in values.items() if k in Commitment.TEMPLATE_FIELDS}
    )
    _validate_commitment(commitment)
    save(commitment)
    _set_actors(commitment, actors)
    record_create(actor=actor, obj=commitment, fields=Commitment.HISTORY_FIELDS)
    return commitment


@transaction.atomic
def commitment_update(
    *, actor, commitment: Commitment, actors: Iterable[ActorInput] | None = None, **values
) -> Commitment:
    """Edit a commitment while its plan is drafted; after submission use commitment_amend."""
    _require(actor, "plans.change_commitment", commitment)
    return _apply_commitment_change(
        actor=actor, commitment=commitment, actors=actors, values=values
    )


def _apply_commitment_change(*, actor, commitment, actors, values) -> Commitment:
    update_recorded(
        actor=actor,
        obj=commitment,
        values=values,
        fields=Commitment.TEMPLATE_FIELDS,
        check=_validate_commitment,
        then=lambda c: _set_actors(c, actors),  # the actors are a history field
    )
    return commitment


@transaction.atomic
def commitment_amend(*, actor, commitment: Commitment, reason: str, **values) -> Amendment:
    """Change a submitted commitment: the reason and the earlier version stay public."""
    _require(actor, "plans.amend_commitment", commitment)
    if not (reason or "").strip():
        raise ServiceError({"reason": _("Give the reason for the amendment.")})
    before = snapshot(commitment, Commitment.TEMPLATE_FIELDS)
    _apply_commitment_change(actor=actor, commitment=commitment, actors=None, values=values)
    changes = diff(before, snapshot(commitment, Commitment.TEMPLATE_FIELDS))
    if not changes:
        raise ServiceError(_("The amendment changes nothing."))
    number = commitment.amendments.count() + 1
    amendment = Amendment(
        commitment=commitment,
        number=number,
        reason=reason.strip(),
        changes=changes,
        previous_version=before,
        author_label=actor.public_name,
    )
    save(amendment)  # validated: the reason goes into the history as saved
    record(
        actor=actor,
        obj=amendment,
        action=HistoryAction.CREATE,
        changes={"reason": [None, amendment.reason], "changes": [None, changes]},
    )
    return amendment


def _validate_milestone(milestone: Milestone) -> None:
    commitment = milestone.commitment
    errors = {}
    if milestone.start_date and milestone.due_date:
        if milestone.due_date < milestone.start_date:
            errors["due_date"] = _("The due date is before the start date.")
        elif (
            milestone.start_date < commitment.start_date or milestone.due_date > commitment.end_date
        ):
            errors["due_date"] = _(
                "A milestone must fall within its commitment's dates (%(start)s – %(end)s)."
            ) % {"start": commitment.start_date.isoformat(), "end": commitment.end_date.isoformat()}
    if errors:
        raise ServiceError(errors)


@transaction.atomic
def milestone_create(*, actor, commitment: Commitment, **values) -> Milestone:
    _require(actor, "plans.add_milestone", commitment)
    if values.get("number") is None:
        last = commitment.milestones.order_by("-number").values_list("number", flat=True).first()
        values["number"] = (last or 0) + 1
    milestone = Milestone(commitment=commitment, **values)
    _validate_milestone(milestone)
    save(milestone)
    record_create(actor=actor, obj=milestone, fields=Milestone.HISTORY_FIELDS)
    recompute_progress(commitment)
    return milestone


@transaction.atomic
def milestone_report_progress(
    *,
    actor,
    milestone: Milestone,
    date: dt.date,
    text: str,
    status: str,
    percent: int,
    links: list[dict] | None = None,
    files=(),
) -> ProgressUpdate:
    """Report on a milestone: the update, its evidence, the new status — all or nothing."""
    milestone = fresh(milestone)
    _require(actor, "plans.report_progress", milestone)
    check_uploads(files, "files")
    update = ProgressUpdate(
        milestone=milestone,
        date=date,
        text=text,
        status=status,
        percent=percent,
        links=links or [],
        author=actor,
        author_label=actor.public_name,
    )
    if date and date > timezone.localdate():
        raise ServiceError({"date": _("A progress update cannot be dated in the future.")})
    save(update)
    for upload in files:
        EvidenceFile.objects.create(
            update=update,
            file=upload,
            name=upload.name[:200],
            size=upload.size,
            content_type=upload.content_type,
        )
    record_create(actor=actor, obj=update, fields=ProgressUpdate.HISTORY_FIELDS)
    percent = 100 if status == MilestoneStatus.COMPLETED else percent
    update_recorded(
        actor=actor,
        obj=milestone,
        values={"status": status, "percent": percent},
        check=lambda m: setattr(m, "is_overdue", _is_overdue(m, timezone.localdate())),
    )
    recompute_progress(milestone.commitment)
    _queue_notifications([milestone.pk], "progress")
    return update


def _is_overdue(milestone: Milestone, today: dt.date) -> bool:
    return milestone.due_date < today and milestone.status not in CLOSED_MILESTONE_STATES


def recompute_progress(commitment: Commitment, *, with_plan: bool = True) -> None:
    """Weighted progress of the commitment (and its plan), and their overdue counts."""
    milestones = list(
        commitment.milestones.exclude(status=MilestoneStatus.CANCELLED).values_list(
            "weight", "percent", "is_overdue"
        )
    )
    total = sum(w for w, _p, _o in milestones)
    percent = round(sum(w * p for w, p, _o in milestones) / total) if total else 0
    Commitment.objects.filter(pk=commitment.pk).update(
        progress_percent=percent,
        completion=completion_level(percent),
        overdue_count=sum(1 for _w, _p, o in milestones if o),
    )
    commitment.progress_percent, commitment.completion = percent, completion_level(percent)
    if with_plan:
        recompute_plan(commitment.plan_id)


def recompute_plan(plan_id: int) -> None:
    rows = list(
        Commitment.objects.filter(plan_id=plan_id).values_list("progress_percent", "overdue_count")
    )
    percent = round(sum(p for p, _o in rows) / len(rows)) if rows else 0
    ActionPlan.objects.filter(pk=plan_id).update(
        progress_percent=percent, overdue_count=sum(o for _p, o in rows)
    )


@transaction.atomic
def milestones_mark_overdue(*, today: dt.date | None = None) -> list[int]:
    """The daily run: flag milestones that passed their due date; returns their ids."""
    today = today or timezone.localdate()
    newly = list(
        Milestone.objects.filter(is_overdue=False, due_date__lt=today)
        .exclude(status__in=CLOSED_MILESTONE_STATES)
        .select_related("commitment")
        .order_by("pk")
    )
    now = timezone.now()
    for milestone in newly:
        milestone.is_overdue, milestone.updated_at = True, now
    Milestone.objects.bulk_update(newly, ["is_overdue", "updated_at"], batch_size=1000)
    record_many(
        actor=None,
        changes=[Change(m, HistoryAction.UPDATE, {"is_overdue": [False, True]}) for m in newly],
    )
    commitments = {m.commitment_id: m.commitment for m in newly}.values()
    for commitment in commitments:
        recompute_progress(commitment, with_plan=False)
    for plan_id in {c.plan_id for c in commitments}:
        recompute_plan(plan_id)
    ids = [m.pk for m in newly]
    for start in range(0, len(ids), 500):
        _queue_notifications(ids[start : start + 500], "overdue")
    return ids


def _queue_notifications(milestone_ids: list[int], event: str) -> None:
    """Followers hear about it after the write commits, from a background task."""
    transaction.on_commit(lambda: notify_milestone_event.enqueue(milestone_ids, event))
