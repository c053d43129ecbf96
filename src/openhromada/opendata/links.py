"""The page each history entry is about, for a batch of entries (one query per object type)."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.urls import reverse

# object type → (path to the plan from the object, path to the commitment number or None)
PLAN_PAGES = {
    "plans.actionplan": ("", None),
    "plans.commitment": ("plan__", "number"),
    "plans.milestone": ("commitment__plan__", "commitment__number"),
    "plans.progressupdate": ("milestone__commitment__plan__", "milestone__commitment__number"),
    "plans.amendment": ("commitment__plan__", "commitment__number"),
}

# object type → (page path segment, the field holding that page's id)
PARTICIPATION_PAGES = {
    "participation.call": ("calls", "pk"),
    "participation.proposal": ("proposals", "pk"),
    "participation.consultation": ("consultations", "pk"),
    "participation.section": ("consultations", "consultation_id"),
    "participation.question": ("consultations", "consultation_id"),
}


def _participation_urls(wanted: dict[str, set[str]], urls: dict) -> None:
    for label, (segment, field) in PARTICIPATION_PAGES.items():
        if ids := wanted.pop(label, None):
            for pk, page_id in (
                apps.get_model(label).objects.filter(pk__in=ids).values_list("pk", field)
            ):
                urls[(label, str(pk))] = f"/{segment}/{page_id}/"
    if ids := wanted.pop("participation.comment", None):
        rows = apps.get_model("participation.comment").objects.filter(pk__in=ids)
        for pk, proposal, consultation in rows.values_list(
            "pk", "proposal_id", "section__consultation_id"
        ):
            page = f"/proposals/{proposal}/" if proposal else f"/consultations/{consultation}/"
            urls[("participation.comment", str(pk))] = f"{page}#comment-{pk}"


def page_urls(entries) -> dict[tuple[str, str], str]:
    """{(object_type, object_id): page path} for the entries' objects."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        wanted[entry.object_type].add(entry.object_id)
    directory = reverse("places:directory")
    urls: dict[tuple[str, str], str] = {}
    if ids := wanted.pop("places.hromada", None):
        for pk, slug in (
            apps.get_model("places.hromada").objects.filter(pk__in=ids).values_list("pk", "slug")
        ):
            urls[("places.hromada", str(pk))] = f"{directory}{slug}/"
    for label, (to_plan, number) in PLAN_PAGES.items():
        if not (ids := wanted.pop(label, None)):
            continue
        fields = ["pk", f"{to_plan}slug", f"{to_plan}hromada__slug"] + ([number] if number else [])
        for row in apps.get_model(label).objects.filter(pk__in=ids).values_list(*fields):
            path = f"{directory}{row[2]}/plans/{row[1]}/"
            urls[(label, str(row[0]))] = f"{path}commitments/{row[3]}/" if number else path
    _participation_urls(wanted, urls)
    for label, ids in wanted.items():  # oblasts, raions, networks: the directory
        for pk in ids:
            urls[(label, pk)] = directory
    return urls
