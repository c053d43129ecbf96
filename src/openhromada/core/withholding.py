"""Withholding: keep a sensitive record or field out of every public output, on the record.

Apps declare what can be withheld (`register`); every public output — pages, API, exports, feeds,
catalogue, history — reads the active withholdings once (`active()`) and applies them with the
helpers here, so one decision takes effect everywhere at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ServiceError
from .history import record
from .models import HistoryAction, Withholding
from .visibility import announce_publicity_change

WITHHELD_TEXT = gettext_lazy("withheld from publication")

WHOLE_RECORD = "*"


@dataclass(frozen=True)
class Withholdable:
    """What of one model can be withheld, and how its rows find their withheld ancestors."""

    label: str  # app_label.model
    fields: tuple[str, ...]
    record: bool = True
    # {ancestor label: lookup from this model to the ancestor's pk}; the model itself is "pk"
    ancestors: dict[str, str] = field(default_factory=dict)


REGISTRY: dict[str, Withholdable] = {}


def register(spec: Withholdable) -> None:
    REGISTRY[spec.label] = spec


def _label(obj_or_label) -> str:
    return obj_or_label if isinstance(obj_or_label, str) else obj_or_label._meta.label_lower


class Active:
    """The withholdings in force, loaded in one query; answers every output's questions."""

    def __init__(self, rows):
        self._fields: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._records: dict[str, set[str]] = defaultdict(set)
        for object_type, object_id, name in rows:
            if name:
                self._fields[(object_type, object_id)].add(name)
            else:
                self._records[object_type].add(object_id)

    def __bool__(self) -> bool:
        return bool(self._fields or self._records)

    def ids(self, label: str) -> list[int]:
        return [int(i) for i in self._records.get(label, ()) if i.isdigit()]

    def fields(self, obj_or_label, pk) -> set[str]:
        return self._fields.get((_label(obj_or_label), str(pk)), set())

    def field_ids(self, label: str, name: str) -> list[int]:
        """Ids of `label` records whose field `name` is withheld (e.g. to keep search off it)."""
        return [
            int(pk)
            for (kind, pk), names in self._fields.items()
            if kind == label and name in names and pk.isdigit()
        ]

    def record_withheld(self, obj_or_label, pk) -> bool:
        return str(pk) in self._records.get(_label(obj_or_label), ())

    def hides(self, obj: models.Model) -> bool:
        """Is `obj` withheld, itself or through an ancestor?"""
        spec = REGISTRY.get(obj._meta.label_lower)
        if spec is None:
            return False
        for label, lookup in {spec.label: "pk", **spec.ancestors}.items():
            *path, attname = lookup.split("__")
            value = obj
            for part in path:
                value = getattr(value, part)
            if self.record_withheld(label, getattr(value, attname)):
                return True
        return False

    def exclude(self, queryset: models.QuerySet) -> models.QuerySet:
        """`queryset` without withheld records or records under a withheld ancestor."""
        spec = REGISTRY.get(queryset.model._meta.label_lower)
        if spec is None or not self._records:
            return queryset
        for label, lookup in {spec.label: "pk", **spec.ancestors}.items():
            if ids := self.ids(label):
                queryset = queryset.exclude(**{f"{lookup}__in": ids})
        return queryset

    def keep(self, objects) -> list:
        """The objects of a list (e.g. a prefetched relation) that are not withheld."""
        return [o for o in objects if not self.hides(o)] if self._records else list(objects)

    def published(self, objects, *relations: str) -> list:
        """What of `objects` may be shown: withheld ones dropped, the rest redacted, and each
        prefetched relation in `relations` pruned the same way."""
        kept = [self.redact(o) for o in self.keep(objects)]
        for obj in kept:
            for relation in relations:
                self.prune(obj, relation)
        return kept

    def prune(self, obj: models.Model, relation: str) -> list:
        """Drop withheld objects from a prefetched relation and redact the rest, in place."""
        cached = getattr(obj, "_prefetched_objects_cache", {}).get(relation)
        if cached is None:
            return [self.redact(o) for o in self.keep(getattr(obj, relation).all())]
        kept = [self.redact(o) for o in self.keep(cached)]
        cached._result_cache = kept
        return kept

    def redact(self, obj: models.Model) -> models.Model:
        """Blank the withheld fields of an instance in place (text → a notice, others → None)."""
        names = self.fields(obj, obj.pk)
        for name in names:
            setattr(obj, name, _blank(obj._meta.get_field(name)))
        obj.withheld_fields = names  # empty when nothing is: templates can always ask
        return obj

    def redact_row(self, label: str, pk, row: dict, names: dict[str, str] | None = None) -> dict:
        """Blank withheld fields of an output row; `names` maps model fields to row keys."""
        for name in self.fields(label, pk):
            key = (names or {}).get(name, name)
            if key in row:
                row[key] = None
        return row

    def redact_entry(self, entry) -> None:
        """Hide withheld values (and, for a withheld record, its name) in a history entry."""
        if self.record_withheld(entry.object_type, entry.object_id):
            entry.object_repr = str(WITHHELD_TEXT)
            if entry.action not in (HistoryAction.WITHHOLD, HistoryAction.RELEASE):
                entry.changes = {k: [None, None] for k in entry.changes}
            return
        hidden = self.fields(entry.object_type, entry.object_id)
        if hidden:  # a record's name may quote a withheld field: name it neutrally
            entry.object_repr = _neutral_name(entry.object_type, entry.object_id)
        if hidden and entry.action not in (HistoryAction.WITHHOLD, HistoryAction.RELEASE):
            entry.changes = {
                k: ([None, None] if k in hidden else v) for k, v in entry.changes.items()
            }


