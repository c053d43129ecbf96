"""The leak test's world: for every case one fresh record with the case's marker in its text,
built through the services in a hromada of its own, the public records that refer to it, and
then the way applied; for every kind one public control record, whose marker must show.
"""

from __future__ import annotations

import itertools
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction

from openhromada.accounts.models import Role
from openhromada.core import visibility, withholding
from openhromada.councils import services as councils
from openhromada.councils.lifecycle import Sector
from openhromada.opendata import bulk
from openhromada.opendata.tokens import token_create
from openhromada.places.models import Hromada
from tests.councils.fixtures import SINCE, ago, seat
from tests.factories import UserFactory, with_role

from . import table
from .cases import STATE, Case, kinds, ways

MARK = "LEAKMARK{:03d}Q"
SHOWN = "SHOWNMARK{:03d}Q"
MARKERS = re.compile(r"(?:leakmark|shownmark)\d{3}q")  # any of them, lower-cased


@dataclass(frozen=True)
class Marker:
    """A text no output may show; numbers (a hromada's population) are matched as numbers."""

    text: str
    number: int

    @property
    def number_pattern(self) -> re.Pattern:
        digits = f"{self.number:,}".split(",")
        return re.compile(r"(?<![\d.,])" + r"[\s,.\u202f\xa0]?".join(digits) + r"(?![\d])")


def marker(n: int) -> Marker:
    return Marker(MARK.format(n), 7_300_000 + n * 1009)


class Text:
    """The text values of one record: the marker in the marked fields, ordinary text elsewhere
    (with the case's "shown" marker, where the rest of the record must stay public)."""

    def __init__(self, mark: Marker | None, marked: Callable[[str], bool], shown: str = ""):
        self.mark, self.marked, self.shown = mark, marked, shown
        self.marking = mark is not None  # is this the record under test?

    def _on(self, name: str) -> bool:
        return self.mark is not None and self.marked(name)

    def line(self, name: str) -> str:
        return f"{self.mark.text} назва" if self._on(name) else f"{self.shown} Звичайна назва"

    def prose(self, name: str) -> str:
        return f"{self.mark.text} текст" if self._on(name) else f"{self.shown} Звичайний текст"

    def url(self, name: str) -> str:
        word = self.mark.text if self._on(name) else (self.shown or "ordinary")
        return f"https://{word.lower()}.example.org/"

    def lines(self, name: str) -> list[str]:
        if self._on(name):
            return [f"{self.mark.text} так", f"{self.mark.text} ні"]
        return [f"{self.shown} так".strip(), f"{self.shown} ні".strip()]

    def file(self, name: str) -> SimpleUploadedFile:
        word = self.mark.text if self._on(name) else (self.shown or "dokument")
        return SimpleUploadedFile(
            f"{word}.txt", f"{word} — вміст документа\n".encode(), content_type="text/plain"
        )

    def number(self, name: str) -> int | None:
        return self.mark.number if self._on(name) else None


NEUTRAL = Text(None, lambda _name: False)


class Scope:
    """One case's hromada, its official and, when asked, its council with four members."""

    def __init__(self, hromada: Hromada, n: int):
        self.hromada, self.n = hromada, n
        self.official = with_role(
            UserFactory(display_name=f"Посадовиця {n}"), Role.OFFICIAL, hromada=hromada
        )
        self._council = None
        self._members: list = []
        self._slugs = itertools.count(1)

    def slug(self, prefix: str) -> str:
        return f"{prefix}-{self.n}-{next(self._slugs)}"

    def resident(self):
        return UserFactory(display_name=f"Мешканка {self.n}")

    def council(self):
        if self._council is None:
            self._council = councils.council_create(
                actor=self.official,
                hromada=self.hromada,
                name=f"Координаційна рада {self.n}",
                term_start=SINCE,
                rules_text="Положення",
            )
            self._members = [
                seat(self.official, self._council, f"Член {i}", sector)
                for i, sector in enumerate((Sector.EXECUTIVE, Sector.CIVIL_SOCIETY) * 2)
            ]
        return self._council

    def members(self) -> list:
        self.council()
        return self._members

    def held_item(self):
        """An agenda item of a new meeting held last week, its agenda published."""
        meeting = councils.meeting_create(
            actor=self.official, council=self.council(), starts_at=ago(7), place="Зала"
        )
        item = councils.agenda_item_create(actor=self.official, meeting=meeting, title="Питання")
        councils.meeting_publish_agenda(actor=self.official, meeting=meeting)
        return item


