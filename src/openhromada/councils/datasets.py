"""Coordination councils as open data: councils, members, meetings, decisions and votes.

Only what is public: meetings whose agenda is published and what was decided at them; people by
their public name (the linked account never leaves the platform).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from openhromada.core import visibility
from openhromada.opendata.base import (
    API_URL,
    HROMADA_CODE,
    UPDATED,
    UPDATED_SINCE,
    URL,
    Column,
    Dataset,
    Filter,
    absolute,
    api_url,
    hromada_filter,
    oblast_filter,
    page_prefix,
)

from .lifecycle import Post, Result, Sector, Topic, side_of
from .models import AgendaItem, Council, Meeting, Membership, Motion, Person, Vote

HROMADA = HROMADA_CODE


def council_column(model) -> Column:
    return Column.from_field(model, "council", references="councils.id")


PERSON_NAME = Column.from_field(Person, "name", name="person_name")
BY_COUNCIL = Filter("council", "council_id", int, _("Identifier of the council."))


def SLUG(prefix: str) -> F:
    return F(f"{prefix}hromada__slug")


def _council_path(hromada_slug: str) -> str:
    return f"{page_prefix('places:directory')}{hromada_slug}/council/"


def _row(row: dict, names: dict[str, str]) -> dict:
    return {names.get(k, k): v for k, v in row.items() if k != "hromada_slug"}


COUNCIL_FIELDS = (
    "id",
    "hromada__code",
    "name",
    "founding_decision_number",
    "founding_decision_date",
    "term_start",
    "term_end",
    "quorum_percent",
    "notice_days",
    "minutes_due_days",
    "origin",
    "updated_at",
)


def _council_row(row: dict, withheld) -> dict:
    out = _row(row, {"hromada__code": "hromada_code"})
    out["url"] = absolute(_council_path(row["hromada_slug"]))
    out["api_url"] = api_url("councils", row["id"])
    out["popolo_url"] = absolute(_council_path(row["hromada_slug"]) + "popolo.json")
    return out


COUNCILS = Dataset(
    key="councils",
    schema_name="Council",
    model_label="councils.council",
    title=_("Coordination councils"),
    description=_(
        "The coordination council (multi-stakeholder forum) of each hromada in OGP Local: "
        "founding decision, term and rules of quorum and notice."
    ),
    keywords=("координаційна рада", "OGP Local", "багатосторонній форум"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the council.")),
        HROMADA,
        Column.from_field(Council, "name"),
        Column.from_field(Council, "founding_decision_number"),
        Column.from_field(Council, "founding_decision_date", nullable=True),
        Column.from_field(Council, "term_start"),
        Column.from_field(Council, "term_end", nullable=True),
        *(
            Column.from_field(Council, name)
            for name in ("quorum_percent", "notice_days", "minutes_due_days", "origin")
        ),
        UPDATED,
        URL,
        API_URL,
        Column("popolo_url", "string", _("The council in Popolo JSON.")),
    ),
    queryset=lambda withheld: Council.objects.values(*COUNCIL_FIELDS, hromada_slug=SLUG("")),
    to_row=_council_row,
    filters=(
        hromada_filter("hromada__"),
        oblast_filter("hromada__"),
        UPDATED_SINCE,
    ),
)

MEMBERSHIP_FIELDS = (
    "id",
    "council_id",
    "council__hromada__code",
    "person_id",
    "person__name",
    "on_behalf_of",
    "sector",
    "post",
    "start_date",
    "end_date",
    "updated_at",
)


def _membership_row(row: dict, withheld) -> dict:
    out = _row(row, {"council__hromada__code": "hromada_code", "person__name": "person_name"})
    out["side"] = side_of(row["sector"]).value
    path = _council_path(row["hromada_slug"]) + f"people/{row['person_id']}/"
    out["url"] = absolute(path)
    out["api_url"] = api_url("council-members", row["id"])
    return out


MEMBERSHIPS = Dataset(
    key="council-members",
    schema_name="CouncilMembership",
    model_label="councils.membership",
    title=_("Coordination council members"),
    description=_(
        "Every membership of every coordination council: the person (public name), the body or "
        "organisation they represent, its sector, the post and the dates."
    ),
    keywords=("координаційна рада", "члени ради", "Popolo"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the membership.")),
        council_column(Membership),
        HROMADA,
        Column.from_field(Membership, "person"),
        PERSON_NAME,
        *(
            Column.from_field(Membership, name)
            for name in ("on_behalf_of", "sector", "post", "start_date")
        ),
        Column.from_field(Membership, "end_date", nullable=True),
        UPDATED,
        Column("side", "string", _("government or public (non-government) side.")),
        URL,
        API_URL,
    ),
    queryset=lambda withheld: Membership.objects.values(
        *MEMBERSHIP_FIELDS, hromada_slug=SLUG("council__")
    ),
    to_row=_membership_row,
    filters=(
        BY_COUNCIL,
        hromada_filter("council__hromada__"),
        Filter("post", "post", Post, _("Post.")),
        Filter("sector", "sector", Sector, _("Sector.")),
        UPDATED_SINCE,
    ),
)

MEETING_FIELDS = (
    "id",
    "council_id",
    "council__hromada__code",
    "number",
    "starts_at",
    "place",
    "online_url",
    "agenda_published_at",
    "minutes_published_at",
    "minutes_text",
    "origin",
    "updated_at",
)


def _meeting_row(row: dict, withheld) -> dict:
    out = _row(row, {"council__hromada__code": "hromada_code", "minutes_text": "minutes"})
    path = _council_path(row["hromada_slug"]) + f"meetings/{row['number']}/"
    out["url"] = absolute(path)
    out["api_url"] = api_url("council-meetings", row["id"])
    if not row["minutes_published_at"]:
        out["minutes"] = None
    return withheld.redact_row("councils.meeting", row["id"], out, {"minutes_text": "minutes"})


MEETINGS = Dataset(
    key="council-meetings",
    temporal=("starts_at", "starts_at"),
    schema_name="CouncilMeeting",
    model_label="councils.meeting",
    title=_("Coordination council meetings"),
    description=_(
        "Meetings of coordination councils whose agenda is published: date, place, when the "
        "agenda and the minutes were published, and the minutes."
    ),
    keywords=("координаційна рада", "засідання", "протокол"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the meeting.")),
        council_column(Meeting),
        HROMADA,
        Column.from_field(Meeting, "number"),
        Column.from_field(Meeting, "starts_at"),
        Column.from_field(Meeting, "place", nullable=True),
        Column.from_field(Meeting, "online_url", nullable=True),
        Column.from_field(Meeting, "agenda_published_at"),
        Column.from_field(Meeting, "minutes_published_at", nullable=True),
        Column.from_field(Meeting, "minutes_text", name="minutes", nullable=True),
        Column.from_field(Meeting, "origin"),
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: Meeting.objects.published().values(
        *MEETING_FIELDS, hromada_slug=SLUG("council__")
    ),
    to_row=_meeting_row,
    filters=(
        BY_COUNCIL,
        hromada_filter("council__hromada__"),
        Filter("starts_from", "starts_at__date__gte", dt.date, _("On or after this date.")),
        Filter("starts_by", "starts_at__date__lte", dt.date, _("On or before this date.")),
        UPDATED_SINCE,
    ),
)

DECISION_FIELDS = (
    "id",
    "council_id",
    "council__hromada__code",
    "item_id",
    "item__meeting_id",
    "item__meeting__number",
    "item__number",
    "item__title",
    "text",
    "topic",
    "result",
    "decided_on",
    "yes_count",
    "no_count",
    "abstain_count",
    "absent_count",
    "not_voting_count",
    "plan_id",
    "commitment_ids",
    "updated_at",
)
DECISION_NAMES = {
    "council__hromada__code": "hromada_code",
    "item__meeting_id": "meeting_id",
    "item__meeting__number": "meeting_number",
    "item__number": "agenda_item_number",
    "item__title": "agenda_item",
}


def _decision_row(row: dict, withheld) -> dict:
    out = _row(row, DECISION_NAMES)
    path = _council_path(row["hromada_slug"]) + f"meetings/{row['item__meeting__number']}/"
    out["url"] = absolute(path + f"#item-{row['item__number']}")
    out["api_url"] = api_url("council-decisions", row["id"])
    item = out.pop("item_id")
    withheld.redact_row("councils.agendaitem", item, out, {"title": "agenda_item"})
    return withheld.redact_row("councils.motion", row["id"], out)


def _public_references(rows: list[dict], withheld) -> None:
    """The plan and commitments a decision concerns, only while they are public."""
    visibility.keep_visible_ids(rows, "plan_id", "plans.actionplan", withheld)
    visibility.keep_visible_ids(rows, "commitment_ids", "plans.commitment", withheld)


def _public_motions():
    return Motion.objects.filter(item__meeting__agenda_published_at__isnull=False)


DECISIONS = Dataset(
    key="council-decisions",
    temporal=("decided_on", "decided_on"),
    schema_name="CouncilDecision",
    model_label="councils.motion",
    title=_("Coordination council decisions"),
    description=_(
        "The decisions register of every coordination council: each motion with its result, "
        "the vote counts, and the action plan and commitments it concerns."
    ),
    keywords=("координаційна рада", "рішення", "голосування"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the decision (motion).")),
        council_column(Motion),
        HROMADA,
        Column.from_field(
            AgendaItem, "meeting", name="meeting_id", references="council-meetings.id"
        ),
        Column.from_field(Meeting, "number", name="meeting_number"),
        Column.from_field(AgendaItem, "number", name="agenda_item_number"),
        Column.from_field(AgendaItem, "title", name="agenda_item", nullable=True),
        Column.from_field(Motion, "text", nullable=True),
        *(
            Column.from_field(Motion, name)
            for name in ("topic", "result", "decided_on", *Motion.COUNT_FIELDS.values())
        ),
        Column.from_field(Motion, "plan", nullable=True),
        Column.from_field(Motion, "commitment_ids", type="integers"),
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: _public_motions().values(
        *DECISION_FIELDS, hromada_slug=SLUG("council__")
    ),
    to_row=_decision_row,
    prepare=_public_references,
    filters=(
        BY_COUNCIL,
        hromada_filter("council__hromada__"),
        Filter("topic", "topic", Topic, _("Topic.")),
        Filter("result", "result", Result, _("Result.")),
        Filter("plan", "plan_id", int, _("Identifier of the action plan concerned.")),
        Filter("decided_from", "decided_on__gte", dt.date, _("On or after this date.")),
        Filter("decided_by", "decided_on__lte", dt.date, _("On or before this date.")),
        UPDATED_SINCE,
    ),
)

VOTE_FIELDS = (
    "id",
    "motion_id",
    "motion__council_id",
    "membership_id",
    "membership__person_id",
    "membership__person__name",
    "option",
)


def _vote_row(row: dict, withheld) -> dict:
    out = _row(
        row,
        {
            "motion_id": "decision_id",
            "motion__council_id": "council_id",
            "membership__person_id": "person_id",
            "membership__person__name": "person_name",
        },
    )
    out["api_url"] = api_url("council-votes", row["id"])
    return out


VOTES = Dataset(
    key="council-votes",
    schema_name="CouncilVote",
    model_label="councils.vote",
    title=_("Coordination council votes"),
    description=_("How each member voted on each decision recorded per member (roll-call votes)."),
    keywords=("координаційна рада", "поіменне голосування"),
    frequency="DAILY",
    updated_field="",
    modified_field="motion__updated_at",  # votes are recorded with their motion
    columns=(
        Column("id", "integer", _("Stable identifier of the vote.")),
        Column.from_field(Vote, "motion", name="decision_id", references="council-decisions.id"),
        council_column(Motion),
        Column.from_field(Vote, "membership", references="council-members.id"),
        Column.from_field(Membership, "person"),
        PERSON_NAME,
        Column.from_field(Vote, "option"),
        API_URL,
    ),
    queryset=lambda withheld: Vote.objects.filter(
        motion__item__meeting__agenda_published_at__isnull=False
    ).values(*VOTE_FIELDS),
    to_row=_vote_row,
    filters=(
        Filter("council", "motion__council_id", int, _("Identifier of the council.")),
        Filter("decision", "motion_id", int, _("Identifier of the decision (motion).")),
        Filter("person", "membership__person_id", int, _("Identifier of the person.")),
    ),
)
