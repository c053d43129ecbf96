"""Reads for plan pages, each a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.withholding import active
from openhromada.places.models import Hromada, Oblast

from .lifecycle import PUBLIC_STATES, MilestoneStatus, PlanStatus
from .models import ActionPlan, Commitment, Milestone, ProgressUpdate

OVERVIEW_PAGE_SIZE = 50
# Each order has an index on ActionPlan (ties broken by id), so a page is an index walk.
OVERVIEW_SORTS = {
    "hromada": ("hromada__sort_key", "start_date"),
    "period": ("-start_date", "-id"),
    "progress": ("-progress_percent", "-id"),
    "overdue": ("-overdue_count", "-id"),
    "status": ("status", "-id"),
}


def visible_plans(user, hromada: Hromada):
    """A hromada's plans: public ones for everyone, drafts too for its officials and staff."""
    plans = ActionPlan.objects.filter(hromada=hromada).order_by("-start_date")
    if user.has_perm("plans.add_actionplan", hromada) or user.has_perm("core.access_admin"):
        return plans
    return plans.public()


def get_plan(hromada_slug: str, plan_slug: str) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.select_related("hromada__oblast"),
        hromada__slug=hromada_slug,
        slug=plan_slug,
    )


@dataclass
class CommitmentFilter:
    value: str = ""
    completion: str = ""
    lead_body: str = ""
    warnings: list[str] | None = None


def parse_commitment_filter(params) -> CommitmentFilter:
    result = CommitmentFilter(warnings=[])
    value = (params.get("value") or "").strip()
    if value in Commitment.VALUE_FIELDS:
        result.value = value
    elif value:
        result.warnings.append(_("Unknown OGP value “%(v)s” — ignored.") % {"v": value[:50]})
    completion = (params.get("completion") or "").strip()
    if completion in dict(Commitment._meta.get_field("completion").choices):
        result.completion = completion
    elif completion:
        result.warnings.append(_("Unknown status “%(v)s” — ignored.") % {"v": completion[:50]})
    result.lead_body = (params.get("lead_body") or "").strip()[:300]
    return result


def plan_page(plan: ActionPlan, flt: CommitmentFilter, withheld) -> dict:
    """Everything the plan page shows, in three queries (commitments, milestones, actors);
    withheld commitments and milestones are left out."""
    milestones = Milestone.objects.order_by("due_date", "number")
    commitments = withheld.published(
        plan.commitments.prefetch_related(
            Prefetch("milestones", queryset=milestones), "supporting_actors"
        ),
        "milestones",
    )
    lead_bodies = sorted({c.lead_body for c in commitments})
    by_completion = Counter(c.completion for c in commitments)
    shown = [
        c
        for c in commitments
        if (not flt.value or getattr(c, Commitment.VALUE_FIELDS[flt.value]))
        and (not flt.completion or c.completion == flt.completion)
        and (not flt.lead_body or c.lead_body == flt.lead_body)
    ]
    if flt.lead_body and flt.lead_body not in lead_bodies:
        flt.warnings.append(_("No commitment is led by “%(v)s”.") % {"v": flt.lead_body[:60]})
    today = timezone.localdate()
    timeline = sorted(
        (m for c in commitments for m in c.milestones.all()),
        key=lambda m: (m.due_date, m.commitment_id, m.number),
    )
    milestone_counts = Counter(m.status for m in timeline)
    return {
        "commitments": shown,
        "all_count": len(commitments),
        "lead_bodies": lead_bodies,
        "by_completion": [
            (value, label, by_completion.get(value, 0))
            for value, label in Commitment._meta.get_field("completion").choices
        ],
        "milestone_counts": [
            (value, label, milestone_counts.get(value, 0))
            for value, label in MilestoneStatus.choices
        ],
        "timeline": timeline,
        "today": today,
        # where the "today" marker goes in the timeline: before the first milestone due later
        "today_index": next(
            (i for i, m in enumerate(timeline) if m.due_date > today), len(timeline)
        ),
    }


def get_commitment(plan: ActionPlan, number: int) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related("plan__hromada__oblast").prefetch_related(
            "supporting_actors",
            Prefetch(
                "milestones",
                queryset=Milestone.objects.order_by("number").prefetch_related(
                    Prefetch("updates", queryset=ProgressUpdate.objects.prefetch_related("files"))
                ),
            ),
            "amendments",
        ),
        plan=plan,
        number=number,
    )


def overview(params) -> dict:
    """All public plans across hromadas; sortable, filterable by oblast and status."""
    warnings = []
    plans = active().exclude(
        ActionPlan.objects.public()
        .select_related("hromada__oblast")
        .only(
            "slug",
            "title",
            "start_date",
            "end_date",
            "status",
            "progress_percent",
            "overdue_count",
            "origin",
            "hromada__slug",
            "hromada__name_uk",
            "hromada__name_en",
            "hromada__oblast__name_uk",
            "hromada__oblast__name_en",
        )
    )
    oblasts = list(Oblast.objects.only("slug", "name_uk", "name_en", "sort_key"))
    oblast_slug = (params.get("oblast") or "").strip()
    oblast = next((o for o in oblasts if o.slug == oblast_slug), None)
    if oblast:
        plans = plans.filter(hromada__oblast=oblast)
    elif oblast_slug:
        warnings.append(
            _("Unknown oblast “%(value)s” — showing all oblasts.") % {"value": oblast_slug[:60]}
        )
    status = (params.get("status") or "").strip()
    if status in PUBLIC_STATES:
        plans = plans.filter(status=status)
    elif status:
        warnings.append(_("Unknown status “%(v)s” — ignored.") % {"v": status[:50]})
        status = ""
    sort = params.get("sort") or "hromada"
    if sort not in OVERVIEW_SORTS:
        warnings.append(_("Unknown sort order “%(v)s” — sorted by hromada.") % {"v": sort[:50]})
        sort = "hromada"
    plans = plans.order_by(*OVERVIEW_SORTS[sort])
    page = Paginator(plans, OVERVIEW_PAGE_SIZE).get_page(params.get("page"))
    return {
        "page": page,
        "oblasts": oblasts,
        "oblast": oblast,
        "status": status,
        "sort": sort,
        "warnings": warnings,
        "statuses": [(v, label) for v, label in PlanStatus.choices if v in PUBLIC_STATES],
    }