@dataclass
class Built:
    """One case's (or one control's) records — one per way of building the kind (a comment on
    a proposal, on a consultation section) — and what went wrong building them."""

    kind: str
    mark: Marker
    shown: str = ""
    chains: list[dict[str, Any]] = field(default_factory=list)  # label → record, top down
    problems: list[str] = field(default_factory=list)
    carries: set[str] = field(default_factory=set)  # what its fields hold: "mark", "shown"

    @property
    def objs(self) -> list:
        return [chain[self.kind] for chain in self.chains]


def text_fields(model) -> list[models.Field]:
    """The fields that hold people's text: what a marker goes into."""
    out = []
    for f in model._meta.concrete_fields:
        if not f.editable or f.choices or f.is_relation or isinstance(f, models.SlugField):
            continue
        if isinstance(f, models.CharField | models.TextField | models.FileField | models.JSONField):
            out.append(f)
    return out


def _value_text(obj, f) -> str:
    value = getattr(obj, f.name)
    if isinstance(f, models.FileField):
        if not value:
            return ""
        value.open("rb")
        try:
            return value.name + value.read().decode(errors="replace")
        finally:
            value.close()
    return "" if value in (None, "", [], {}) else str(value)


def carried(obj, built: Built) -> set[str]:
    """Which of the record's markers its fields hold."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    values = " ".join(_value_text(obj, f) for f in text_fields(type(obj))).lower()
    numbers = [getattr(obj, f.name) for f in obj._meta.concrete_fields]
    out = {"mark"} if built.mark.text.lower() in values else set()
    out |= {"mark", "number"} if built.mark.number in numbers else set()
    return out | ({"shown"} if built.shown and built.shown.lower() in values else set())


def unmarked_fields(kind: str, obj, mark: Marker, only: str = "") -> list[str]:
    """Text fields of the built record that do not carry the marker (and the builder did not
    say why): a new text field no builder fills is named here."""
    model = type(obj)
    obj = model._default_manager.get(pk=obj.pk)
    said = {k for b in table.BUILDERS.get(kind, []) for k in b.unmarked}
    names = [only] if only else [f.name for f in text_fields(model) if not ({f.name, "*"} & said)]
    missing = []
    for name in names:
        f = model._meta.get_field(name)
        if isinstance(f, models.IntegerField):
            found = getattr(obj, name) == mark.number
        else:
            found = mark.text.lower() in _value_text(obj, f).lower()
        if not found:
            missing.append(name)
    return missing


def builder_chains(label: str, seen=()) -> list[list[tuple[str, table.Builder]]]:
    """Every way to build `label`: the builders from the top of a chain down to it."""
    out = []
    for builder in table.BUILDERS.get(label, []):
        if builder.parent is None:
            out.append([(label, builder)])
        elif builder.parent not in seen:
            out += [
                [*chain, (label, builder)]
                for chain in builder_chains(builder.parent, (*seen, label))
            ]
    return out


def referring_fields(label: str) -> list[tuple[str, str]]:
    """(model, field) of public records that refer to a `label` record without living in it."""
    target = apps.get_model(label)
    public = set(kinds()) | {d.model_label for d in bulk.datasets()}
    out = []
    for source in sorted(public):
        model = apps.get_model(source)
        spec = visibility.REGISTRY.get(source)
        held = withholding.REGISTRY.get(source)
        lives_in = set(spec.parents if spec else ())
        lives_in |= {
            p.split("__")[0].removesuffix("_id") for p in (held.ancestors.values() if held else ())
        }
        for f in model._meta.get_fields():
            if not (f.concrete and (f.many_to_one or f.many_to_many)):
                continue
            if f.related_model is target and f.name not in lives_in:
                out.append((source, f.name))
    return out


def _keeps(case: Case | None) -> tuple[str, ...]:
    """The fields that stay public when the case's record is in its own state (not marked)."""
    if case is None or not case.own or case.kind not in table.STATES:
        return ()
    return table.STATES[case.kind].keeps


def can_be_private(label: str) -> bool:
    """Can a whole record of `label` leave the public (not only some of its fields)?"""
    return any(not way.field for way in ways(label))


