"""Co-creation and consultations as open data: calls, proposals with their responses,
consultations, and comments with their outcomes.

Authors appear only by their public display name. Hidden content keeps its row (so counts add
up and the moderation is visible) with the text and the author left out; draft consultations
and everything in them stay out.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from openhromada.core import visibility
from openhromada.core.people import public_name
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
)
from openhromada.plans.models import Commitment

from .lifecycle import CommentOutcome, ResponseKind
from .models import Call, Comment, Consultation, Proposal

ORIGIN = Column.from_field(Call, "origin")  # the same field on every participation record
HIDDEN = Column.from_field(Proposal, "hidden_reason")  # proposals and comments alike


def author_name(display_name: str, user_id: int) -> str:
    """The public name as pages show it, in the platform's default language."""
    return public_name(display_name, user_id, settings.LANGUAGE_CODE)


def _page(name: str, pk: int) -> str:
    return absolute(f"{page_prefix('home')}{name}/{pk}/")


def _rename(row: dict, names: dict[str, str]) -> dict:
    return {names.get(k, k): v for k, v in row.items()}


CALL_FIELDS = (
    "id",
    "hromada__code",
    "plan_id",
    "title",
    "description",
    "rules",
    "category_names",
    "opens_at",
    "closes_at",
    "closed_at",
    "closed_reason",
    "origin",
    "created_at",
    "updated_at",
)


def _call_row(row: dict, withheld) -> dict:
    out = _rename(row, {"hromada__code": "hromada_code", "category_names": "categories"})
    out["url"] = _page("calls", row["id"])
    out["api_url"] = api_url("calls", row["id"])
    return out


