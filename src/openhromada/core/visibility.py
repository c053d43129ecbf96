"""One visibility rule: may the public see this record?

A record is public when its own publication state says so (a plan that is not a draft, a
proposal not hidden by a moderator, a consultation that is published…), it is not withheld, and
every record it lives in (its parents: a call's plan, a proposal's call, a comment's proposal or
section) is public too. Apps declare this once per model (`register` in `AppConfig.ready()`);
pages, sections, the history, the API, files and feeds ask the same questions here:

- `visible(queryset, withheld)` — the public rows of a queryset (one SQL condition);
- `is_visible(obj, withheld)` — one loaded record (no query when its parents are loaded);
- `ref(obj)` / `References` — a history value that refers to another record stores its id, never
  a copy of its text, and is shown through that record's visibility when it is read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.http import Http404
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:  # withholding writes history, which stores references made here
    from .withholding import Active

NOT_PUBLIC_TEXT = _("not public")

# Sent after commit whenever what is public changes other than by a new history entry (withheld
# or published again, hidden or restored by a moderator, a plan moved back to draft): outputs
# built ahead of time (the bulk ZIP) listen and drop what they built, so it reaches them at once.
publicity_changed = Signal()


def announce_publicity_change() -> None:
    """Tell, once the transaction commits, that what is public has changed."""
    transaction.on_commit(lambda: publicity_changed.send(sender=None))


@dataclass(frozen=True)
class Publicity:
    """How one model's rows become public.

    `state(prefix)` is the model's own publication condition as a Q on lookups starting with
    `prefix`, and `test(obj)` the same condition on a loaded instance (a test keeps the two in
    agreement). `parents` name the foreign keys to the records it lives in.
    """

    label: str
    state: Callable[[str], Q] | None = None
    test: Callable[[Any], bool] | None = None
    # The negation of `state`, written so an index serves it (e.g. `hidden_at IS NOT NULL`).
    unpublished: Callable[[str], Q] | None = None
    parents: tuple[str, ...] = ()
    # Entries of the public history carry this model as their container (see core.history), so
    # lists can leave out everything inside a record that is not public with one lookup.
    container: bool = False
    # The record's public page, for links to it (a history value that refers to it): its URL
    # from a loaded record, and the relations that reads, loaded with it in the same query.
    page: Callable[[Any], str] | None = None
    page_related: tuple[str, ...] = ()


REGISTRY: dict[str, Publicity] = {}


def register(spec: Publicity) -> None:
    if len({spec.state is None, spec.test is None, spec.unpublished is None}) > 1:
        raise ValueError(f"{spec.label}: give the state as a Q, its negation and a test")
    REGISTRY[spec.label] = spec


def _label(model_or_obj) -> str:
    return model_or_obj._meta.label_lower


def _parent_field(label: str, name: str) -> models.ForeignKey:
    return apps.get_model(label)._meta.get_field(name)


def _state_q(label: str, prefix: str = "") -> Q:
    """The publication states along the record's chain of parents (withholding aside)."""
    spec = REGISTRY.get(label)
    if spec is None:
        return Q()
    condition = spec.state(prefix) if spec.state else Q()
    for name in spec.parents:
        field = _parent_field(label, name)
        inner = _state_q(_label(field.related_model), f"{prefix}{name}__")
        if not inner:
            continue
        if field.null:
            inner = Q(**{f"{prefix}{name}__isnull": True}) | inner
        condition &= inner
    return condition


def _withheld_q(label: str, withheld: Active, prefix: str = "") -> Q:
    """Rows that are withheld themselves or live in a withheld record."""
    condition = Q()
    if ids := withheld.ids(label):
        condition |= Q(**{f"{prefix}pk__in": ids})
    spec = REGISTRY.get(label)
    for name in spec.parents if spec else ():
        field = _parent_field(label, name)
        condition |= _withheld_q(_label(field.related_model), withheld, f"{prefix}{name}__")
    return condition


def public_q(label: str, withheld: Active, prefix: str = "") -> Q:
    """The condition for public rows of `label`, on lookups starting with `prefix`."""
    condition = _state_q(label, prefix)
    if withheld and (hidden := _withheld_q(label, withheld, prefix)):
        condition &= ~hidden
    return condition


def visible(queryset: models.QuerySet, withheld: Active) -> models.QuerySet:
    """The rows of `queryset` the public may see."""
    condition = public_q(_label(queryset.model), withheld)
    queryset = queryset.filter(condition) if condition else queryset
    return withheld.exclude(queryset)