def _neutral_name(label: str, pk: str) -> str:
    return f"{apps.get_model(label)._meta.verbose_name} #{pk}"


def _blank(model_field):
    if isinstance(model_field, models.URLField):
        return ""  # never a link to nowhere
    if isinstance(model_field, models.CharField | models.TextField):
        return str(WITHHELD_TEXT)
    if isinstance(model_field, models.JSONField):
        return []
    return None


def active() -> Active:
    return Active(
        Withholding.objects.filter(released_at__isnull=True).values_list(
            "object_type", "object_id", "field"
        )
    )


def for_request(request) -> Active:
    """The active withholdings, read once per request (and shared with permission checks on
    the request's user: see for_user)."""
    if not hasattr(request, "_withheld"):
        user = getattr(request, "user", None)
        known = getattr(user, "_withheld", None)
        request._withheld = active() if known is None else known
        if user is not None:
            user._withheld = request._withheld
    return request._withheld


def for_user(user) -> Active:
    """The active withholdings for rules that only see the user: read once per request (the
    user object lives as long as its request)."""
    if getattr(user, "_withheld", None) is None:
        user._withheld = active()
    return user._withheld


def check(actor, obj, field_name: str, reason: str) -> Withholdable:
    """May `actor` withhold `obj` (or its field) for `reason`? The one rule the service and the
    admin's form both ask; raises PermissionDenied or a ValidationError naming the field."""
    if not actor.has_perm("core.withhold"):
        raise PermissionDenied
    spec = REGISTRY.get(obj._meta.label_lower)
    if spec is None:
        raise ServiceError(_("Records of this kind cannot be withheld."))
    if field_name and field_name not in spec.fields:
        raise ServiceError(
            {
                "field": _("This field cannot be withheld. Allowed: %(f)s.")
                % {"f": ", ".join(spec.fields)}
            }
        )
    if not field_name and not spec.record:
        raise ServiceError({"field": _("Choose a field: the whole record cannot be withheld.")})
    if not reason.strip():
        raise ServiceError({"reason": _("Give the reason: it is published.")})
    active_now = Withholding.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        field=field_name,
        released_at__isnull=True,
    )
    if active_now.exists():
        raise ServiceError(_("This is already withheld."))
    return spec


@transaction.atomic
def withholding_create(*, actor, obj: models.Model, field: str = "", reason: str) -> Withholding:
    """Withhold `obj` (or its `field`) from every public output; the decision goes to history."""
    check(actor, obj, field, reason)
    item = Withholding(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        field=field,
        reason=reason.strip(),
        created_by=actor,
    )
    item.clean_fields()  # the reason is published in the history as cleaned here
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ServiceError(_("This is already withheld.")) from None
    record(
        actor=actor,
        obj=obj,
        action=HistoryAction.WITHHOLD,
        changes={"field": [None, field or WHOLE_RECORD], "reason": [None, item.reason]},
    )
    announce_publicity_change()
    return item


@transaction.atomic
def withholding_release(*, actor, withholding: Withholding, reason: str) -> Withholding:
    """Publish again what was withheld; the decision goes to history."""
    if not actor.has_perm("core.withhold"):
        raise PermissionDenied
    item = Withholding.objects.select_for_update().get(pk=withholding.pk)
    if item.released_at:
        raise ServiceError(_("This has already been published again."))
    if not reason.strip():
        raise ServiceError({"release_reason": _("Give the reason: it is published.")})
    item.released_at, item.release_reason = timezone.now(), reason.strip()
    item.clean_fields()
    item.save(update_fields=["released_at", "release_reason"])
    model = _model(item.object_type)
    obj = model.objects.get(pk=item.object_id)
    record(
        actor=actor,
        obj=obj,
        action=HistoryAction.RELEASE,
        changes={
            "field": [None, item.field or WHOLE_RECORD],
            "reason": [None, item.release_reason],
        },
    )
    announce_publicity_change()
    return item


def _model(label: str):
    return apps.get_model(label)