CALLS = Dataset(
    key="calls",
    temporal=("opens_at", "closes_at"),
    schema_name="Call",
    model_label="participation.call",
    title=_("Calls for proposals"),
    description=_(
        "Calls for residents' proposals to OGP Local action plans in co-creation: dates, "
        "categories offered, rules and early closes."
    ),
    keywords=("співтворення", "пропозиції", "OGP Local"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the call.")),
        HROMADA_CODE,
        Column.from_field(Call, "plan", references="plans.id"),
        *(Column.from_field(Call, name) for name in ("title", "description", "rules")),
        Column.from_field(Call, "category_names", name="categories", type="strings"),
        Column.from_field(Call, "opens_at"),
        Column.from_field(Call, "closes_at"),
        Column.from_field(Call, "closed_at", nullable=True),
        Column.from_field(Call, "closed_reason"),
        ORIGIN,
        CREATED,
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: visibility.visible(Call.objects.all(), withheld).values(*CALL_FIELDS),
    to_row=_call_row,
    filters=(
        hromada_filter("hromada__"),
        oblast_filter("hromada__"),
        Filter("plan", "plan_id", int, _("Identifier of the action plan.")),
        UPDATED_SINCE,
    ),
)

PROPOSAL_FIELDS = (
    "id",
    "call_id",
    "call__hromada__code",
    "number",
    "title",
    "problem",
    "solution",
    "category__name",
    "author_id",
    "author__display_name",
    "created_at",
    "withdrawn_at",
    "support_count",
    "comment_count",
    "response",
    "response_reason",
    "responded_at",
    "merged_into_id",
    "commitment_ids",
    "hidden_reason",
    "origin",
    "updated_at",
)
PROPOSAL_NAMES = {"call__hromada__code": "hromada_code", "category__name": "category"}
HIDDEN_BLANKS = {"title": "", "problem": "", "solution": "", "author": ""}
# where a proposal is: read beside its fields, written as the readable-name columns
PROPOSAL_PLACES = place_fields("call__hromada__")
PROPOSAL_CONTEXT = {
    "call__title": "call_title",
    "call__plan_id": "plan_id",
    "call__plan__title": "plan_title",
}


def _proposal_row(row: dict, withheld) -> dict:
    out = _rename(
        {k: v for k, v in row.items() if k not in PROPOSAL_PLACES and k != "commitment_titles"},
        PROPOSAL_NAMES | PROPOSAL_CONTEXT,
    )
    add_places(row, "call__hromada__", out)
    out["commitment_titles"] = row["commitment_titles"]
    out["author"] = author_name(out.pop("author__display_name"), out.pop("author_id"))
    out["category"] = out["category"] or ""
    if out["hidden_reason"]:
        out.update(HIDDEN_BLANKS)
    out["url"] = _page("proposals", row["id"])
    out["api_url"] = api_url("proposals", row["id"])
    return out


def _proposal_references(rows: list[dict], withheld) -> None:
    """The commitments a proposal became, only while they are public, with their titles (one
    query per batch); a withheld title is left out."""
    visibility.keep_visible_ids(rows, "commitment_ids", "plans.commitment", withheld)
    wanted = {pk for row in rows for pk in row["commitment_ids"] or ()}
    titles = dict(Commitment.objects.filter(pk__in=wanted).values_list("pk", "title"))
    for row in rows:
        row["commitment_titles"] = [
            "" if "title" in withheld.fields("plans.commitment", pk) else titles.get(pk, "")
            for pk in row["commitment_ids"] or ()
        ]


PROPOSALS = Dataset(
    key="proposals",
    schema_name="Proposal",
    model_label="participation.proposal",
    title=_("Residents' proposals and the responses to them"),
    description=_(
        "Every proposal to a call, with its supports and comments counted, and the hromada's "
        "reasoned response: accepted (with the commitments it became), partly accepted, merged "
        "or rejected."
    ),
    keywords=("пропозиції", "обґрунтована відповідь", "співтворення"),
    frequency="CONT",
    columns=(
        Column("id", "integer", _("Stable identifier of the proposal.")),
        Column.from_field(Proposal, "call", references="calls.id"),
        HROMADA_CODE,
        *(Column.from_field(Proposal, name) for name in ("number", "title", "problem", "solution")),
        Column.from_field(Proposal, "category", name="category", type="string"),
        Column.from_field(Proposal, "author", name="author", type="string"),  # the public name
        Column.from_field(Proposal, "created_at"),
        Column.from_field(Proposal, "withdrawn_at", nullable=True),
        *(
            Column.from_field(Proposal, name)
            for name in ("support_count", "comment_count", "response", "response_reason")
        ),
        Column.from_field(Proposal, "responded_at", nullable=True),
        Column.from_field(Proposal, "merged_into", nullable=True),
        Column.from_field(Proposal, "commitment_ids", type="integers"),
        HIDDEN,
        ORIGIN,
        UPDATED,
        URL,
        API_URL,
        *PLACE_COLUMNS,
        Column.from_field(Call, "title", name="call_title"),
        Column.from_field(Call, "plan", references="plans.id"),
        Column("plan_title", "string", _("Title of the action plan the call is for.")),
        Column(
            "commitment_titles",
            "strings",
            _("Titles of the commitments in commitment_ids, in the same order."),
        ),
    ),
    queryset=lambda withheld: Proposal.objects.filter(
        visibility.public_in("participation.call", withheld, "call")
    ).values(*PROPOSAL_FIELDS, *PROPOSAL_CONTEXT, *PROPOSAL_PLACES),
    every_row=lambda withheld: Proposal.objects.values(
        *PROPOSAL_FIELDS, *PROPOSAL_CONTEXT, *PROPOSAL_PLACES
    ),
    to_row=_proposal_row,
    prepare=_proposal_references,
    filters=(
        Filter("call", "call_id", int, _("Identifier of the call.")),
        hromada_filter("call__hromada__"),
        oblast_filter("call__hromada__"),
        Filter("response", "response", ResponseKind, _("Response.")),
        Filter("answered", "responded_at__isnull", bool, _("Has a response."), invert=True),
        UPDATED_SINCE,
    ),
)

CONSULTATION_FIELDS = (
    "id",
    "hromada__code",
    "plan_id",
    "title",
    "description",
    "opens_at",
    "closes_at",
    "closed_at",
    "published_at",
    "report",
    "report_published_at",
    "origin",
    "updated_at",
)


def _consultation_row(row: dict, withheld) -> dict:
    out = _rename(row, {"hromada__code": "hromada_code"})
    out["url"] = _page("consultations", row["id"])
    out["api_url"] = api_url("consultations", row["id"])
    out["survey_csv_url"] = out["url"] + "survey.csv"
    return out


CONSULTATIONS = Dataset(
    key="consultations",
    temporal=("opens_at", "closes_at"),
    schema_name="Consultation",
    model_label="participation.consultation",
    title=_("Public consultations"),
    description=_(
        "Public consultations on draft documents: the comment period and the summary report. "
        "The comments are in the participation-comments dataset; survey results per "
        "consultation at survey_csv_url."
    ),
    keywords=("громадське обговорення", "консультації", "звіт"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the consultation.")),
        HROMADA_CODE,
        Column.from_field(Consultation, "plan", nullable=True),
        *(
            Column.from_field(Consultation, name)
            for name in ("title", "description", "opens_at", "closes_at")
        ),
        Column.from_field(Consultation, "closed_at", nullable=True),
        Column.from_field(Consultation, "published_at"),
        Column.from_field(Consultation, "report"),
        Column.from_field(Consultation, "report_published_at", nullable=True),
        ORIGIN,
        UPDATED,
        URL,
        API_URL,
        Column("survey_csv_url", "string", _("The survey's results as CSV.")),
    ),
    queryset=lambda withheld: visibility.visible(Consultation.objects.all(), withheld).values(
        *CONSULTATION_FIELDS
    ),
    to_row=_consultation_row,
    prepare=lambda rows, withheld: visibility.keep_visible_ids(
        rows, "plan_id", "plans.actionplan", withheld
    ),
    filters=(
        hromada_filter("hromada__"),
        oblast_filter("hromada__"),
        UPDATED_SINCE,
    ),
)

COMMENT_FIELDS = (
    "id",
    "proposal_id",
    "section__consultation_id",
    "section__number",
    "parent_id",
    "author_id",
    "author__display_name",
    "text",
    "created_at",
    "outcome",
    "outcome_reason",
    "hidden_reason",
    "origin",
    "updated_at",
)
COMMENT_NAMES = {
    "section__consultation_id": "consultation_id",
    "section__number": "section_number",
}


def _comment_row(row: dict, withheld) -> dict:
    out = _rename(row, COMMENT_NAMES)
    out["author"] = author_name(out.pop("author__display_name"), out.pop("author_id"))
    if out["hidden_reason"]:
        out["text"], out["author"] = "", ""
    if out["proposal_id"]:
        out["url"] = _page("proposals", out["proposal_id"]) + f"#comment-{row['id']}"
    else:
        out["url"] = _page("consultations", out["consultation_id"]) + f"#comment-{row['id']}"
    out["api_url"] = api_url("participation-comments", row["id"])
    return out


def _public_comments(withheld):
    """Comments on public proposals and sections (not those under a hidden proposal); hidden
    ones keep their row, blanked."""
    return Comment.objects.filter(
        visibility.public_in("participation.proposal", withheld, "proposal", nullable=True),
        visibility.public_in("participation.section", withheld, "section", nullable=True),
    )


COMMENTS = Dataset(
    key="participation-comments",
    schema_name="ParticipationComment",
    model_label="participation.comment",
    title=_("Comments on proposals and consultations"),
    description=_(
        "Residents' comments on proposals and on sections of consultation drafts (replies one "
        "level deep), with the outcome of each consultation comment."
    ),
    keywords=("коментарі", "громадське обговорення"),
    frequency="CONT",
    columns=(
        Column("id", "integer", _("Stable identifier of the comment.")),
        Column.from_field(Comment, "proposal", nullable=True, references="proposals.id"),
        Column(
            "consultation_id",
            "integer",
            _("The consultation commented on."),
            nullable=True,
            references="consultations.id",
        ),
        Column("section_number", "integer", _("The draft's section."), nullable=True),
        Column.from_field(Comment, "parent", nullable=True),
        Column.from_field(Comment, "author", name="author", type="string"),  # the public name
        Column.from_field(Comment, "text"),
        Column.from_field(Comment, "created_at"),
        *(Column.from_field(Comment, name) for name in ("outcome", "outcome_reason")),
        HIDDEN,
        ORIGIN,
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: _public_comments(withheld).values(*COMMENT_FIELDS),
    every_row=lambda withheld: Comment.objects.values(*COMMENT_FIELDS),
    to_row=_comment_row,
    filters=(
        Filter("proposal", "proposal_id", int, _("Identifier of the proposal.")),
        Filter(
            "consultation", "section__consultation_id", int, _("Identifier of the consultation.")
        ),
        Filter("outcome", "outcome", CommentOutcome, _("Outcome.")),
        UPDATED_SINCE,
    ),
)
