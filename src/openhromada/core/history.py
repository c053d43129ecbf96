"""The public history's chain: record who changed what, when (every app's services call it),
read an object's entries, and verify the chain. Showing entries is `history_display`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from . import visibility
from .models import HistoryAction, HistoryEntry, HistoryHead, entry_hash
from .pagecache import bump_public_version
from .people import RESIDENT, RESIDENT_ACTOR_LABEL, SYSTEM_ACTOR_LABEL


@dataclass(frozen=True)
class Change:
    """One change waiting to be appended."""

    obj: models.Model
    action: str
    changes: dict[str, list[Any]]


def public_value(value: Any) -> Any:
    """A JSON-safe, stable representation of a field value for the diff."""
    if isinstance(value, models.Model):
        if hasattr(value, "name_uk") and hasattr(value, "name_en"):
            return {"uk": value.name_uk, "en": value.name_en}  # shown in the reader's language
        if value._meta.label_lower in visibility.REGISTRY:
            # a record that can be hidden, withheld or unpublished: its id, never its text
            return visibility.ref(value)
        return str(value)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        # one instant, one text: a form's Kyiv time and the database's UTC are not a change
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):  # tags, options, evidence links: a list, not its text
        return [public_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): public_value(item) for key, item in value.items()}
    return str(value)


def snapshot(obj: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    """The public values of `fields` on `obj`, ready to diff."""
    return {name: public_value(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose public value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def _actor(actor) -> tuple[int | None, str]:
    if actor is RESIDENT:  # a change whose author stays private: neither id nor name
        return None, RESIDENT_ACTOR_LABEL
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, SYSTEM_ACTOR_LABEL
    return actor.pk, actor.public_name


def _object_type(obj: models.Model) -> str:
    return obj._meta.label_lower


@transaction.atomic
def record_many(*, actor, changes: Iterable[Change]) -> list[HistoryEntry]:
    """Append entries for `changes`, in order, under the chain's lock."""
    changes = list(changes)
    if not changes:
        return []
    HistoryHead.objects.bulk_create([HistoryHead(id=1)], ignore_conflicts=True)
    head = HistoryHead.objects.select_for_update().get(id=1)
    actor_id, actor_label = _actor(actor)
    now = timezone.now()
    entries = []
    for change in changes:
        container_type, container_id = getattr(change.obj, "history_container", ("", None))
        entry = HistoryEntry(
            container_type=container_type,
            container_id=container_id,
            seq=head.last_seq + 1,
            created_at=now,
            actor_id=actor_id,
            actor_label=actor_label[:200],
            object_type=_object_type(change.obj),
            object_id=str(change.obj.pk),
            object_repr=str(change.obj)[:300],
            action=change.action,
            changes=change.changes,
            prev_hash=head.last_hash,
        )
        entry.hash = entry_hash(entry)
        head.last_seq, head.last_hash = entry.seq, entry.hash
        entries.append(entry)
    HistoryEntry.objects.bulk_create(entries, batch_size=500)
    transaction.on_commit(bump_public_version)  # cached public pages are now out of date
    HistoryHead.objects.filter(id=1).update(last_seq=head.last_seq, last_hash=head.last_hash)
    return entries


def record(*, actor, obj: models.Model, action: str, changes: dict[str, list[Any]]) -> HistoryEntry:
    """Append one entry for `obj`."""
    return record_many(actor=actor, changes=[Change(obj, action, changes)])[0]


def record_create(*, actor, obj: models.Model, fields: Sequence[str]) -> HistoryEntry:
    after = snapshot(obj, fields)
    return record(
        actor=actor,
        obj=obj,
        action=HistoryAction.CREATE,
        changes={k: [None, v] for k, v in after.items()},
    )


def history_for(obj: models.Model):
    """The public history of one object, newest first."""
    return HistoryEntry.objects.filter(object_type=_object_type(obj), object_id=str(obj.pk))


@dataclass
class ChainReport:
    checked: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Recompute every hash and link; report any edited, inserted or deleted entry."""
    problems: list[str] = []
    expected_seq, prev_hash, checked = 1, "0" * 64, 0
    for entry in HistoryEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        checked += 1
        if entry.seq != expected_seq:
            problems.append(
                f"entry #{entry.seq}: expected #{expected_seq} — entries deleted or inserted"
            )
        if entry.prev_hash != prev_hash:
            problems.append(f"entry #{entry.seq}: link to the previous entry is broken")
        if entry_hash(entry) != entry.hash:
            problems.append(f"entry #{entry.seq}: content does not match its hash — edited")
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    head = HistoryHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is None:
        if checked:
            problems.append("the chain head is missing")
    elif head.last_seq != last_seq or head.last_hash != prev_hash:
        problems.append(
            f"the chain head points at #{head.last_seq} but the last entry is #{last_seq} "
            "— entries deleted from the end"
        )
    return ChainReport(checked=checked, problems=problems)


def history_for_many(objects: Iterable[models.Model], limit: int = 200):
    """The public history of several objects together, newest first (one query)."""
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(object_type=_object_type(obj), object_id=str(obj.pk))
    return HistoryEntry.objects.filter(condition)[:limit]
