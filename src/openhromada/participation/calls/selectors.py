"""Reads built for calls' and proposals' pages: a constant number of queries however many
proposals there are."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Max, Q, Sum
from django.shortcuts import get_object_or_404

from openhromada.accounts.selectors import hromadas_where
from openhromada.core import visibility
from openhromada.core.text import one_line, query_id
from openhromada.core.withholding import for_request
from openhromada.plans.lifecycle import PlanStatus
from openhromada.plans.models import ActionPlan

from ..lifecycle import ResponseKind
from ..models import Call, Proposal
from ..windows import ended_filter, open_filter

PROPOSALS_PER_PAGE = 50
NO_RESPONSE = "none"

SORTS = {
    "newest": ("-created_at", "-pk"),
    "supported": ("-support_count", "-pk"),
    # grouped by response, those still waiting first (oldest first: the longest waiting)
    "response": ("response", "created_at", "pk"),
}
# a call's proposals that count: a withdrawn one keeps its number but leaves the totals
SUBMITTED = Q(proposals__withdrawn_at__isnull=True)


def require_readable_call(request, call: Call) -> None:
    """A call lives in its plan: 404 while the plan is a draft (its editors aside), the withheld
    notice while it is withheld."""
    editor = request.user.has_perm("participation.change_call", call)
    visibility.require_readable(call, for_request(request), editor=editor)


def get_call(request, pk: int) -> Call:
    """The call, as far as the reader may see it."""
    call = get_object_or_404(Call.objects.select_related("hromada", "plan"), pk=pk)
    require_readable_call(request, call)
    return call


def get_proposal(request, pk: int) -> Proposal:
    """The proposal, as far as the reader may see its call (hidden ones show their notice)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "call__hromada", "call__plan", "author", "category", "merged_into"
        ),
        pk=pk,
    )
    require_readable_call(request, proposal.call)
    return proposal


@dataclass
class ProposalFilters:
    category: int | None = None
    response: str = ""
    sort: str = "newest"
    q: str = ""

    @classmethod
    def from_query(cls, query) -> ProposalFilters:
        """Unknown values fall back to no filter: a shared link never breaks the page."""
        category = query_id(query.get("category"))
        response = query.get("response", "")
        if response not in (*ResponseKind.values, NO_RESPONSE):
            response = ""
        sort = query.get("sort", "newest")
        return cls(
            category,
            response,
            sort if sort in SORTS else "newest",
            one_line(query.get("q", ""))[:100],  # no control characters (PostgreSQL: NUL)
        )


def proposals_page(call: Call, filters: ProposalFilters, page_number):
    proposals = listed_proposals(call, filters).select_related("author", "category")
    proposals = proposals.order_by(*SORTS[filters.sort])
    return Paginator(proposals, PROPOSALS_PER_PAGE).get_page(page_number)


def listed_proposals(call: Call, filters: ProposalFilters):
    """The proposals the call's page lists for these filters (its page and its CSV)."""
    proposals = call.proposals.filter(withdrawn_at__isnull=True)
    if filters.category:
        proposals = proposals.filter(category_id=filters.category)
    if filters.response == NO_RESPONSE:
        proposals = proposals.filter(response="")
    elif filters.response:
        proposals = proposals.filter(response=filters.response)
    if filters.q.strip():
        proposals = proposals.filter(title__icontains=filters.q.strip(), hidden_at__isnull=True)
    return proposals


def supported_ids(user, proposals) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.supports.filter(proposal__in=[p.pk for p in proposals]).values_list(
            "proposal_id", flat=True
        )
    )


def call_counts(call: Call) -> dict:
    """Totals for the call page and its report."""
    totals = call.proposals.filter(withdrawn_at__isnull=True).aggregate(
        proposals=Count("pk"),
        answered=Count("pk", filter=~Q(response="")),
        supports=Sum("support_count"),
        comments=Sum("comment_count"),
    )
    return {k: v or 0 for k, v in totals.items()}


