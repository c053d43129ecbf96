"""Reads of a user's follows: what they follow, where its page is, and what is new about it
(their unread notifications about it) — a constant number of queries for a page of follows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from openhromada.core import visibility
from openhromada.core.withholding import Active

from .models import Follow, Notification

# How many of the user's unread notifications are read to tell what is new about a follow.
UNREAD_READ = 200


@dataclass(frozen=True)
class FollowPage:
    """Where a followed kind of record is shown: its page from a loaded record, and the
    relations that reads (loaded with it in the same query)."""

    page: Callable[[Any], str]
    related: tuple[str, ...] = ()


# label → its page, for followable records the visibility rule does not know a page of (a
# council); filled by the apps above in their AppConfig.ready()
PAGES: dict[str, FollowPage] = {}


def register_page(label: str, page: Callable[[Any], str], related: tuple[str, ...] = ()) -> None:
    PAGES[label] = FollowPage(page, related)


def _page_of(label: str) -> FollowPage | None:
    if label in PAGES:
        return PAGES[label]
    spec = visibility.REGISTRY.get(label)
    return FollowPage(spec.page, spec.page_related) if spec and spec.page else None


def follows_of(user):
    """What the user follows, the latest first."""
    return (
        Follow.objects.filter(user=user)
        .select_related("content_type")
        .order_by("-created_at", "-pk")
    )


@dataclass
class Followed:
    """A follow with its record's title and page (empty when the record is no longer public)
    and the user's unread notifications about it, newest first."""

    follow: Follow
    title: str = ""
    url: str = ""
    kind: str = ""
    news: list[Notification] = field(default_factory=list)


def _without_language(path: str) -> str:
    """A page's path without its language prefix (/en/calls/1/ → /calls/1/)."""
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return path[len(code) + 1 :]
    return path


def with_news(follows, user, withheld: Active) -> list[Followed]:
    """Each follow with its record (one query per kind of record followed, public ones only)
    and what is new: the unread notifications whose page is the record's page or below it."""
    follows = list(follows)
    wanted: dict[int, set[int]] = defaultdict(set)
    for follow in follows:
        wanted[follow.content_type_id].add(follow.object_id)
    found: dict[tuple[int, int], tuple[str, str]] = {}
    types = {follow.content_type_id: follow.content_type for follow in follows}
    for type_id, ids in wanted.items():
        model = types[type_id].model_class()
        if model is None:  # a kind of record since removed
            continue
        label = model._meta.label_lower
        page = _page_of(label)
        records = model._default_manager.filter(pk__in=ids)
        if page and page.related:
            records = records.select_related(*page.related)
        if label in visibility.REGISTRY:
            records = visibility.visible(records, withheld)
        for record in records:
            url = page.page(record) if page else ""
            found[(type_id, record.pk)] = (str(withheld.redact(record)), url)
    unread = list(
        Notification.objects.filter(user=user, read_at__isnull=True).only(
            "title", "url", "created_at"
        )[:UNREAD_READ]
    )
    shown = []
    for follow in follows:
        title, url = found.get((follow.content_type_id, follow.object_id), ("", ""))
        where = _without_language(url) if url else None
        news = [n for n in unread if where and _without_language(n.url).startswith(where)]
        kind = str(types[follow.content_type_id].model_class()._meta.verbose_name)
        shown.append(Followed(follow, title, url, kind, news))
    return shown
