"""Reads built for participation's pages: a constant number of queries however many proposals,
comments or answers there are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core import visibility
from openhromada.core.history import history_for
from openhromada.core.text import one_line
from openhromada.core.withholding import for_request

from .lifecycle import CHOICE_KINDS, SCALE_POINTS, QuestionKind, ResponseKind
from .models import AbuseReport, Answer, Call, Comment, Consultation, ModerationEntry, Proposal

PROPOSALS_PER_PAGE = 50
COMMENTS_PER_PAGE = 50
NO_RESPONSE = "none"

SORTS = {
    "newest": ("-created_at", "-pk"),
    "supported": ("-support_count", "-pk"),
    # grouped by response, those still waiting first (oldest first: the longest waiting)
    "response": ("response", "created_at", "pk"),
}


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


def get_consultation(pk: int, drafts_for=None) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("hromada", "plan"), pk=pk)
    if not consultation.is_published and not (
        drafts_for is not None
        and drafts_for.has_perm("participation.change_consultation", consultation)
    ):
        raise Http404
    return consultation


@dataclass
class ProposalFilters:
    category: int | None = None
    response: str = ""
    sort: str = "newest"
    q: str = ""

    @classmethod
    def from_query(cls, query) -> ProposalFilters:
        """Unknown values fall back to no filter: a shared link never breaks the page."""
        try:
            category = int(query.get("category") or 0) or None
        except ValueError:
            category = None
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
    proposals = call.proposals.filter(withdrawn_at__isnull=True).select_related(
        "author", "category"
    )
    if filters.category:
        proposals = proposals.filter(category_id=filters.category)
    if filters.response == NO_RESPONSE:
        proposals = proposals.filter(response="")
    elif filters.response:
        proposals = proposals.filter(response=filters.response)
    if filters.q.strip():
        proposals = proposals.filter(title__icontains=filters.q.strip(), hidden_at__isnull=True)
    proposals = proposals.order_by(*SORTS[filters.sort])
    return Paginator(proposals, PROPOSALS_PER_PAGE).get_page(page_number)


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


def comments_page(target_filter: dict, page_number, per_page: int = COMMENTS_PER_PAGE):
    """Top-level comments, paginated, each with its replies (one level) in one more query."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    top = (
        Comment.objects.filter(parent__isnull=True, **target_filter)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    return Paginator(top, per_page).get_page(page_number)


def consultation_sections(consultation: Consultation):
    """The sections with all their comments (one level of replies) in three queries."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    top = (
        Comment.objects.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    return consultation.sections.prefetch_related(Prefetch("comments", queryset=top, to_attr="top"))


def report_comments(consultation: Consultation):
    """Every comment of the consultation with its outcome, section by section."""
    return (
        Comment.objects.filter(section__consultation=consultation)
        .select_related("author", "section")
        .order_by("section__number", "created_at", "pk")
    )


@dataclass
class Result:
    question: object
    rows: list  # (label, count, percent)
    total: int
    average: float | None = None
    texts: list | None = None


def survey_results(consultation: Consultation, text_limit: int = 50) -> list[Result]:
    """Counts per option (or per scale point) and the free-text answers, in two queries."""
    questions = list(consultation.questions.all())
    answers = defaultdict(list)
    for question_id, choices, value, text in Answer.objects.filter(
        question__consultation=consultation
    ).values_list("question_id", "choices", "value", "text"):
        answers[question_id].append((choices, value, text))
    results = []
    for question in questions:
        given = answers[question.pk]
        total = len(given)
        if question.kind in CHOICE_KINDS:
            counts = Counter(choice for choices, _v, _t in given for choice in choices)
            labels = question.options
        elif question.kind == QuestionKind.SCALE:
            counts = Counter(value for _c, value, _t in given)
            labels = list(SCALE_POINTS)
        else:
            texts = [text for _c, _v, text in given if text][:text_limit]
            results.append(Result(question, [], total, texts=texts))
            continue
        rows = [
            (label, counts.get(label, 0), round(100 * counts.get(label, 0) / total) if total else 0)
            for label in labels
        ]
        average = None
        if question.kind == QuestionKind.SCALE and total:
            average = round(sum(v for _c, v, _t in given) / total, 2)
        results.append(Result(question, rows, total, average))
    return results


def commitment_proposals(commitment):
    """Proposals that became (part of) a commitment, for its page."""
    return (
        Proposal.objects.filter(commitments=commitment, hidden_at__isnull=True)
        .select_related("call", "author")
        .order_by("call_id", "number")
    )


def moderation_log(hromada=None):
    entries = ModerationEntry.objects.select_related("hromada", "proposal", "comment", "moderator")
    if hromada is not None:
        entries = entries.filter(hromada=hromada)
    return entries


def open_reports(user):
    """Open abuse reports a moderator may act on: all for operators, their hromadas' for
    officials."""

    reports = AbuseReport.objects.filter(resolved_at__isnull=True).select_related(
        "proposal", "comment", "hromada", "reporter"
    )
    if user.has_perm("participation.block_everywhere"):
        return reports
    hromadas = user.roles.filter(role=Role.OFFICIAL).values("hromada_id")
    return reports.filter(hromada_id__in=hromadas)


def hromada_activity(hromada, withheld):
    """The hromada's public calls and published consultations, newest first, with counts."""
    calls = visibility.visible(hromada.calls.select_related("plan"), withheld).annotate(
        n=Count("proposals", filter=Q(proposals__withdrawn_at__isnull=True))
    )
    consultations = hromada.consultations.filter(published_at__isnull=False).annotate(
        n=Count("sections__comments")
    )
    return list(calls), list(consultations)


def proposal_history(proposal: Proposal):

    return history_for(proposal).order_by("-seq")


def open_now(withheld):
    """Public calls and consultations open now, closing soonest first (two queries)."""

    now = timezone.now()
    window = Q(opens_at__lte=now, closes_at__gt=now, closed_at__isnull=True)
    calls = (
        visibility.visible(Call.objects.filter(window), withheld)
        .select_related("hromada", "plan")
        .annotate(n=Count("proposals", filter=Q(proposals__withdrawn_at__isnull=True)))
        .order_by("closes_at", "pk")
    )
    consultations = (
        Consultation.objects.filter(window, published_at__isnull=False)
        .select_related("hromada")
        .order_by("closes_at", "pk")
    )
    return list(calls), list(consultations)


def recently_closed(withheld, limit: int = 20):
    """Public calls and consultations that have ended, newest first, with their reports'
    state."""

    now = timezone.now()
    ended = Q(closed_at__isnull=False) | Q(closes_at__lte=now)
    calls = (
        visibility.visible(Call.objects.filter(ended), withheld)
        .select_related("hromada")
        .order_by("-closes_at", "-pk")
    )
    consultations = (
        Consultation.objects.filter(ended, published_at__isnull=False)
        .select_related("hromada")
        .order_by("-closes_at", "-pk")
    )
    return list(calls[:limit]), list(consultations[:limit])