def not_public_by_state(label: str) -> models.QuerySet:
    """Ids of `label` rows kept from the public by a publication state on their chain (a draft
    plan, a hidden proposal, an unpublished consultation) — withholding aside. A union of one
    indexed query per reason (its own state; `parent_id IN` each parent's such rows), so the
    database never scans a big table: the non-public sets are small."""
    spec = REGISTRY.get(label)
    manager = apps.get_model(label)._default_manager
    parts = []
    if spec is not None and spec.unpublished is not None:
        parts.append(manager.filter(spec.unpublished("")))
    for name in spec.parents if spec else ():
        field = _parent_field(label, name)
        inner = not_public_by_state(_label(field.related_model))
        if inner is not None:
            parts.append(manager.filter(**{f"{name}__in": inner}))
    if not parts:
        return None
    ids = [part.order_by().values("pk") for part in parts]
    return ids[0].union(*ids[1:]) if len(ids) > 1 else ids[0]


def under_withheld(label: str, withheld: Active) -> models.QuerySet | None:
    """Rows of `label` that live in a withheld record (not those withheld themselves: their
    history stays on record with the content blanked); None when there are none."""
    spec = REGISTRY.get(label)
    condition = Q()
    for name in spec.parents if spec else ():
        field = _parent_field(label, name)
        condition |= _withheld_q(_label(field.related_model), withheld, f"{name}__")
    if not condition:
        return None
    return apps.get_model(label)._default_manager.filter(condition)


PUBLIC, UNPUBLISHED, WITHHELD = "public", "unpublished", "withheld"


class WithheldRecord(Exception):
    """A page about a withheld record (or one inside it) was asked for: the platform answers
    451 with the withheld notice (core.middleware)."""


def state_of(obj: models.Model, withheld: Active) -> str:
    """PUBLIC, UNPUBLISHED (a draft, hidden, unpublished — itself or a parent) or WITHHELD
    (itself or a parent). Follows its parents through their loaded relations."""
    if withheld.hides(obj):
        return WITHHELD
    spec = REGISTRY.get(_label(obj))
    if spec is None:
        return PUBLIC
    state = PUBLIC if spec.test is None or spec.test(obj) else UNPUBLISHED
    for name in spec.parents:
        parent = getattr(obj, name)
        if parent is None:
            continue
        parent_state = state_of(parent, withheld)
        if parent_state == WITHHELD:
            return WITHHELD
        if parent_state == UNPUBLISHED:
            state = UNPUBLISHED
    return state


def is_visible(obj: models.Model | None, withheld: Active) -> bool:
    """May the public see `obj`?"""
    return obj is not None and state_of(obj, withheld) == PUBLIC


def require_readable(obj: models.Model, withheld: Active, *, editor: bool = False):
    """`obj` for a page about it: 451 (the withheld notice) when it is withheld, 404 when it is
    not public — unless the reader is one of its editors, who see their drafts."""
    state = state_of(obj, withheld)
    if state == WITHHELD:
        raise WithheldRecord
    if state == UNPUBLISHED and not editor:
        raise Http404
    return obj


def shown(obj: models.Model | None, withheld: Active) -> models.Model | None:
    """`obj` when the public may see it (its withheld fields blanked), else None — for pages
    that show a reference to another record."""
    return withheld.redact(obj) if is_visible(obj, withheld) else None


# --- references in history values --------------------------------------------------------------


def ref(obj: models.Model) -> dict[str, Any]:
    """A history value that points at another record: its kind and id, never its text."""
    return {"ref": _label(obj), "id": obj.pk}


def is_ref(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"ref", "id"}


def refs_in(value: Any) -> Iterable[tuple[str, Any]]:
    if is_ref(value):
        yield value["ref"], value["id"]
    elif isinstance(value, list):
        for item in value:
            yield from refs_in(item)


def _reference_field(label: str, name: str):
    """The relation behind a history key when it points at records with a visibility rule."""
    try:
        field = apps.get_model(label)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return None
    related = getattr(field, "related_model", None)
    if related is None or not (field.many_to_one or field.many_to_many):
        return None
    return field if _label(related) in REGISTRY else None


def _is_legacy(value: Any) -> bool:
    """A reference recorded, before references were ids, as a copy of the record's text."""
    if value in (None, "", []) or is_ref(value):
        return False
    return not (isinstance(value, list) and all(is_ref(v) for v in value))


