"""The public history as open data: every entry about a public object, chain hashes included.

Entries about drafts, about records under a withheld record, and about accounts are left out;
entries about a withheld record or field are kept with the withheld values blanked, so the
withholding itself stays on record.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from openhromada.core import visibility
from openhromada.core.history_display import redact_diffs
from openhromada.core.history_pages import public_history
from openhromada.core.models import HistoryEntry
from openhromada.core.people import public_actor
from openhromada.core.withholding import Active

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


def public_entry_objects(withheld: Active):
    """History entries about public records (core.visibility): nothing inside a record that is
    not public — a draft plan, an unpublished meeting or consultation, hidden content — found
    with one indexed lookup on the entry's container, and nothing about a record that lives in
    a withheld one. Entries about a withheld record itself stay, its values blanked."""
    # The type test goes through an expression on purpose: on the bare column the database
    # would gather every public entry by type and sort them all, instead of walking the chain in
    # `seq` order (the keyset) and stopping after one page.
    return (
        public_history(withheld)
        .annotate(kind=Concat("object_type", Value("")))
        .filter(kind__in=PUBLIC_TYPES)
    )


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
        "actor_id",  # never published: tells an account's old id-label from a chosen name
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


def _prepare(rows: list[dict], withheld: Active) -> None:
    """Withheld fields inside kept diffs blanked, then references resolved, for a batch."""
    entries = [_Entry(row) for row in rows]
    redact_diffs(entries, withheld)
    for row, entry in zip(rows, entries, strict=True):
        row["changes"] = entry.changes
    _resolve_references(rows, withheld)


def _resolve_references(rows: list[dict], withheld: Active) -> None:
    """History values that refer to other records become {type, id, title} when the record is
    public and null when it is not (one query per kind of record for the whole batch)."""
    references = visibility.References(withheld).load(
        (row["object_type"], row["object_id"], row["changes"]) for row in rows
    )
    if not references.titles and not references.legacy_hidden:
        return
    for row in rows:
        row["changes"] = {
            name: [
                references.public(value, (row["object_type"], str(row["object_id"]), name))
                for value in pair
            ]
            for name, pair in row["changes"].items()
        }


def _entry_row(row: dict, withheld: Active) -> dict:
    entry = _Entry(row)
    withheld.redact_entry(entry)
    return {
        "seq": row["seq"],
        "created_at": row["created_at"],
        "actor": public_actor(
            row["actor_id"],
            row["actor_label"],
            row["object_type"],
            row["changes"],
            settings.LANGUAGE_CODE,
        ),
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
    temporal=("created_at", "created_at"),
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
        Column.from_field(HistoryEntry, "seq"),
        Column.from_field(HistoryEntry, "created_at"),
        Column(
            "actor",
            "string",
            _(
                'Public name of who made the change; "system" for the platform itself, '
                '"resident" for a change whose author stays private (a support of a proposal).'
            ),
        ),
        *(
            Column.from_field(HistoryEntry, name)
            for name in ("object_type", "object_id", "object_repr", "action")
        ),
        Column.from_field(HistoryEntry, "changes", type="object"),
        Column.from_field(HistoryEntry, "prev_hash"),
        Column.from_field(HistoryEntry, "hash"),
        Column("url", "string", _("This entry in the API.")),
    ),
    queryset=public_entries,
    to_row=_entry_row,
    prepare=_prepare,
    filters=(
        Filter("object_type", "object_type", str, _("app_label.model, e.g. plans.commitment.")),
        Filter("object_id", "object_id", str, _("Identifier of the record.")),
        Filter("since", "created_at__gte", dt.datetime, _("Made at or after (ISO 8601).")),
    ),
)
