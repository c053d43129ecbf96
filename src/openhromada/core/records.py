"""A public record declares itself once, on its model: the records it lives in (its parents), its
own publication state, whether it contains others' history, its hromada, what an operator may
withhold of it, and its page. Its history fields stay beside it (`HISTORY_FIELDS`).

    class Commitment(models.Model):
        HISTORY_FIELDS = (...)
        RECORD = PublicRecord(
            parents=("plan",),
            hromada="plan__hromada",
            withholdable=("problem", "baseline"),
            page=lambda c: reverse("plans:commitment", args=[...]),
            page_related=("plan__hromada",),
        )

`core` reads every model's `RECORD` when the apps are ready and derives from it what the
visibility rule (core.visibility) and withholding (core.withholding) need — the withheld
ancestors' lookups are walked from the parents, never written by hand — so no app registers
either itself and the two can never disagree about a record's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from .visibility import Publicity
from .visibility import register as register_publicity
from .withholding import Withholdable
from .withholding import register as register_withholdable


@dataclass(frozen=True)
class State:
    """A record's own publication condition, three ways that a test keeps in agreement: as a
    Q on lookups starting with a prefix, its negation written so an index serves it, and as a
    test of a loaded record."""

    public: Callable[[str], Q]
    unpublished: Callable[[str], Q]
    test: Callable[[Any], bool]


def public_unless(field: str, value: Any) -> State:
    """Public unless `field` holds `value` (a plan that is not a draft)."""
    return State(
        public=lambda p: ~Q(**{f"{p}{field}": value}),
        unpublished=lambda p: Q(**{f"{p}{field}": value}),
        test=lambda obj: getattr(obj, field) != value,
    )


def public_once_set(field: str) -> State:
    """Public once `field` is set (a consultation's or an agenda's publication moment)."""
    return State(
        public=lambda p: Q(**{f"{p}{field}__isnull": False}),
        unpublished=lambda p: Q(**{f"{p}{field}__isnull": True}),
        test=lambda obj: getattr(obj, field) is not None,
    )


def public_while_empty(field: str) -> State:
    """Public while `field` is empty (content a moderator has not hidden)."""
    return State(
        public=lambda p: Q(**{f"{p}{field}__isnull": True}),
        unpublished=lambda p: Q(**{f"{p}{field}__isnull": False}),
        test=lambda obj: getattr(obj, field) is None,
    )


@dataclass(frozen=True)
class PublicRecord:
    """What a public model says about itself once (see the module's docstring).

    `parents`: the foreign keys to the records it lives in; `state`: its own publication
    condition (None: public whenever its parents are); `container`: history entries inside it
    carry it as their container; `hromada`: the lookup to its hromada ("" for none, "pk" for a
    hromada itself, several for a record in one of several places: a comment's proposal or
    section); `withholdable`: fields an operator may withhold; `withhold_record`: whether
    the whole record may be withheld; `leaves_with_parent`: its rows leave the outputs with a
    withheld record it lives in, though nothing of its own can be withheld (a council vote);
    `page` / `page_related`: its public page, for links; `history_with`: records whose history
    is part of its own, as (label, lookup from them to it) — a commitment's milestones, their
    reports and its amendments (core.history_pages); a container's own history already holds
    everything inside it."""

    parents: tuple[str, ...] = ()
    state: State | None = None
    container: bool = False
    hromada: str | tuple[str, ...] = ""  # alternatives: the first that leads somewhere
    withholdable: tuple[str, ...] = ()
    withhold_record: bool = False
    leaves_with_parent: bool = False
    page: Callable[[Any], str] | None = None
    page_related: tuple[str, ...] = ()
    history_with: tuple[tuple[str, str], ...] = ()

    @property
    def withholds(self) -> bool:
        return self.withhold_record or bool(self.withholdable)

    @property
    def has_publicity(self) -> bool:
        """Whether its publicity is more than "always": a state, parents or a page."""
        return bool(self.state or self.parents or self.page or self.container)


def declared(model: type[models.Model]) -> PublicRecord | None:
    record = model.__dict__.get("RECORD")
    return record if isinstance(record, PublicRecord) else None


def public_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if declared(model) is not None]


def hromada_of(obj: models.Model):
    """The hromada a record belongs to, by its declared lookup (None when it declares none)."""
    record = declared(type(obj))
    if record is None or not record.hromada:
        return None
    lookups = (record.hromada,) if isinstance(record.hromada, str) else record.hromada
    for lookup in lookups:
        if lookup == "pk":
            return obj
        target = obj
        for name in lookup.split("__"):
            target = getattr(target, name, None)
            if target is None:
                break
        if target is not None:
            return target
    return None


def _ancestors(model: type[models.Model]) -> dict[str, str]:
    """{label of a withholdable record it lives in: the lookup from it to that record's pk},
    walked along the declared parents."""
    found: dict[str, str] = {}
    for name in declared(model).parents:
        parent = model._meta.get_field(name).related_model
        spec = declared(parent)
        if spec is None:
            continue
        if spec.withholds:
            found.setdefault(parent._meta.label_lower, f"{name}_id")
        for label, lookup in _ancestors(parent).items():
            found.setdefault(label, f"{name}__{lookup}")
    return found


def register_all() -> None:
    """Hand every declaration to the visibility rule and to withholding (core's ready())."""
    for model in public_models():
        record, label = declared(model), model._meta.label_lower
        state = record.state
        if record.has_publicity:
            register_publicity(
                Publicity(
                    label,
                    state=state.public if state else None,
                    test=state.test if state else None,
                    unpublished=state.unpublished if state else None,
                    parents=record.parents,
                    container=record.container,
                    page=record.page,
                    page_related=record.page_related,
                )
            )
        ancestors = _ancestors(model)
        if record.withholds or (record.leaves_with_parent and ancestors):
            register_withholdable(
                Withholdable(
                    label, record.withholdable, record=record.withhold_record, ancestors=ancestors
                )
            )