class World:
    def __init__(self):
        # ordinary hromadas (not temporarily occupied ones, whose pages say so first)
        self.hromadas = iter(Hromada.objects.filter(temporarily_occupied=False).order_by("code"))
        self.operator = with_role(UserFactory(display_name="Операторка"), Role.OPERATOR)
        token_create(actor=self.operator, name="Ключ", scope="read")  # a page about it exists
        self.scopes: list[Scope] = []
        self.cases: dict[str, Built] = {}
        self.controls: dict[str, Built] = {}
        self._numbers = itertools.count(1)

    def scope(self) -> Scope:
        n = next(self._numbers)
        scope = Scope(next(self.hromadas), n)
        self.scopes.append(scope)
        return scope

    # --- building ------------------------------------------------------------------------------

    def build(self, cases: list[Case]) -> World:
        for kind in kinds():
            self.controls[kind] = self._guarded(kind, None)
        for case in cases:
            self.cases[case.id] = self._guarded(case.kind, case)
        return self

    def _guarded(self, kind: str, case: Case | None) -> Built:
        scope = self.scope()
        built = Built(kind, marker(scope.n), SHOWN.format(scope.n) if case else "")
        try:
            with transaction.atomic():
                self._build(scope, kind, case, built)
        except Exception:
            built.problems.append(f"building failed:\n{traceback.format_exc()}")
        return built

    def _build(self, scope: Scope, kind: str, case: Case | None, built: Built) -> None:
        keeps = _keeps(case)
        if case and case.way.field:
            text = Text(built.mark, lambda name: name == case.way.field, built.shown)
        else:
            text = Text(built.mark, lambda name: name not in keeps, built.shown)
        only = case.way.field if case and case.way.field else ""
        for chain in self._chains(kind, case, built):
            records, parent = {}, None
            for label, builder in chain:
                parent = builder.make(scope, parent, text if label == kind else NEUTRAL)
                records[label] = parent
            built.chains.append(records)
            built.carries |= carried(parent, built)
            missing = [n for n in unmarked_fields(kind, parent, built.mark, only) if n not in keeps]
            if missing:
                built.problems.append(
                    f"{kind}: its builder leaves {missing} without the marker; mark them or say "
                    "why in tests/leaks/table.py BUILDERS (unmarked)"
                )
            if can_be_private(kind) and not only:
                self._refer(scope, kind, parent, built)
            if case is not None:
                self._apply(scope, case, records[case.way.target], built)

    def _chains(self, kind: str, case: Case | None, built: Built) -> list:
        """Every way to build the kind (inside the case's ancestor, when it has one)."""
        chains = builder_chains(kind)
        if case is not None and not case.own:
            chains = [c for c in chains if case.way.target in dict(c)]
        if not chains:
            where = f" inside {case.way.target}" if case is not None and not case.own else ""
            built.problems.append(
                f"no fixture instance of {kind}{where}: add a builder to tests/leaks/table.py "
                "BUILDERS"
            )
        return chains

    def _refer(self, scope: Scope, kind: str, obj, built: Built) -> None:
        for source, name in referring_fields(kind):
            how = table.REFERRERS.get((source, name))
            if how is None:
                built.problems.append(
                    f"{source}.{name} refers to {kind}: add how to make one to "
                    "tests/leaks/table.py REFERRERS"
                )
                continue
            how(scope, obj)

    def _apply(self, scope: Scope, case: Case, target, built: Built) -> None:
        if case.way.action == STATE:
            if case.way.target not in table.STATES:
                built.problems.append(
                    f"{case.way.target} has a publication state of its own: say how to put a "
                    "record into it in tests/leaks/table.py STATES"
                )
                return
            table.STATES[case.way.target].apply(scope, target)
        else:
            withholding.withholding_create(
                actor=self.operator, obj=target, field=case.way.field, reason="Безпека громади"
            )

    # --- what the outputs are asked about ------------------------------------------------------

    def records(self, label: str) -> list:
        """Every record of `label` in the world (hromadas: the world's own)."""
        model = apps.get_model(label)
        if model is Hromada:
            return [s.hromada for s in self.scopes]
        return list(model._default_manager.order_by("pk"))


def private_kinds() -> list[str]:
    return [k for k in kinds() if can_be_private(k)]
