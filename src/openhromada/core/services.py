"""The kernel every app's services write with: ask the permission, validate and save, and record
the change in the public history — one way, in one transaction, instead of a copy per app.

Services raise `core.errors.ServiceError` (a ValidationError: pages show it as a 400 with the
field's message, the API as an RFC 7807 problem) or Django's PermissionDenied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction

from .history import diff, record, record_create, snapshot
from .models import HistoryAction
from .permissions import refusal


def require(user, perm: str, obj: Any = None) -> None:
    """Refuse unless `user` has `perm` (on `obj`): the one "may they, now?" question. A
    permission declared with reasons (core.permissions) says which of its conditions failed."""
    if not user.has_perm(perm, obj):
        raise refusal(user, perm, obj)


def save(obj: models.Model, exclude: Iterable[str] | None = None) -> models.Model:
    """Validate the whole record (fields, choices, constraints), then save it."""
    obj.full_clean(exclude=exclude)
    obj.save()
    return obj


@transaction.atomic
def create_recorded(
    *, actor, obj: models.Model, history_fields: Sequence[str] | None = None
) -> models.Model:
    """Validate and save a new public record; its creation goes to the public history."""
    save(obj)
    record_create(actor=actor, obj=obj, fields=history_fields or obj.HISTORY_FIELDS)
    return obj


@transaction.atomic
def update_recorded(
    *,
    actor,
    obj: models.Model,
    values: Mapping[str, Any],
    fields: Iterable[str] | None = None,
    history_fields: Sequence[str] | None = None,
    exclude: Iterable[str] | None = None,
    check: Callable[[Any], None] | None = None,
    then: Callable[[Any], None] | None = None,
    related: Callable[[Any], dict[str, Any]] | None = None,
) -> dict[str, list[Any]]:
    """Set `values` (only those named in `fields`, when given), validate, save, and record what
    changed of `history_fields` (the model's HISTORY_FIELDS by default). Returns the changes.

    `check(obj)` runs on the changed record before it is validated and saved (rules that need
    the new values, raising ServiceError); `then(obj)` after it is saved and before the changes
    are read (related rows a history field is made of, e.g. a commitment's actors).
    `related(obj)` gives public values kept in other rows under names no attribute holds (a
    call's categories, a response's commitments), read before and after with the fields."""
    history_fields = history_fields or obj.HISTORY_FIELDS
    allowed = set(fields) if fields is not None else set(values)

    def public_values() -> dict[str, Any]:
        return {**snapshot(obj, history_fields), **(related(obj) if related else {})}

    before = public_values()
    for name, value in values.items():
        if name in allowed:
            setattr(obj, name, value)
    if check is not None:
        check(obj)
    save(obj, exclude=exclude)
    if then is not None:
        then(obj)
    changes = diff(before, public_values())
    if changes:
        record(actor=actor, obj=obj, action=HistoryAction.UPDATE, changes=changes)
    return changes
