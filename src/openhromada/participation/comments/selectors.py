"""Reads of comment threads: top-level comments, each with its replies (one level deep), in a
constant number of queries however long the thread."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q

from openhromada.core import visibility

from ..models import Comment, Consultation, Proposal

COMMENTS_PER_PAGE = 50


def threads(**target_filter):
    """Top-level comments (on the target, when given), oldest first, with their replies
    prefetched (one more query)."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    return (
        Comment.objects.filter(parent__isnull=True, **target_filter)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )


def comments_page(target_filter: dict, page_number, per_page: int = COMMENTS_PER_PAGE):
    """Top-level comments, paginated, each with its replies (one level) in one more query."""
    return Paginator(threads(**target_filter), per_page).get_page(page_number)


def comments_by(user, withheld):
    """The user's own comments, newest first, with what each is on (a proposal, or a
    consultation's section) and its outcome; `on_public` says whether what it is on may be read
    now (a proposal whose plan went back to draft, or a withheld one, is not named then)."""
    proposals = visibility.visible(Proposal.objects.all(), withheld)
    consultations = visibility.visible(Consultation.objects.all(), withheld)
    on_public = Q(proposal__in=proposals) | Q(section__consultation__in=consultations)
    return (
        Comment.objects.filter(author=user)
        .annotate(on_public=ExpressionWrapper(on_public, output_field=BooleanField()))
        .select_related("proposal", "section__consultation")
        .order_by("-created_at", "-pk")
    )
