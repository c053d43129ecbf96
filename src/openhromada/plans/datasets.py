"""Action plans, commitments, milestones and progress updates as open data.

Only public plans (not drafts) and what belongs to them; withheld records and fields are left
out by the shared dataset machinery (openhromada.opendata.base).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from openhromada.opendata.base import (
    API_URL,
    CREATED,
    HROMADA_CODE,
    PLACE_COLUMNS,
    UPDATED,
    UPDATED_SINCE,
    URL,
    Column,
    Dataset,
    Filter,
    absolute,
    add_places,
    api_url,
    hromada_filter,
    oblast_filter,
    page_prefix,
    place_fields,
    plain,
)

from .lifecycle import CompletionLevel, MilestoneStatus, PlanStatus
from .models import ActionPlan, Commitment, Milestone, ProgressUpdate

# "not a draft" rather than IN (public states): the database then walks the rows in id order (the
# keyset) and checks each one's plan, instead of collecting every public plan's rows and sorting.
DRAFT = PlanStatus.DRAFT
HROMADA = HROMADA_CODE


def _plan_path(hromada_slug: str, plan_slug: str) -> str:
    return f"{page_prefix('places:directory')}{hromada_slug}/plans/{plan_slug}/"


def _rows(row: dict, fields, renames: dict[str, str]) -> dict:
    return {renames.get(k, k): row[k] for k in fields}


# the plan of a milestone's (or a report's) commitment
PLAN_ID = Column("plan_id", "integer", _("The action plan."), references="plans.id")
PLAN_TITLE = Column("plan_title", "string", _("Title of the action plan."))
COMMITMENT_TITLE = Column(
    "commitment_title", "string", _("Title of the commitment."), nullable=True
)


PLAN_FIELDS = (
    "id",
    "hromada__code",
    "slug",
    "title",
    "summary",
    "start_date",
    "end_date",
    "status",
    "status_changed_at",
    "progress_percent",
    "overdue_count",
    "origin",
    "created_at",
    "updated_at",
)


def _plan_row(row: dict, withheld) -> dict:
    out = _rows(row, PLAN_FIELDS, {"hromada__code": "hromada_code"})
    out["url"] = absolute(_plan_path(row["hromada__slug"], row["slug"]))
    out["api_url"] = api_url("plans", row["id"])
    add_places(row, "hromada__", out)
    return withheld.redact_row("plans.actionplan", row["id"], out)


PLANS = Dataset(
    key="plans",
    temporal=("start_date", "end_date"),
    schema_name="ActionPlan",
    model_label="plans.actionplan",
    title=_("OGP Local action plans"),
    description=_(
        "Every public action plan of every hromada: period, status, overall progress and "
        "overdue milestones."
    ),
    keywords=("OGP Local", "план дій", "відкритий уряд"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the plan.")),
        HROMADA,
        Column.from_field(ActionPlan, "slug"),
        Column.from_field(ActionPlan, "title"),
        Column.from_field(ActionPlan, "summary", nullable=True),
        Column.from_field(ActionPlan, "start_date"),
        Column.from_field(ActionPlan, "end_date"),
        Column.from_field(ActionPlan, "status"),
        Column.from_field(ActionPlan, "status_changed_at", nullable=True),
        Column.from_field(ActionPlan, "progress_percent"),
        Column.from_field(ActionPlan, "overdue_count"),
        Column.from_field(ActionPlan, "origin"),
        CREATED,
        UPDATED,
        URL,
        API_URL,
        *PLACE_COLUMNS,
    ),
    queryset=lambda withheld: ActionPlan.objects.public().values(
        *PLAN_FIELDS, "hromada__slug", *place_fields("hromada__")
    ),
    to_row=_plan_row,
    filters=(
        hromada_filter("hromada__"),
        oblast_filter("hromada__"),
        Filter("status", "status", PlanStatus, _("Status (drafts are never public).")),
        Filter("starts_from", "start_date__gte", dt.date, _("Starting on or after this date.")),
        Filter("ends_by", "end_date__lte", dt.date, _("Ending on or before this date.")),
        UPDATED_SINCE,
    ),
)

COMMITMENT_FIELDS = (
    "id",
    "plan_id",
    "plan__hromada__code",
    "number",
    "title",
    "problem",
    "baseline",
    "objective",
    "how_it_solves",
    "value_access_to_information",
    "value_civic_participation",
    "value_public_accountability",
    "value_technology_innovation",
    "lead_body",
    "start_date",
    "end_date",
    "budget_amount",
    "budget_currency",
    "budget_source",
    "sdgs",
    "tags",
    "progress_percent",
    "completion",
    "overdue_count",
    "created_at",
    "updated_at",
)


def _commitment_row(row: dict, withheld) -> dict:
    out = _rows(row, COMMITMENT_FIELDS, {"plan__hromada__code": "hromada_code"})
    out["budget_amount"] = plain(out["budget_amount"])
    path = _plan_path(row["plan__hromada__slug"], row["plan__slug"])
    out["url"] = absolute(f"{path}commitments/{row['number']}/")
    out["api_url"] = api_url("commitments", row["id"])
    add_places(row, "plan__hromada__", out)
    out["plan_title"] = row["plan__title"]
    return withheld.redact_row("plans.commitment", row["id"], out)


def _text(model, name: str) -> Column:
    """A text column, empty (null) when the text is withheld."""
    return Column.from_field(model, name, nullable=True)


COMMITMENTS = Dataset(
    key="commitments",
    temporal=("start_date", "end_date"),
    schema_name="Commitment",
    model_label="plans.commitment",
    title=_("Commitments of OGP Local action plans"),
    description=_(
        "Each commitment in the OGP template: problem, baseline, objective, OGP values, lead "
        "body, dates, budget, SDGs, progress and completion."
    ),
    keywords=("OGP Local", "зобов'язання", "план дій"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the commitment.")),
        Column.from_field(Commitment, "plan", references="plans.id"),
        HROMADA,
        Column.from_field(Commitment, "number"),
        Column.from_field(Commitment, "title"),
        *(
            _text(Commitment, name)
            for name in ("problem", "baseline", "objective", "how_it_solves")
        ),
        *(Column.from_field(Commitment, name) for name in Commitment.VALUE_FIELDS.values()),
        _text(Commitment, "lead_body"),
        Column.from_field(Commitment, "start_date"),
        Column.from_field(Commitment, "end_date"),
        Column.from_field(Commitment, "budget_amount", nullable=True),
        Column.from_field(Commitment, "budget_currency"),
        _text(Commitment, "budget_source"),
        Column.from_field(Commitment, "sdgs", type="integers"),
        Column.from_field(Commitment, "tags", type="strings"),
        Column.from_field(Commitment, "progress_percent"),
        Column.from_field(Commitment, "completion"),
        Column.from_field(Commitment, "overdue_count"),
        CREATED,
        UPDATED,
        URL,
        API_URL,
        *PLACE_COLUMNS,
        PLAN_TITLE,
    ),
    queryset=lambda withheld: Commitment.objects.exclude(plan__status=DRAFT).values(
        *COMMITMENT_FIELDS,
        "plan__slug",
        "plan__hromada__slug",
        "plan__title",
        *place_fields("plan__hromada__"),
    ),
    to_row=_commitment_row,
    filters=(
        Filter("plan", "plan_id", int, _("Identifier of the action plan.")),
        hromada_filter("plan__hromada__"),
        oblast_filter("plan__hromada__"),
        Filter("completion", "completion", CompletionLevel, _("Completion level.")),
        UPDATED_SINCE,
    ),
)


MILESTONE_FIELDS = (
    "id",
    "commitment_id",
    "commitment__plan_id",
    "commitment__plan__hromada__code",
    "number",
    "expected_output",
    "start_date",
    "due_date",
    "responsible_body",
    "weight",
    "status",
    "percent",
    "is_overdue",
    "created_at",
    "updated_at",
)
MILESTONE_NAMES = {
    "commitment__plan_id": "plan_id",
    "commitment__plan__hromada__code": "hromada_code",
}


def _commitment_path(row: dict, prefix: str) -> str:
    plan = _plan_path(row[f"{prefix}plan__hromada__slug"], row[f"{prefix}plan__slug"])
    return f"{plan}commitments/{row[prefix + 'number']}/"


def _milestone_row(row: dict, withheld) -> dict:
    out = _rows(row, MILESTONE_FIELDS, MILESTONE_NAMES)
    out["commitment_title"] = row["commitment__title"]
    out["url"] = absolute(_commitment_path(row, "commitment__") + f"#m{row['number']}")
    out["api_url"] = api_url("milestones", row["id"])
    add_places(row, "commitment__plan__hromada__", out)
    out["plan_title"] = row["commitment__plan__title"]
    out["commitment_number"] = row["commitment__number"]
    if "title" in withheld.fields("plans.commitment", row["commitment_id"]):
        out["commitment_title"] = None  # the title left out wherever it is withheld
    return withheld.redact_row("plans.milestone", row["id"], out)


MILESTONES = Dataset(
    key="milestones",
    temporal=("start_date", "due_date"),
    schema_name="Milestone",
    model_label="plans.milestone",
    title=_("Milestones of OGP Local commitments"),
    description=_(
        "Each milestone: expected output, dates, responsible body, weight, status, progress "
        "and whether it is overdue."
    ),
    keywords=("OGP Local", "етапи", "моніторинг виконання"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the milestone.")),
        Column.from_field(Milestone, "commitment", references="commitments.id"),
        PLAN_ID,
        HROMADA,
        Column.from_field(Milestone, "number"),
        _text(Milestone, "expected_output"),
        Column.from_field(Milestone, "start_date"),
        Column.from_field(Milestone, "due_date"),
        _text(Milestone, "responsible_body"),
        *(Column.from_field(Milestone, name) for name in ("weight", "status", "percent")),
        Column.from_field(Milestone, "is_overdue"),
        CREATED,
        UPDATED,
        URL,
        API_URL,
        *PLACE_COLUMNS,
        PLAN_TITLE,
        Column.from_field(Commitment, "number", name="commitment_number"),
        COMMITMENT_TITLE,
    ),
    queryset=lambda withheld: Milestone.objects.exclude(commitment__plan__status=DRAFT).values(
        *MILESTONE_FIELDS,
        "commitment__number",
        "commitment__title",
        "commitment__plan__slug",
        "commitment__plan__title",
        "commitment__plan__hromada__slug",
        *place_fields("commitment__plan__hromada__"),
    ),
    to_row=_milestone_row,
    filters=(
        Filter("commitment", "commitment_id", int, _("Identifier of the commitment.")),
        Filter("plan", "commitment__plan_id", int, _("Identifier of the action plan.")),
        hromada_filter("commitment__plan__hromada__"),
        oblast_filter("commitment__plan__hromada__"),
        Filter("status", "status", MilestoneStatus, _("Status.")),
        Filter("due_from", "due_date__gte", dt.date, _("Due on or after this date.")),
        Filter("due_to", "due_date__lte", dt.date, _("Due on or before this date.")),
        Filter("overdue", "is_overdue", bool, _("Overdue (true) or not (false).")),
        UPDATED_SINCE,
    ),
)

UPDATE_FIELDS = (
    "id",
    "milestone_id",
    "milestone__commitment_id",
    "milestone__commitment__plan_id",
    "milestone__commitment__plan__hromada__code",
    "date",
    "text",
    "status",
    "percent",
    "links",
    "author_label",
    "created_at",
)
UPDATE_NAMES = {
    "milestone__commitment_id": "commitment_id",
    "milestone__commitment__plan_id": "plan_id",
    "milestone__commitment__plan__hromada__code": "hromada_code",
    "author_label": "reported_by",
}


def _update_row(row: dict, withheld) -> dict:
    out = _rows(row, UPDATE_FIELDS, UPDATE_NAMES)
    out["links"] = [link.get("url", "") for link in row["links"] if isinstance(link, dict)]
    path = _commitment_path(row, "milestone__commitment__")
    out["url"] = absolute(f"{path}#m{row['milestone__number']}")
    out["api_url"] = api_url("progress-updates", row["id"])
    return withheld.redact_row("plans.progressupdate", row["id"], out)


PROGRESS_UPDATES = Dataset(
    key="progress-updates",
    temporal=("date", "date"),
    schema_name="ProgressUpdate",
    model_label="plans.progressupdate",
    title=_("Progress reports on OGP Local milestones"),
    description=_(
        "What the hromada reported on each milestone: date, text, new status and progress, "
        "evidence links and who reported (public display name)."
    ),
    keywords=("OGP Local", "звіти про виконання", "моніторинг виконання"),
    frequency="DAILY",
    updated_field="created_at",
    columns=(
        Column("id", "integer", _("Stable identifier of the report.")),
        Column.from_field(ProgressUpdate, "milestone", references="milestones.id"),
        Column.from_field(Milestone, "commitment", references="commitments.id"),
        PLAN_ID,
        HROMADA,
        Column.from_field(ProgressUpdate, "date"),
        _text(ProgressUpdate, "text"),
        Column.from_field(ProgressUpdate, "status"),
        Column.from_field(ProgressUpdate, "percent"),
        Column.from_field(ProgressUpdate, "links", type="strings"),
        Column.from_field(ProgressUpdate, "author_label", name="reported_by"),
        CREATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: ProgressUpdate.objects.exclude(
        milestone__commitment__plan__status=DRAFT
    ).values(
        *UPDATE_FIELDS,
        "milestone__number",
        "milestone__commitment__number",
        "milestone__commitment__plan__slug",
        "milestone__commitment__plan__hromada__slug",
    ),
    to_row=_update_row,
    filters=(
        Filter("milestone", "milestone_id", int, _("Identifier of the milestone.")),
        Filter("commitment", "milestone__commitment_id", int, _("Identifier of the commitment.")),
        Filter("plan", "milestone__commitment__plan_id", int, _("Identifier of the action plan.")),
        Filter("date_from", "date__gte", dt.date, _("Reported on or after this date.")),
        Filter("date_to", "date__lte", dt.date, _("Reported on or before this date.")),
        Filter("updated_since", "created_at__gte", dt.datetime, _("Created at or after.")),
    ),
)
