"""Reads built for consultations' pages: the draft's sections with their comment threads, the
survey's results and the report, in a constant number of queries however many comments or
answers there are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from openhromada.accounts.selectors import hromadas_where

from ..comments.selectors import threads
from ..lifecycle import CHOICE_KINDS, SCALE_POINTS, QuestionKind
from ..models import Answer, Comment, Consultation
from ..windows import ended_filter, open_filter


def get_consultation(pk: int, drafts_for=None) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("hromada", "plan"), pk=pk)
    if not consultation.is_published and not (
        drafts_for is not None
        and drafts_for.has_perm("participation.change_consultation", consultation)
    ):
        raise Http404
    return consultation


def consultation_sections(consultation: Consultation):
    """The sections with all their comments (one level of replies) in three queries."""
    return consultation.sections.prefetch_related(
        Prefetch("comments", queryset=threads(), to_attr="top")
    )


def report_comments(consultation: Consultation):
    """Every comment of the consultation with its outcome, section by section."""
    return (
        Comment.objects.filter(section__consultation=consultation)
        .select_related("author", "section")
        .order_by("section__number", "created_at", "pk")
    )


def comments_without_outcome(consultation: Consultation):
    return Comment.objects.filter(
        section__consultation=consultation, hidden_at__isnull=True, outcome=""
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


def hromada_consultations(hromada) -> list[Consultation]:
    """The hromada's published consultations, newest first, each with its count of comments."""
    return list(
        hromada.consultations.filter(published_at__isnull=False).annotate(
            n=Count("sections__comments")
        )
    )


def open_consultations(now, limit: int | None = None) -> list[Consultation]:
    """Published consultations open at `now`, closing soonest first (the first `limit` of
    them, when given)."""
    consultations = (
        Consultation.objects.filter(open_filter(now), published_at__isnull=False)
        .select_related("hromada")
        .order_by("closes_at", "pk")
    )
    return list(consultations[:limit] if limit else consultations)


def ended_consultations(now, limit: int) -> list[Consultation]:
    """Published consultations that have ended by `now`, newest first."""
    return list(
        Consultation.objects.filter(ended_filter(now), published_at__isnull=False)
        .select_related("hromada")
        .order_by("-closes_at", "-pk")[:limit]
    )


# --- an official's home: consultations and comments waiting for them ------------------------


def comments_awaiting_outcome_for(user):
    """Comments on the published consultations of the user's hromadas (as an official) that
    have no outcome yet, while the summary report is not out — the oldest first."""
    return (
        Comment.objects.filter(
            section__consultation__hromada__in=hromadas_where(user),
            section__consultation__published_at__isnull=False,
            section__consultation__report_published_at__isnull=True,
            hidden_at__isnull=True,
            outcome="",
        )
        .select_related("section__consultation__hromada")
        .order_by("created_at", "pk")
    )


def consultations_awaiting_report_for(user, now):
    """Published consultations of the user's hromadas whose comment period has ended without a
    summary report, each with how many comments still lack an outcome — the longest waiting
    first."""
    return (
        Consultation.objects.filter(
            ended_filter(now),
            hromada__in=hromadas_where(user),
            published_at__isnull=False,
            report_published_at__isnull=True,
        )
        .annotate(
            without_outcome=Count(
                "sections__comments",
                filter=Q(sections__comments__outcome="", sections__comments__hidden_at=None),
            )
        )
        .select_related("hromada")
        .order_by("closes_at", "pk")
    )
