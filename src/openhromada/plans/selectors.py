"""Reads for plan pages, each a fixed number of queries whatever the plan's size."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.accounts.selectors import hromadas_where
from openhromada.core.text import choice_labels, query_id
from openhromada.core.withholding import active
from openhromada.places.models import Hromada, Oblast
from openhromada.places.selectors import oblast_filter

from .datasets import MILESTONES
from .lifecycle import (
    CLOSED_MILESTONE_STATES,
    PUBLIC_STATES,
    REPORTING_STATES,
    MilestoneStatus,
    PlanStatus,
)
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
    oblasts = list(Oblast.objects.only("code", "slug", "name_uk", "name_en", "sort_key"))
    oblast = oblast_filter(params, oblasts, warnings)
    if oblast:
        plans = plans.filter(hromada__oblast=oblast)
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
    # the same rows in the plans dataset: its filters take the oblast's code
    download = {"oblast": oblast.code if oblast else "", "status": status}
    overdue = {"oblast": oblast.slug if oblast else "", "overdue": "true"}
    return {
        "page": page,
        "download_url": _with_query("/data/plans.csv", download),
        "overdue_url": _with_query(reverse("plans:milestones"), overdue),
        "oblasts": oblasts,
        "oblast": oblast,
        "status": status,
        "sort": sort,
        "warnings": warnings,
        "statuses": [(v, label) for v, label in PlanStatus.choices if v in PUBLIC_STATES],
    }


# --- an official's home: what is due in the plans they run ----------------------------------


def overdue_milestones_for(user, today: dt.date | None = None):
    """Milestones past their due date and neither completed nor cancelled, in the plans of the
    hromadas the user is an official of, being carried out — longest overdue first."""
    today = today or timezone.localdate()
    return (
        Milestone.objects.filter(
            due_date__lt=today,
            commitment__plan__hromada__in=hromadas_where(user),
            commitment__plan__status__in=REPORTING_STATES,
        )
        .exclude(status__in=CLOSED_MILESTONE_STATES)
        .select_related("commitment__plan__hromada")
        .order_by("due_date", "pk")
    )


# what a plan waits for, once its dates say it is time for the next move
STARTED, ENDED = "started", "ended"


def plans_awaiting_status_for(user, today: dt.date | None = None):
    """Plans of the user's hromadas whose dates call for the next move of their lifecycle: a
    submitted plan whose period has begun (start the implementation), a plan being carried out
    whose period has ended (complete it). Each carries `awaiting` (STARTED or ENDED)."""
    today = today or timezone.localdate()
    started = Q(status=PlanStatus.SUBMITTED, start_date__lte=today)
    ended = Q(status=PlanStatus.IMPLEMENTATION, end_date__lt=today)
    return (
        ActionPlan.objects.filter(started | ended, hromada__in=hromadas_where(user))
        .annotate(
            awaiting=Case(When(started, then=Value(STARTED)), default=Value(ENDED)),
        )
        .select_related("hromada")
        .order_by("end_date", "pk")
    )


def _with_query(path: str, params: dict) -> str:
    """`path` with the parameters that have a value."""
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return f"{path}?{query}" if query else path


MILESTONES_PAGE_SIZE = 50


@dataclass
class MilestoneQuery:
    """The milestones list's filters after validation (unknown values ignored, each with a
    message); page parameters use slugs as the other lists do, the dataset codes."""

    oblast: Oblast | None = None
    hromada: Hromada | None = None
    plan: ActionPlan | None = None
    status: str = ""
    overdue: bool | None = None
    warnings: list[str] = field(default_factory=list)

    def page_params(self) -> dict:
        return {
            "oblast": self.oblast.slug if self.oblast else "",
            "hromada": self.hromada.slug if self.hromada else "",
            "plan": self.plan.pk if self.plan else "",
            "status": self.status,
            "overdue": {True: "true", False: "false"}.get(self.overdue, ""),
        }

    def dataset_filters(self) -> dict:
        """The same selection as the milestones dataset's filters (API and files)."""
        return {
            "oblast": self.oblast.code if self.oblast else None,
            "hromada": self.hromada.code if self.hromada else None,
            "plan": self.plan.pk if self.plan else None,
            "status": self.status or None,
            "overdue": self.overdue,
        }


def parse_milestone_query(params, oblasts: list[Oblast], withheld) -> MilestoneQuery:
    """Turn raw GET parameters into a MilestoneQuery; never raises on bad input."""
    query = MilestoneQuery()
    _parse_places(query, params, oblasts)
    raw = (params.get("plan") or "").strip()
    if raw:
        plans = withheld.exclude(ActionPlan.objects.public()).select_related("hromada")
        query.plan = plans.filter(pk=plan_id).first() if (plan_id := query_id(raw)) else None
        if query.plan is None:
            query.warnings.append(
                _("No public action plan “%(value)s” — showing all plans.") % {"value": raw[:20]}
            )
    status = (params.get("status") or "").strip()
    if status in MilestoneStatus.values:
        query.status = status
    elif status:
        query.warnings.append(_("Unknown status “%(v)s” — ignored.") % {"v": status[:50]})
    overdue = (params.get("overdue") or "").strip()
    if overdue in ("true", "false"):
        query.overdue = overdue == "true"
    elif overdue:
        query.warnings.append(
            _("Unknown filter value “%(value)s”; ignored.") % {"value": overdue[:40]}
        )
    return query


def _parse_places(query: MilestoneQuery, params, oblasts: list[Oblast]) -> None:
    query.oblast = oblast_filter(params, oblasts, query.warnings)
    slug = (params.get("hromada") or "").strip()
    if slug:
        hromadas = Hromada.objects.only("code", "slug", "name_uk", "name_en")
        query.hromada = hromadas.filter(slug=slug[:100]).first()
        if query.hromada is None:
            query.warnings.append(
                _("Unknown hromada “%(value)s” — showing all hromadas.") % {"value": slug[:60]}
            )


def milestones_page(query: MilestoneQuery, page_number, withheld) -> dict:
    """One page of milestones, soonest due first: the milestones dataset's own rows (so the
    page, its CSV and the API never disagree), in two queries (count and page)."""
    qs = MILESTONES.filtered(MILESTONES.public_queryset(withheld), query.dataset_filters())
    page = Paginator(qs.order_by("due_date", "id"), MILESTONES_PAGE_SIZE).get_page(page_number)
    raw = list(page.object_list)
    base = reverse("places:directory")
    rows = MILESTONES.rows([dict(r) for r in raw], withheld)
    labels = choice_labels(MilestoneStatus.choices)
    for db, row in zip(raw, rows, strict=True):
        row["status_label"] = labels.get(row["status"], row["status"])
        hromada, plan = db["commitment__plan__hromada__slug"], db["commitment__plan__slug"]
        plan = f"{base}{hromada}/plans/{plan}/"
        row["plan_path"] = plan
        row["commitment_path"] = f"{plan}commitments/{db['commitment__number']}/#m{db['number']}"
    page.object_list = rows
    return {
        "page": page,
        "download_url": _with_query(
            "/data/milestones.csv",
            {k: _param(v) for k, v in query.dataset_filters().items()},
        ),
    }


def _param(value) -> str:
    """A filter value as a query string writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
