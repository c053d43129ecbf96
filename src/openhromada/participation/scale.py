"""Synthetic co-creation for benchmarks: a call for proposals on the latest synthetic plan of
every OGP Local hromada (20–150 proposals each), and one big call of `big_call` proposals with
ten times as many comments, one proposal of which carries 500 comments. Deterministic for a
seed, marked synthetic, written in bulk; one history entry per call."""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openhromada.core.history import Change, record_many
from openhromada.core.models import HistoryAction
from openhromada.plans.models import ActionPlan

from .lifecycle import ResponseKind
from .models import Call, Category, Comment, Proposal, Support

CATEGORIES = ["Доступ до інформації", "Громадська участь", "Публічна підзвітність", "Технології"]
RESPONSES = [
    ("", 3),
    (ResponseKind.ACCEPTED, 2),
    (ResponseKind.PARTLY, 2),
    (ResponseKind.REJECTED, 2),
    (ResponseKind.MERGED, 1),
]
WORDS = [
    "відкриті",
    "дані",
    "бюджет",
    "участь",
    "школа",
    "дорога",
    "ЦНАП",
    "укриття",
    "парк",
    "транспорт",
    "звіт",
]
HOT_PROPOSAL_COMMENTS = 500


def _text(rng, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _call(plan) -> Call:
    opens = timezone.make_aware(dt.datetime(plan.start_date.year - 1, 9, 1))
    call = Call.objects.create(
        plan=plan,
        hromada_id=plan.hromada_id,
        title=f"Збір пропозицій до плану {plan.slug} (синтетичний)",
        description="Синтетичні дані для вимірювань.",
        opens_at=opens,
        closes_at=opens + dt.timedelta(days=60),
        closed_at=opens + dt.timedelta(days=60),
        category_names=CATEGORIES,
        origin="synthetic",
    )
    Category.objects.bulk_create(
        [Category(call=call, name=name, position=i) for i, name in enumerate(CATEGORIES)]
    )
    return call


def _proposals(rng, call, count, authors, commitment_ids) -> list[Proposal]:
    categories = list(call.categories.all())
    kinds, weights = zip(*RESPONSES, strict=True)
    proposals = []
    for n in range(1, count + 1):
        created = call.opens_at + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 59))
        response = rng.choices(kinds, weights)[0]
        if response == ResponseKind.MERGED and n == 1:
            response = ResponseKind.REJECTED
        accepted = response in (ResponseKind.ACCEPTED, ResponseKind.PARTLY) and commitment_ids
        proposals.append(
            Proposal(
                call=call,
                number=n,
                author_id=rng.choice(authors),
                title=f"Пропозиція {n}: {_text(rng, 3)}",
                problem=_text(rng, 20),
                solution=_text(rng, 25),
                category=rng.choice(categories),
                created_at=created,
                response=response,
                response_reason=_text(rng, 12) if response else "",
                responded_at=created + dt.timedelta(days=rng.randint(3, 40)) if response else None,
                commitment_ids=[rng.choice(commitment_ids)] if accepted else [],
                origin="synthetic",
            )
        )
    Proposal.objects.bulk_create(proposals, batch_size=1000)
    proposals = list(call.proposals.order_by("number"))
    for p in proposals:
        if p.response == ResponseKind.MERGED:
            p.merged_into_id = proposals[rng.randrange(p.number - 1)].pk
    Proposal.objects.bulk_update(proposals, ["merged_into"], batch_size=1000)
    links = Proposal.commitments.through
    links.objects.bulk_create(
        [links(proposal_id=p.pk, commitment_id=c) for p in proposals for c in p.commitment_ids],
        batch_size=2000,
    )
    return proposals


def _supports_and_comments(rng, proposals, people, comments_total, hot) -> tuple[int, int]:
    supports, comments = [], []
    per_proposal = [0] * len(proposals)
    for _i in range(comments_total - (HOT_PROPOSAL_COMMENTS if hot else 0)):
        per_proposal[rng.randrange(len(proposals))] += 1
    if hot:
        per_proposal[0] += HOT_PROPOSAL_COMMENTS
    for proposal, n_comments in zip(proposals, per_proposal, strict=True):
        backers = rng.sample(people, min(len(people), int(rng.paretovariate(1.2)) - 1))
        supports += [Support(proposal=proposal, user_id=u) for u in backers]
        proposal.support_count = len(backers)
        proposal.comment_count = n_comments
        for c in range(n_comments):
            comments.append(
                Comment(
                    proposal=proposal,
                    author_id=rng.choice(people),
                    text=_text(rng, rng.randint(5, 40)),
                    created_at=proposal.created_at + dt.timedelta(minutes=10 * (c + 1)),
                    origin="synthetic",
                )
            )
    Support.objects.bulk_create(supports, batch_size=5000, ignore_conflicts=True)
    Comment.objects.bulk_create(comments, batch_size=5000)
    Proposal.objects.bulk_update(proposals, ["support_count", "comment_count"], batch_size=1000)
    _replies(rng, proposals)
    return len(supports), len(comments)


def _replies(rng, proposals) -> None:
    """Every fourth comment becomes a reply to the comment before it (one level deep)."""
    changed = []
    for proposal_id in [p.pk for p in proposals]:
        thread = list(
            Comment.objects.filter(proposal_id=proposal_id).order_by("pk").only("pk", "parent")
        )
        for index in range(1, len(thread), 4):
            thread[index].parent_id = thread[index - 1].pk
            changed.append(thread[index])
    Comment.objects.bulk_update(changed, ["parent"], batch_size=5000)


def generate(*, seed: int, big_call: int = 2000, progress=None) -> dict:
    """A synthetic call on the latest synthetic plan of each OGP Local hromada without one."""
    rng = random.Random(seed * 15485863)
    done = Call.objects.filter(origin="synthetic").values("hromada_id")
    plans = (
        ActionPlan.objects.filter(origin="synthetic", hromada__ogp_member_since__isnull=False)
        .exclude(hromada_id__in=done)
        .order_by("hromada__code", "-start_date")
    )
    latest = {}
    for plan in plans:
        latest.setdefault(plan.hromada_id, plan)
    people = list(
        get_user_model()
        .objects.filter(data_origin="synthetic", email__contains=".resident")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    totals = {"calls": 0, "proposals": 0, "supports": 0, "comments": 0}
    if not people:
        return totals
    first_run = not Call.objects.filter(origin="synthetic").exists()  # one big call, ever
    for index, plan in enumerate(latest.values(), start=1):
        big = first_run and index == 1 and big_call > 0
        count = big_call if big else rng.randint(20, 150)
        with transaction.atomic():
            call = _call(plan)
            commitment_ids = list(plan.commitments.values_list("pk", flat=True))
            proposals = _proposals(rng, call, count, people, commitment_ids)
            comments_total = count * 10 if big else count * rng.randint(2, 8)
            supports, comments = _supports_and_comments(rng, proposals, people, comments_total, big)
            record_many(
                actor=None,
                changes=[Change(call, HistoryAction.CREATE, {"title": [None, call.title]})],
            )
        for key, n in (("calls", 1), ("proposals", count), ("supports", supports)):
            totals[key] += n
        totals["comments"] += comments
        if progress and (index % 20 == 0 or index == len(latest)):
            progress("calls for proposals", index, len(latest))
    return totals
