"""The public history as open data: every entry about a public object, chain hashes included.

Entries about drafts, about records under a withheld record, and about accounts are left out;
entries about a withheld record or field are kept with the withheld values blanked, so the
withholding itself stays on record.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from openhromada.core.models import HistoryEntry
from openhromada.core.withholding import REGISTRY, Active

from .base import Column, Dataset, Filter, absolute

# object types whose history is public; anything else (accounts, roles) stays internal
PUBLIC_TYPES = (
    "places.oblast",
    "places.raion",
    "places.hromada",
    "monitoring.monitoringnetwork",
    "plans.actionplan",
    "plans.commitment",
    "plans.milestone",
    "plans.progressupdate",
    "plans.amendment",
    "councils.council",
    "councils.person",
    "councils.membership",
    "councils.meeting",
    "councils.agendaitem",
    "participation.call",
    "participation.proposal",
    "participation.comment",
    "participation.consultation",
    "participation.section",
    "participation.question",
    "councils.motion",
)
# Containers that are not public yet, as (container type, query of their ids): entries inside
# them stay out of every public list until they are published.
PRIVATE_CONTAINERS = (
    ("plans.actionplan", lambda: apps.get_model("plans.actionplan").objects.filter(status="draft")),
    (
        "councils.meeting",
        lambda: apps.get_model("councils.meeting").objects.filter(agenda_published_at=None),
    ),
    # a draft consultation; hidden proposals and comments (their text is in their entries)
    (
        "participation.consultation",
        lambda: apps.get_model("participation.consultation").objects.filter(published_at=None),
    ),
    (
        "participation.proposal",
        lambda: apps.get_model("participation.proposal").objects.exclude(hidden_at=None),
    ),
    (
        "participation.comment",
        lambda: apps.get_model("participation.comment").objects.exclude(hidden_at=None),
    ),
)
# council records that live inside a meeting: a withheld meeting takes their entries with it
COUNCIL_CHILD_TYPES = ("councils.agendaitem", "councils.motion")
# the plan-related types: their entries carry their plan as container
PLAN_TYPES = (
    "plans.actionplan",
    "plans.commitment",
    "plans.milestone",
    "plans.progressupdate",
    "plans.amendment",
)


def _under_withheld(label: str, withheld: Active):
    """Ids (as text) of `label` objects under a withheld ancestor, or None if there are none."""
    spec = REGISTRY.get(label)
    condition = Q()
    for ancestor, lookup in (spec.ancestors if spec else {}).items():
        if ids := withheld.ids(ancestor):
            condition |= Q(**{f"{lookup}__in": ids})
    if not condition:
        return None
    return _ids(label, condition)


def public_entry_objects(withheld: Active):
    """History entries about public objects: nothing inside a draft plan or an unpublished
    meeting (one indexed lookup on the entry's container), nothing under a withheld record."""
    # The type test goes through an expression on purpose: on the bare column the database
    # would gather every public entry by type and sort them all, instead of walking the chain in
    # `seq` order (the keyset) and stopping after one page.
    qs = HistoryEntry.objects.annotate(kind=Concat("object_type", Value(""))).filter(
        kind__in=PUBLIC_TYPES
    )
    for container_type, private in PRIVATE_CONTAINERS:
        qs = qs.exclude(container_type=container_type, container_id__in=private().values("pk"))
    for label in (*PLAN_TYPES, *COUNCIL_CHILD_TYPES):
        hidden = _under_withheld(label, withheld)
        if hidden is not None:
            qs = qs.exclude(object_type=label, object_id__in=hidden)
    return qs


COMMITMENT_PATHS = {
    "plans.commitment": "",
    "plans.milestone": "commitment__",
    "plans.progressupdate": "milestone__commitment__",
    "plans.amendment": "commitment__",
}


def _ids(label: str, *conditions, **lookup):
    model = apps.get_model(label)
    objects = model.objects.filter(*conditions, **lookup)
    return objects.annotate(sid=Cast("pk", CharField())).values("sid")


def scoped_entry_objects(withheld: Active, *, hromada=None, plan=None, commitment=None):
    """Public entries about a hromada (and its plans), a plan, or a commitment — all nested."""
    condition = Q(pk__in=[])
    if hromada is not None:
        plans = apps.get_model("plans.actionplan").objects.filter(hromada=hromada).values("pk")
        condition |= Q(object_type="places.hromada", object_id=str(hromada.pk))
        condition |= Q(container_type="plans.actionplan", container_id__in=plans)
    elif plan is not None:
        condition |= Q(container_type="plans.actionplan", container_id=plan.pk)
    elif commitment is not None:
        for label, prefix in COMMITMENT_PATHS.items():
            ids = _ids(label, **{f"{prefix}pk": commitment.pk})
            condition |= Q(object_type=label, object_id__in=ids)
    return public_entry_objects(withheld).filter(condition)


def public_entries(withheld: Active):
    return public_entry_objects(withheld).values(
        "seq",
        "created_at",
        "actor_label",
        "object_type",
        "object_id",
        "object_repr",
        "action",
        "changes",
        "prev_hash",
        "hash",
    )


class _Entry:
    """Just enough of an entry for Active.redact_entry."""

    def __init__(self, row):
        self.__dict__.update(row)


def _entry_row(row: dict, withheld: Active) -> dict:
    entry = _Entry(row)
    withheld.redact_entry(entry)
    return {
        "seq": row["seq"],
        "created_at": row["created_at"],
        "actor": row["actor_label"],
        "object_type": row["object_type"],
        "object_id": row["object_id"],
        "object_repr": entry.object_repr,
        "action": row["action"],
        "changes": entry.changes,
        "prev_hash": row["prev_hash"],
        "hash": row["hash"],
        "url": absolute(f"/api/v1/history/{row['seq']}"),
    }


HISTORY = Dataset(
    key="history",
    schema_name="HistoryEntry",
    model_label="core.historyentry",
    title=_("Public history of changes"),
    description=_(
        "Every recorded change to a public record: who (public name), when, what changed. "
        "Entries are hash-chained: each hash covers the entry and the previous hash."
    ),
    keywords=("історія змін", "прозорість", "підзвітність"),
    frequency="CONT",
    pk="seq",
    lookup="seq",
    updated_field="created_at",
    columns=(
        Column("seq", "integer", _("Position in the chain, from 1.")),
        Column("created_at", "datetime", _("When the change was made (UTC).")),
        Column("actor", "string", _("Public display name of who made the change.")),
        Column("object_type", "string", _("app_label.model of the changed record.")),
        Column("object_id", "string", _("Identifier of the changed record.")),
        Column("object_repr", "string", _("The record's name at the time.")),
        Column("action", "string", _("create, update, delete, withhold or release.")),
        Column("changes", "object", _("Field diff: {field: [old, new]}; withheld values null.")),
        Column("prev_hash", "string", _("Hash of the previous entry.")),
        Column("hash", "string", _("SHA-256 of this entry and the previous hash.")),
        Column("url", "string", _("This entry in the API.")),
    ),
    queryset=public_entries,
    to_row=_entry_row,
    filters=(
        Filter("object_type", "object_type", str, _("app_label.model, e.g. plans.commitment.")),
        Filter("object_id", "object_id", str, _("Identifier of the record.")),
        Filter("since", "created_at__gte", dt.datetime, _("Made at or after (ISO 8601).")),
    ),
)