def call_report(call: Call) -> dict:
    """The call's report: received, supports, comments, response rate and time, unanswered."""
    proposals = call.proposals.filter(withdrawn_at__isnull=True)
    totals = call_counts(call)
    withdrawn = call.proposals.filter(withdrawn_at__isnull=False).count()
    by_response = dict(
        proposals.exclude(response="")
        .values_list("response")
        .annotate(n=Count("pk"))
        .values_list("response", "n")
    )
    waits = [
        (responded - created).total_seconds() / 86400
        for created, responded in proposals.exclude(responded_at=None).values_list(
            "created_at", "responded_at"
        )
    ]
    waits.sort()
    median = waits[len(waits) // 2] if waits else None
    return {
        **totals,
        "withdrawn": withdrawn,
        "rate": round(100 * totals["answered"] / totals["proposals"]) if totals["proposals"] else 0,
        "by_response": [(kind.label, by_response.get(kind.value, 0)) for kind in ResponseKind],
        "median_days": None if median is None else round(median, 1),
        "max_days": round(waits[-1], 1) if waits else None,
        # rows, not instances: the list can hold every proposal of a big call
        "unanswered": proposals.filter(response="")
        .order_by("created_at", "pk")
        .values_list("pk", "number", "title", "created_at", "hidden_at"),
    }


def commitment_proposals(commitment):
    """Proposals that became (part of) a commitment, for its page."""
    return (
        Proposal.objects.filter(commitments=commitment, hidden_at__isnull=True)
        .select_related("call", "author")
        .order_by("call_id", "number")
    )


def hromada_calls(hromada, withheld) -> list[Call]:
    """The hromada's public calls, newest first, each with its count of proposals."""
    calls = visibility.visible(hromada.calls.select_related("plan"), withheld)
    return list(calls.annotate(n=Count("proposals", filter=SUBMITTED)))


def open_calls(withheld, now, limit: int | None = None) -> list[Call]:
    """Public calls open at `now`, closing soonest first, each with its count of proposals
    (the first `limit` of them, when given)."""
    calls = (
        visibility.visible(Call.objects.filter(open_filter(now)), withheld)
        .select_related("hromada", "plan")
        .annotate(n=Count("proposals", filter=SUBMITTED))
        .order_by("closes_at", "pk")
    )
    return list(calls[:limit] if limit else calls)


def ended_calls(withheld, now, limit: int) -> list[Call]:
    """Public calls that have ended by `now`, newest first."""
    return list(
        visibility.visible(Call.objects.filter(ended_filter(now)), withheld)
        .select_related("hromada")
        .order_by("-closes_at", "-pk")[:limit]
    )


# --- the role homes: what waits for an official, what a resident put in ----------------------


def proposals_awaiting_response_for(user):
    """Proposals in the calls of the hromadas the user is an official of that still wait for
    the hromada's response (not withdrawn, not hidden) — the longest waiting first."""
    return (
        Proposal.objects.filter(
            call__hromada__in=hromadas_where(user),
            response="",
            withdrawn_at__isnull=True,
            hidden_at__isnull=True,
        )
        .select_related("call__hromada")
        .order_by("created_at", "pk")
    )


def plans_with_calls_closed_for(user, now):
    """Plans of the user's hromadas still in co-creation though every call for proposals on
    them has ended: time to submit the plan (or to open another call)."""
    return (
        ActionPlan.objects.filter(
            status=PlanStatus.CO_CREATION, hromada__in=hromadas_where(user), calls__isnull=False
        )
        .exclude(calls__in=Call.objects.exclude(ended_filter(now)))
        .annotate(last_closed=Max("calls__closes_at"))
        .select_related("hromada")
        .order_by("last_closed", "pk")
    )


def proposals_by(user):
    """The user's own proposals, newest first, with their call and hromada."""
    return (
        Proposal.objects.filter(author=user)
        .select_related("call__hromada")
        .order_by("-created_at", "-pk")
    )


def supported_by(user, withheld):
    """Public proposals the user supports, the latest support first."""
    proposals = visibility.visible(Proposal.objects.filter(supports__user=user), withheld)
    return (
        proposals.select_related("call__hromada")
        .annotate(supported_at=Max("supports__created_at"))
        .order_by("-supported_at", "-pk")
    )
