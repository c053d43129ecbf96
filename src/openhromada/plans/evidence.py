"""A progress update's evidence files as its public history lists them: by name, linked to their
download, beside the entry that created the update (the files are not in its history values)."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openhromada.core.history_display import Attached

from .models import EvidenceFile, ProgressUpdate


def _url(hromada_slug: str, plan_slug: str, pk: int) -> str:
    return reverse("plans:evidence", args=[hromada_slug, plan_slug, pk])


def of_update(update: ProgressUpdate) -> list[tuple[str, str]]:
    """(name, url) of a loaded update's files (prefetched with its milestone, commitment and
    plan, as the commitment page has them)."""
    plan = update.milestone.commitment.plan
    return [(f.name, _url(plan.hromada.slug, plan.slug, f.pk)) for f in update.files.all()]


def for_updates(ids: set[str]) -> dict[str, list[tuple[str, str]]]:
    """{update id: [(name, url)]} for the updates `ids`, in one query."""
    rows = (
        EvidenceFile.objects.filter(update_id__in=ids)
        .order_by("pk")
        .values_list(
            "update_id",
            "pk",
            "name",
            "update__milestone__commitment__plan__hromada__slug",
            "update__milestone__commitment__plan__slug",
        )
    )
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for update_id, pk, name, hromada_slug, plan_slug in rows:
        found[str(update_id)].append((name, _url(hromada_slug, plan_slug, pk)))
    return found


EVIDENCE = Attached(
    "plans.progressupdate",
    title=_("evidence files"),
    load=for_updates,
    of=of_update,
    withheld_with="links",  # withholding an update's links withholds its files too
)