class References:
    """The records history values point at, read in one query per kind and shown through the
    visibility rule: a title for what is public, None for what is not.

    Entries recorded before references were stored as ids hold a copy of the record's text; such
    a value is shown only while the record the entry's object refers to *now* is public (a
    reply's parent, a decision's plan), so hidden or withheld text is not republished."""

    def __init__(self, withheld: Active, *, pages: bool = False):
        self.withheld = withheld
        self.pages = pages  # pages link the titles to the records' own pages
        self.titles: dict[tuple[str, str], str | None] = {}
        self.urls: dict[tuple[str, str], str] = {}
        self.legacy_hidden: set[tuple[str, str, str]] = set()

    def load(self, entries: Iterable[tuple[str, str, dict]]) -> References:
        """`entries`: (object type, object id, changes) of the history entries to show."""
        entries = list(entries)
        wanted: dict[str, set] = defaultdict(set)
        legacy: dict[tuple[str, str], set] = defaultdict(set)
        for label, pk, changes in entries:
            for name, pair in changes.items():
                for value in pair:
                    for ref_label, ref_pk in refs_in(value):
                        wanted[ref_label].add(ref_pk)
                if any(_is_legacy(v) for v in pair) and _reference_field(label, name):
                    legacy[(label, name)].add(pk)
        for label, ids in wanted.items():
            self._load_titles(label, ids)
        for (label, name), ids in legacy.items():
            self._check_legacy(label, name, ids)
        return self

    def _load_titles(self, label: str, ids: set) -> None:
        for pk in ids:
            self.titles.setdefault((label, str(pk)), None)
        queryset = apps.get_model(label)._default_manager.filter(pk__in=ids)
        spec = REGISTRY.get(label)
        page = spec.page if self.pages and spec else None
        if page and spec.page_related:
            queryset = queryset.select_related(*spec.page_related)
        for obj in visible(queryset, self.withheld):
            self.titles[(label, str(obj.pk))] = str(self.withheld.redact(obj))
            if page:
                self.urls[(label, str(obj.pk))] = page(obj)

    def _check_legacy(self, label: str, name: str, ids: set) -> None:
        field = _reference_field(label, name)
        model = apps.get_model(label)
        pairs = model._default_manager.filter(pk__in=ids).values_list("pk", name)
        targets: dict[str, set] = defaultdict(set)
        for pk, target in pairs:
            targets[str(pk)].add(target)
        public = visible_ids(
            _label(field.related_model), {t for ts in targets.values() for t in ts}, self.withheld
        )
        for pk in ids:
            current = targets.get(str(pk), set()) - {None}
            if str(pk) not in targets or not current <= public:
                self.legacy_hidden.add((label, str(pk), name))

    def title(self, value: dict) -> str | None:
        return self.titles.get((value["ref"], str(value["id"])))

    def url(self, value: dict) -> str:
        """The page of a public record a value refers to ("" when unknown or not public)."""
        return self.urls.get((value["ref"], str(value["id"])), "")

    def _legacy_hidden(self, where: tuple[str, str, str] | None, value: Any) -> bool:
        return where is not None and where in self.legacy_hidden and _is_legacy(value)

    def public(self, value: Any, where: tuple[str, str, str] | None = None) -> Any:
        """A history value as open data: a public reference with its title, None otherwise.
        `where` is (object type, object id, field) of the value, for old copies of text."""
        if self._legacy_hidden(where, value):
            return None
        if is_ref(value):
            title = self.title(value)
            if title is None:
                return None
            return {"type": value["ref"], "id": value["id"], "title": title}
        if isinstance(value, list):
            return [self.public(item) for item in value]
        return value

    def hidden(self, where: tuple[str, str, str], value: Any) -> bool:
        """Is this old copy of a record's text about a record that is not public now?"""
        return self._legacy_hidden(where, value)

    def text(self, value: dict) -> str:
        """A reference as page text: the record's title, or a notice that it is not public."""
        title = self.title(value)
        return str(NOT_PUBLIC_TEXT) if title is None else title


# --- references in open-data rows and pages ----------------------------------------------------


def visible_ids(label: str, ids: Iterable, withheld: Active) -> set:
    """The ids among `ids` of records of `label` the public may see (one query)."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    manager = apps.get_model(label)._default_manager
    return set(visible(manager.filter(pk__in=ids), withheld).values_list("pk", flat=True))


def keep_visible_ids(rows: list[dict], column: str, label: str, withheld: Active) -> None:
    """In each row, a reference column (an id or a list of ids) keeps only public records: a
    single id that is not public becomes None, a list loses it."""
    wanted = set()
    for row in rows:
        value = row.get(column)
        wanted.update(value if isinstance(value, list) else [value])
    public = visible_ids(label, wanted, withheld)
    for row in rows:
        value = row.get(column)
        if isinstance(value, list):
            row[column] = [pk for pk in value if pk in public]
        elif value is not None and value not in public:
            row[column] = None


def public_in(label: str, withheld: Active, path: str, *, nullable: bool = False) -> Q:
    """Rows whose record at `path` (a lookup to a `label` record) is public — e.g. proposals of
    public calls: `public_in("participation.call", withheld, "call")`."""
    condition = public_q(label, withheld, f"{path}__")
    if condition and nullable:
        condition = Q(**{f"{path}__isnull": True}) | condition
    return condition
