"""Writes to places: the codifier import and edits of hromadas, each with its public history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from openhromada.core.history import Change, diff, record_many, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import update_recorded

from .codifier import Codifier, Unit
from .models import Hromada, Oblast, Raion

Progress = Callable[[str, int, int], None]


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {"oblast": 0, "raion": 0, "hromada": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"oblast": 0, "raion": 0, "hromada": 0})


def _unique_slug(base: str, qualifiers: list[str], taken: set[str]) -> str:
    candidate = slugify(base)[:70] or "hromada"
    for qualifier in qualifiers:
        if candidate not in taken:
            break
        candidate = f"{candidate}-{slugify(qualifier)}"[:80]
    taken.add(candidate)
    return candidate


def _apply(obj, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _sync(
    model,
    units: list[Unit],
    values_for: Callable,
    new_obj: Callable,
    result,
    label,
    changes: list[Change],
) -> dict[str, object]:
    """Create or update `model` rows from codifier units; collect history changes."""
    existing = {obj.code: obj for obj in model.objects.all()}
    to_create, to_update, before = [], [], {}
    for unit in units:
        values = values_for(unit)
        obj = existing.get(unit.code)
        if obj is None:
            obj = new_obj(unit, values)
            to_create.append(obj)
            existing[unit.code] = obj
            continue
        snap = snapshot(obj, model.HISTORY_FIELDS)
        if _apply(obj, values):
            before[obj.code] = snap
            to_update.append(obj)
    for obj in to_create + to_update:
        obj.refresh_derived()  # bulk writes skip save()
    model.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        fields = [f for f in values_for(units[0]) if f != "code"]
        fields += [f for f in ("sort_key", "search_text", "updated_at") if hasattr(model, f)]
        model.objects.bulk_update(to_update, fields, batch_size=500)
    # bulk_create on SQLite/PostgreSQL sets primary keys; reload to be safe on any backend
    by_code = {obj.code: obj for obj in model.objects.all()}
    for obj in to_create:
        new = by_code[obj.code]
        after = snapshot(new, model.HISTORY_FIELDS)
        changes.append(Change(new, HistoryAction.CREATE, {k: [None, v] for k, v in after.items()}))
    for obj in to_update:
        new = by_code[obj.code]
        changes.append(
            Change(
                new,
                HistoryAction.UPDATE,
                diff(before[obj.code], snapshot(new, model.HISTORY_FIELDS)),
            )
        )
    result.created[label] += len(to_create)
    result.updated[label] += len(to_update)
    return by_code


@transaction.atomic
def codifier_import(
    *, codifier: Codifier, actor=None, progress: Progress | None = None
) -> ImportResult:
    """Load or update oblasts, raions and hromadas by code; every change goes to the history."""
    result, changes = ImportResult(), []
    say = progress or (lambda stage, done, total: None)

    oblast_slugs = set(Oblast.objects.values_list("slug", flat=True))
    oblasts = _sync(
        Oblast,
        codifier.top_level,
        lambda u: {
            "name_uk": u.name_uk,
            "name_en": u.name_en,
            "kind": {"K": "city"}.get(u.category, "arc" if u.code.startswith("UA01") else "oblast"),
            "temporarily_occupied": u.occupied,
        },
        lambda u, v: Oblast(code=u.code, slug=_unique_slug(u.name_en, [u.code], oblast_slugs), **v),
        result,
        "oblast",
        changes,
    )
    say("oblasts", len(codifier.top_level), len(codifier.top_level))
    raions = _sync(
        Raion,
        codifier.raions,
        lambda u: {"name_uk": u.name_uk, "name_en": u.name_en, "oblast": oblasts[u.top_code]},
        lambda u, v: Raion(code=u.code, **v),
        result,
        "raion",
        changes,
    )
    say("raions", len(codifier.raions), len(codifier.raions))

    hromada_slugs = set(Hromada.objects.values_list("slug", flat=True))

    def hromada_values(u: Unit) -> dict:
        return {
            "name_uk": u.name_uk,
            "name_en": u.name_en,
            "category": u.category,
            "oblast": oblasts[u.top_code],
            "raion": raions.get(u.parent_code),
            "kind": u.kind,
            "centre_name_uk": u.centre.name_uk if u.centre else "",
            "centre_name_en": u.centre.name_en if u.centre else "",
            "centre_code": u.centre.code if u.centre else "",
            "temporarily_occupied": u.occupied,
        }

    def new_hromada(u: Unit, v: dict) -> Hromada:
        region = v["oblast"].name_en.replace(" Oblast", "")
        return Hromada(
            code=u.code, slug=_unique_slug(u.name_en, [region, u.code[4:12]], hromada_slugs), **v
        )

    _sync(Hromada, codifier.hromadas, hromada_values, new_hromada, result, "hromada", changes)
    say("hromadas", len(codifier.hromadas), len(codifier.hromadas))
    record_many(actor=actor, changes=changes)
    return result


@transaction.atomic
def hromada_update(*, actor, hromada: Hromada, **values) -> Hromada:
    """Change a hromada's editable facts; validated, saved and recorded in its public history."""
    if unknown := set(values) - set(Hromada.HISTORY_FIELDS):  # a caller's mistake, not a user's
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    update_recorded(actor=actor, obj=Hromada.objects.get(pk=hromada.pk), values=values)
    hromada.refresh_from_db()
    return hromada
