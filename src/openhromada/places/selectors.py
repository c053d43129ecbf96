"""Reads for place pages, each with a fixed number of queries whatever the data size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from openhromada.core.text import fold, one_line

from .models import Hromada, Oblast

PAGE_SIZE = 50
MAX_QUERY_LENGTH = 100
HOME_MEMBERS = 12  # the longest-standing members; the directory lists them all


@dataclass
class DirectoryQuery:
    """The directory's filters after validation, with a message for each value that was ignored."""

    oblast: Oblast | None = None
    kind: str = ""
    member: str = ""  # "yes", "no" or ""
    q: str = ""
    occupied: str = ""  # "hide" hides temporarily occupied territory
    page: str = "1"
    warnings: list[str] = field(default_factory=list)


def oblast_filter(params, oblasts: list[Oblast], warnings: list[str]) -> Oblast | None:
    """The oblast a list's `?oblast=` names, or None (an unknown one is ignored with a warning)."""
    slug = (params.get("oblast") or "").strip()
    if not slug:
        return None
    oblast = next((o for o in oblasts if o.slug == slug), None)
    if oblast is None:
        warnings.append(
            _("Unknown oblast “%(value)s” — showing all oblasts.") % {"value": slug[:60]}
        )
    return oblast


def parse_directory_query(params, oblasts: list[Oblast]) -> DirectoryQuery:
    """Turn raw GET parameters into a DirectoryQuery; never raises on bad input."""
    query = DirectoryQuery(page=str(params.get("page", "1"))[:10])
    query.oblast = oblast_filter(params, oblasts, query.warnings)
    kind = (params.get("kind") or "").strip()
    if kind in Hromada.Kind.values:
        query.kind = kind
    elif kind:
        query.warnings.append(
            _("Unknown kind “%(value)s” — showing all kinds.") % {"value": kind[:60]}
        )
    member = (params.get("member") or "").strip()
    if member in ("yes", "no"):
        query.member = member
    elif member:
        query.warnings.append(
            _("Unknown membership filter “%(value)s” — ignored.") % {"value": member[:60]}
        )
    q = one_line(params.get("q") or "")  # no control characters: PostgreSQL refuses NUL
    if len(q) > MAX_QUERY_LENGTH:
        query.warnings.append(
            _(
                "The search text is longer than %(max)d characters; "
                "only the first %(max)d were used."
            )
            % {"max": MAX_QUERY_LENGTH}
        )
        q = q[:MAX_QUERY_LENGTH]
    query.q = q
    if params.get("occupied") == "hide":
        query.occupied = "hide"
    return query


def directory_page(query: DirectoryQuery) -> Page:
    """One page of the directory: two queries (count and page), whatever the filters."""
    qs = directory_filtered(Hromada.objects.for_directory(), query)
    order = "name_en" if translation.get_language() == "en" else "sort_key"
    qs = qs.order_by(order, "code")
    return Paginator(qs, PAGE_SIZE).get_page(query.page)


def directory_filtered(qs: QuerySet, query: DirectoryQuery) -> QuerySet:
    """Hromadas (any queryset of them, e.g. the dataset's rows) as the directory filters them."""
    if query.oblast:
        qs = qs.filter(oblast=query.oblast)
    if query.kind:
        qs = qs.filter(kind=query.kind)
    if query.member == "yes":
        qs = qs.filter(ogp_member_since__isnull=False, ogp_member_until__isnull=True)
    elif query.member == "no":
        qs = qs.filter(Q(ogp_member_since__isnull=True) | Q(ogp_member_until__isnull=False))
    if query.q:
        for word in fold(query.q).split()[:8]:
            qs = qs.filter(search_text__contains=word)
    if query.occupied == "hide":
        qs = qs.filter(temporarily_occupied=False)
    return qs


@dataclass(frozen=True)
class HromadaRow:
    """What a list shows of one hromada, computed once in Python (faster than template lookups)."""

    name: str
    url: str
    oblast: str
    kind: str
    member: bool
    origin: str  # "demo" or "synthetic" membership is labelled; "" for real data
    occupied: bool
    since_year: int | None


def hromada_rows(hromadas) -> list[HromadaRow]:
    """Rows from `Hromada.objects.for_directory()` dicts; one URL reversal for the whole list."""

    base = reverse("places:directory")
    kinds = {value: str(label).capitalize() for value, label in Hromada.Kind.choices}
    suffix = "_en" if translation.get_language() == "en" else "_uk"
    rows = []
    for h in hromadas:
        since, origin = h["ogp_member_since"], h["membership_origin"]
        rows.append(
            HromadaRow(
                name=h["name" + suffix],
                url=f"{base}{h['slug']}/",
                oblast=h["oblast__name" + suffix],
                kind=kinds.get(h["kind"], h["kind"]),
                member=since is not None and h["ogp_member_until"] is None,
                origin="" if origin == "real" or since is None else origin,
                occupied=h["temporarily_occupied"],
                since_year=since.year if since else None,
            )
        )
    return rows


def home_summary() -> dict:
    """Figures for the home page in one query, and the OGP Local members in another."""
    totals = Hromada.objects.aggregate(
        hromadas=Count("pk", filter=Q(category=Hromada.Category.HROMADA)),
        free=Count("pk", filter=Q(category=Hromada.Category.HROMADA, temporarily_occupied=False)),
        members=Count(
            "pk", filter=Q(ogp_member_since__isnull=False, ogp_member_until__isnull=True)
        ),
    )
    members = list(
        Hromada.objects.for_directory()
        .members()
        .filter(ogp_member_until__isnull=True)
        .order_by("ogp_member_since", "sort_key")[:HOME_MEMBERS]
    )
    return {"totals": totals, "members": hromada_rows(members)}
