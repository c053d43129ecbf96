"""The public history as people read it: each entry's changes with translated field labels and
displayable values — withheld values hidden, references to other records shown through the one
visibility rule (core.visibility)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import visibility
from .models import HistoryAction, HistoryEntry
from .people import public_actor
from .withholding import WITHHELD_TEXT, active


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


def _display(field, value, references) -> str:
    if value is None or value == "":
        return "—"
    if visibility.is_ref(value):
        return references.text(value)
    if isinstance(value, list) and any(visibility.is_ref(v) for v in value):
        return ", ".join(_display(None, v, references) for v in value)
    if isinstance(value, dict):
        return str(value.get(get_language() or "uk", value.get("uk", "")))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    return str(choices.get(value, value))


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
        FieldChange(_("what"), "—", _field_label(model, name)),
        FieldChange(_("reason"), "—", reason[1]),
    ]


def describe(
    entries: Iterable[HistoryEntry], model: type[models.Model] | None = None, withheld=None
) -> list[HistoryEntry]:
    """Attach `field_changes` (translated labels, displayable values) to each entry; withheld
    values are hidden and references to other records shown through their visibility. Without
    `model`, each entry's own model is used."""
    withheld = active() if withheld is None else withheld
    entries = list(entries)
    for entry in entries:
        withheld.redact_entry(entry)
        entry.actor_label = public_actor(
            entry.actor_id, entry.actor_label, entry.object_type, entry.changes
        )
    references = visibility.References(withheld).load(
        (entry.object_type, entry.object_id, entry.changes) for entry in entries
    )
    for entry in entries:
        entry_model = model or _model_of(entry)
        if entry.action in (HistoryAction.WITHHOLD, HistoryAction.RELEASE):
            entry.field_changes = _describe_withholding(entry, entry_model)
            continue
        hidden = withheld.record_withheld(entry.object_type, entry.object_id) or withheld.fields(
            entry.object_type, entry.object_id
        )
        rows = []
        for name, (old, new) in entry.changes.items():
            field, label = _field_and_label(entry_model, name)
            if hidden is True or (hidden and name in hidden):
                rows.append(FieldChange(label, str(WITHHELD_TEXT), str(WITHHELD_TEXT)))
                continue
            where = (entry.object_type, str(entry.object_id), name)
            old, new = (
                visibility.NOT_PUBLIC_TEXT if references.hidden(where, value) else value
                for value in (old, new)
            )
            rows.append(
                FieldChange(
                    label, _display(field, old, references), _display(field, new, references)
                )
            )
        entry.field_changes = rows
    return entries


def _model_of(entry: HistoryEntry) -> type[models.Model]:
    try:
        return apps.get_model(entry.object_type)
    except LookupError:  # a model since removed: its entries keep their raw field names
        return HistoryEntry
