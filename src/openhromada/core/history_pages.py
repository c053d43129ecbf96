"""A public record's history as its pages show it: the latest few changes on the record's own
page, and the whole history, a page at a time, on one page the kernel gives every record
(`<the record's page>/history/`). What a record's history holds follows from what it declares
once: its entries' container (`history_container`: a plan, a meeting, a call… holds everything
inside it) and `RECORD.history_with` (core.records); who may read it is the one visibility rule
(core.visibility): the history page of a record answers as the record's own page does.

Each read is one query for the entries shown and one for their count, whatever the length of
the history (describing them adds a query per kind of record they refer to, never per entry)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.shortcuts import render

from . import visibility
from .history_display import describe, fold_kept_diffs
from .models import HistoryEntry
from .records import declared
from .withholding import Active, for_request

RECENT = 5  # changes shown on a record's own page
PAGE_SIZE = 50  # changes per page of the whole history


def _label(model) -> str:
    return model._meta.label_lower


def _ids_as_text(queryset: models.QuerySet) -> models.QuerySet:
    return queryset.annotate(sid=Cast("pk", CharField())).values("sid")


def _entries_of(model, queryset: models.QuerySet) -> Q:
    """The entries about the records of `queryset` (and, for records that contain others — a
    meeting its agenda, a plan its commitments — about everything inside them)."""
    record = declared(model)
    if record is not None and record.container:
        return Q(container_type=_label(model), container_id__in=queryset.values("pk"))
    return Q(object_type=_label(model), object_id__in=_ids_as_text(queryset))


def scope(obj: models.Model) -> Q:
    """Which entries make `obj`'s history: its own (with everything inside it when it contains
    others) and those of the records its `RECORD.history_with` names (a commitment's milestones,
    their reports and its amendments; a council's meetings)."""
    model, label = type(obj), _label(obj)
    record = declared(model)
    if getattr(obj, "history_container", None) == (label, obj.pk):  # it contains others
        condition = Q(container_type=label, container_id=obj.pk)
    else:
        condition = Q(object_type=label, object_id=str(obj.pk))
    for related, lookup in record.history_with if record is not None else ():
        other = apps.get_model(related)
        condition |= _entries_of(other, other._default_manager.filter(**{lookup: obj.pk}))
    return condition


def public_history(withheld: Active, *, drafts: bool = False) -> models.QuerySet:
    """History entries the public may read, newest first: nothing inside a record that is not
    public (a draft plan, an unpublished meeting, hidden content) — found with one indexed lookup
    on the entry's container — and nothing about a record inside a withheld one. Entries about a
    withheld record itself stay, its values blanked when shown (core.history_display).

    `drafts`: for an editor reading a record that is not public yet, whose history they may
    read in full (its withheld parts still left out)."""
    entries = HistoryEntry.objects.all()
    for label, spec in visibility.REGISTRY.items() if not drafts else ():
        private = visibility.not_public_by_state(label) if spec.container else None
        if private is not None:
            entries = entries.exclude(container_type=label, container_id__in=private)
    if withheld:
        for label in visibility.REGISTRY:
            inside = visibility.under_withheld(label, withheld)
            if inside is not None:
                entries = entries.exclude(object_type=label, object_id__in=_ids_as_text(inside))
    return entries


def history_of(obj: models.Model, withheld: Active, *, drafts: bool = False) -> models.QuerySet:
    """`obj`'s history as the public may read it (see `public_history`), newest first."""
    return public_history(withheld, drafts=drafts).filter(scope(obj)).order_by("-seq")


def _readable(obj: models.Model, withheld: Active, editor: bool) -> bool:
    """Whether the reader reads `obj` as one of its editors reading it before it is public
    (True), or as the public (False); 404 or the withheld notice as on the record's page."""
    visibility.require_readable(obj, withheld, editor=editor)
    return visibility.state_of(obj, withheld) == visibility.UNPUBLISHED


@dataclass
class Recent:
    """A record's latest changes for its page: the few shown, how many there are in all, and
    the page of the whole history."""

    entries: list[HistoryEntry]
    count: int
    url: str


def recent(
    obj: models.Model,
    withheld: Active,
    url: str,
    *,
    loaded: Iterable[models.Model] = (),
    size: int = RECENT,
) -> Recent:
    """`obj`'s latest `size` changes, described, and the count of all (two queries at most),
    for a page the reader may read: a record not public yet is read by one of its editors, in
    full. `url`: its whole history's page; `loaded`: records already loaded with their files."""
    drafts = visibility.state_of(obj, withheld) == visibility.UNPUBLISHED
    entries = history_of(obj, withheld, drafts=drafts)
    read = list(entries[: size + 1])  # one more: the list stays full if two fold into one
    count = len(read) if len(read) <= size else entries.count()
    shown = fold_kept_diffs(describe(read, None, withheld, loaded=loaded, about=obj))[:size]
    return Recent(shown, count, url)


def history_page(
    request,
    obj: models.Model,
    *,
    title: str,
    back: str,
    editor: bool = False,
    breadcrumbs: str = "",
    context: dict | None = None,
):
    """The page of `obj`'s whole history, newest first, `PAGE_SIZE` entries a page. It answers
    as the record's own page does: 404 for a record that is not public (unless `editor`: the
    reader may read it before it is), the withheld notice for a withheld one.

    `title`: the record's name; `back`: its page; `breadcrumbs`: a template leading to it,
    rendered with `context`."""
    withheld = for_request(request)
    drafts = _readable(obj, withheld, editor)
    page = Paginator(history_of(obj, withheld, drafts=drafts), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    entries = fold_kept_diffs(describe(list(page.object_list), None, withheld, about=obj))
    return render(
        request,
        "core/history_page.html",
        {
            **(context or {}),
            "record_title": title,
            "record_url": back,
            "breadcrumbs": breadcrumbs,
            "page": page,
            "history": entries,
            "start": page.paginator.count - page.start_index() + 1,
        },
    )
