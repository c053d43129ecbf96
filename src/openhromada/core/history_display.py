"""The public history as people read it: each entry's changes with translated field labels and
values shown by their type (core.history_values) — withheld values hidden, references to other
records shown through the one visibility rule (core.visibility), and files kept beside a record
(a progress update's evidence) listed with the entry that created it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import visibility
from .history_values import Part, Shown, moment, notice, show
from .models import HistoryAction, HistoryEntry
from .people import public_actor
from .withholding import WITHHELD_TEXT, Active, active

ARROW = " → "


@dataclass(frozen=True)
class FieldChange:
    """One line of an entry: a field's label, and its value before (None when the entry created
    the record: nothing was before) and after."""

    label: str
    new: Shown
    old: Shown | None = None

    @property
    def values(self) -> tuple[Shown, ...]:
        return (self.new,) if self.old is None else (self.old, self.new)

    @property
    def text(self) -> str:
        """The line as plain text (feeds)."""
        return f"{capfirst(self.label)}: " + ARROW.join(
            ", ".join(part.text for part in value) for value in self.values
        )


@dataclass(frozen=True)
class Attached:
    """Files kept beside a record rather than in its history values (a progress update's
    evidence): listed, by name and linked, with the entry that created the record.

    `load(ids)` gives {record id: [(file name, url)]} for records not loaded (one query for
    all); `of(record)` the same for a record loaded with its files; the files are withheld
    with the record, or with its field `withheld_with`."""

    label: str
    title: Any
    load: Callable[[set[str]], dict[str, list[tuple[str, str]]]]
    of: Callable[[models.Model], list[tuple[str, str]]]
    withheld_with: str = ""


ATTACHED: dict[str, Attached] = {}


def register_attached(spec: Attached) -> None:
    ATTACHED[spec.label] = spec


def _field_label(model, name: str) -> str:
    if name == "*":
        return _("the whole record")
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _field_and_label(model, name: str):
    """The model field behind a diff key and its translated label. A key for a related list
    (e.g. a meeting's attendance) is labelled with the related model's plural name; a field
    since removed from the model keeps its raw name."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        return None, name
    if getattr(field, "verbose_name", None) is None and getattr(field, "related_model", None):
        return None, str(field.related_model._meta.verbose_name_plural)
    return field, str(field.verbose_name)


def _describe_withholding(entry: HistoryEntry, model) -> list[FieldChange]:
    name, reason = entry.changes.get("field", [None, ""])[1], entry.changes.get("reason", [0, ""])
    return [
        FieldChange(_("what"), notice(_field_label(model, name))),
        FieldChange(_("reason"), notice(reason[1] or "—")),
    ]


def _is_diff(value: Any) -> bool:
    """A diff kept inside a value (an amendment's changes): {field: [before, after]}."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(pair, list) and len(pair) == 2 for pair in value.values())
    )


def _diff_relation(model, changes: dict) -> models.ForeignKey | None:
    """The relation to the record a diff inside a value is about (an amendment's commitment):
    the one to a model having every field the diff names."""
    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        if field.many_to_one and related is not None and set(changes) <= _names(related):
            return field
    return None


def _names(model) -> set[str]:
    return {field.name for field in model._meta.get_fields()}


def _diff_targets(entries, loaded, withheld) -> dict[tuple[str, str], tuple[str, str]]:
    """{entry's record: the record its diff is about}, for entries keeping a diff, when any
    field is withheld at all: from the records already loaded, the rest one query per kind."""
    wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries if withheld else ():
        model = _model_of(entry)
        for old, new in entry.changes.values():
            if old is None and _is_diff(new) and (relation := _diff_relation(model, new)):
                wanted[(entry.object_type, relation.attname)].add(str(entry.object_id))
    targets = {}
    known = {(obj._meta.label_lower, str(obj.pk)): obj for obj in loaded}
    for (label, attname), ids in wanted.items():
        model = apps.get_model(label)
        target = _label(model._meta.get_field(attname.removesuffix("_id")).related_model)
        pairs = [(pk, getattr(known[(label, pk)], attname)) for pk in ids if (label, pk) in known]
        if missing := ids - {pk for pk, _target in pairs}:
            pairs += model._default_manager.filter(pk__in=missing).values_list("pk", attname)
        targets.update({(label, str(pk)): (target, str(to)) for pk, to in pairs})
    return targets


def _label(model) -> str:
    return model._meta.label_lower


def redact_diffs(entries, withheld: Active) -> None:
    """Blank, in entries keeping a diff of another record (an amendment's changes to its
    commitment), the pairs of that record's fields withheld now — for outputs that show values
    raw (the history API and files); pages show the withheld notice in their place."""
    targets = _diff_targets(entries, (), withheld)
    for entry in entries:
        target = targets.get((entry.object_type, str(entry.object_id)))
        hidden = _hidden_in(withheld, target)
        if not hidden:
            continue
        entry.changes = {
            name: [old, _without(new, hidden)] if old is None and _is_diff(new) else [old, new]
            for name, (old, new) in entry.changes.items()
        }


def _without(changes: dict, hidden: bool | set[str]) -> dict:
    return {
        name: [None, None] if hidden is True or name in hidden else pair
        for name, pair in changes.items()
    }


def _diff_rows(model, changes: dict, references, hidden) -> list[FieldChange]:
    rows = []
    for name, (old, new) in changes.items():
        field, label = _field_and_label(model, name)
        if hidden is True or name in hidden:
            rows.append(FieldChange(label, notice(WITHHELD_TEXT), notice(WITHHELD_TEXT)))
        else:
            rows.append(
                FieldChange(label, show(field, new, references), show(field, old, references))
            )
    return rows


def change_rows(obj: models.Model, diffs: list[dict], withheld: Active) -> list[list]:
    """Diffs of `obj` kept in other records (a commitment's amendments): for each, its lines
    showing both values by type, withheld fields of `obj` hidden."""
    label = _label(obj)
    references = visibility.References(withheld, pages=True).load(
        (label, obj.pk, diff) for diff in diffs
    )
    hidden = withheld.record_withheld(label, obj.pk) or withheld.fields(label, obj.pk)
    return [_diff_rows(type(obj), diff, references, hidden) for diff in diffs]


def _hidden_in(withheld, target) -> bool | set[str]:
    if target is None:
        return set()
    return withheld.record_withheld(*target) or withheld.fields(*target)


def _rows(entry, model, withheld, hidden, context) -> list[FieldChange]:
    references, targets = context
    created = entry.action == HistoryAction.CREATE
    rows = []
    for name, (old, new) in entry.changes.items():
        field, label = _field_and_label(model, name)
        if hidden is True or (hidden and name in hidden):
            rows.append(
                FieldChange(
                    label, notice(WITHHELD_TEXT), None if created else notice(WITHHELD_TEXT)
                )
            )
            continue
        if old is None and _is_diff(new):
            relation = _diff_relation(model, new)
            target = targets.get((entry.object_type, str(entry.object_id)))
            inner = relation.related_model if relation else model
            rows.extend(_diff_rows(inner, new, references, _hidden_in(withheld, target)))
            continue
        where = (entry.object_type, str(entry.object_id), name)
        old, new = (
            visibility.NOT_PUBLIC_TEXT if references.hidden(where, value) else value
            for value in (old, new)
        )
        before = None if created else show(field, old, references)
        rows.append(FieldChange(label, show(field, new, references), before))
    return rows


def _attachments(entries, loaded: Iterable[models.Model]) -> dict[tuple[str, str], list]:
    """The files beside the records the entries created: from the records already loaded, the
    rest in one query per kind."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.object_type in ATTACHED and entry.action == HistoryAction.CREATE:
            wanted[entry.object_type].add(str(entry.object_id))
    if not wanted:
        return {}
    files: dict[tuple[str, str], list] = {}
    for obj in loaded:
        label = obj._meta.label_lower
        if str(obj.pk) in wanted.get(label, ()):
            files[(label, str(obj.pk))] = ATTACHED[label].of(obj)
            wanted[label].discard(str(obj.pk))
    for label, ids in wanted.items():
        if ids:
            for pk, found in ATTACHED[label].load(ids).items():
                files[(label, str(pk))] = found
    return files


def _attached_row(entry, hidden, files) -> FieldChange | None:
    spec = ATTACHED.get(entry.object_type)
    found = files.get((entry.object_type, str(entry.object_id)))
    if spec is None or not found or hidden is True or (hidden and spec.withheld_with in hidden):
        return None
    return FieldChange(str(spec.title), tuple(Part(name, url=url) for name, url in found))


def describe(
    entries: Iterable[HistoryEntry],
    model: type[models.Model] | None = None,
    withheld: Active | None = None,
    *,
    loaded: Iterable[models.Model] = (),
    about: models.Model | None = None,
) -> list[HistoryEntry]:
    """Attach `field_changes` (translated labels, values shown by type) to each entry; withheld
    values are hidden and references to other records shown through their visibility. Without
    `model`, each entry's own model is used. `loaded`: records already loaded with their
    attached files (no query for those)."""
    withheld = active() if withheld is None else withheld
    entries = list(entries)
    for entry in entries:
        entry.at = moment(entry.created_at)
        withheld.redact_entry(entry)
        entry.actor_label = public_actor(
            entry.actor_id, entry.actor_label, entry.object_type, entry.changes
        )
    references = visibility.References(withheld, pages=True).load(
        (entry.object_type, entry.object_id, entry.changes) for entry in entries
    )
    loaded = list(loaded)
    files = _attachments(entries, loaded)
    context = (references, _diff_targets(entries, loaded, withheld))
    mixed = len({entry.object_type for entry in entries}) > 1
    own = (about._meta.label_lower, str(about.pk)) if about is not None else None
    for entry in entries:
        entry_model = model or _model_of(entry)
        # a page listing several records' entries (a commitment's milestones and reports, a
        # council's meetings) says which record each is about, by its name at the time
        # (and a record's page names the records inside it, even when all five are alike)
        inside = own is not None and (entry.object_type, str(entry.object_id)) != own
        entry.subject = _subject(entry, entry_model) if mixed or inside else ""
        if entry.action in (HistoryAction.WITHHOLD, HistoryAction.RELEASE):
            entry.field_changes = _describe_withholding(entry, entry_model)
            continue
        hidden = withheld.record_withheld(entry.object_type, entry.object_id) or withheld.fields(
            entry.object_type, entry.object_id
        )
        rows = _rows(entry, entry_model, withheld, hidden, context)
        if attached := _attached_row(entry, hidden, files):
            rows.append(attached)
        entry.field_changes = rows
    return entries


def fold_kept_diffs(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Described entries (newest first) without the update that an entry keeping its diff was
    recorded with: an amendment is recorded as the commitment's update and, next in the chain,
    the amendment keeping that same diff with its reason — shown once, as the amendment."""
    if not entries:  # a record made before the history (a fixture, an old import)
        return []
    folded, skip = [], set()
    for entry, older in zip(entries, [*entries[1:], None], strict=True):
        if entry.seq in skip:
            continue
        folded.append(entry)
        if older is not None and _keeps_diff_of(entry, older):
            skip.add(older.seq)
    return folded


def _keeps_diff_of(entry: HistoryEntry, older: HistoryEntry) -> bool:
    return (
        entry.action == HistoryAction.CREATE
        and older.action == HistoryAction.UPDATE
        and older.seq == entry.seq - 1  # recorded together, by the same person
        and older.actor_id == entry.actor_id
        and any(old is None and new == older.changes for old, new in entry.changes.values())
    )


def _subject(entry: HistoryEntry, model) -> str:
    kind = capfirst(model._meta.verbose_name) if model is not HistoryEntry else ""
    return f"{kind} «{entry.object_repr}»" if kind else entry.object_repr


def _model_of(entry: HistoryEntry) -> type[models.Model]:
    try:
        return apps.get_model(entry.object_type)
    except LookupError:  # a model since removed: its entries keep their raw field names
        return HistoryEntry
