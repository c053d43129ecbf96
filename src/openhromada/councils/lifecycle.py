"""The council's vocabularies as data: sectors, posts, vote options, results and topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openhromada.core.text import choice_labels


class Sector(models.TextChoices):
    EXECUTIVE = "executive", _("executive body")
    MUNICIPAL_ENTERPRISE = "municipal_enterprise", _("municipal enterprise")
    INSTITUTION = "institution", _("municipal institution")
    CIVIL_SOCIETY = "civil_society", _("civil-society organisation")
    BUSINESS = "business", _("business")
    ACADEMIA = "academia", _("academia")
    OTHER = "other", _("other non-government")


# The government side of the forum; every other sector is the public (non-government) side.
GOVERNMENT_SECTORS = (Sector.EXECUTIVE, Sector.MUNICIPAL_ENTERPRISE, Sector.INSTITUTION)


class Side(models.TextChoices):
    GOVERNMENT = "government", _("government")
    PUBLIC = "public", _("non-government")


def side_of(sector: str) -> str:
    return Side.GOVERNMENT if sector in GOVERNMENT_SECTORS else Side.PUBLIC


class Post(models.TextChoices):
    CO_CHAIR_EXECUTIVE = "co_chair_executive", _("co-chair from the executive side")
    CO_CHAIR_PUBLIC = "co_chair_public", _("co-chair from the public side")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


CO_CHAIR_SIDES = {Post.CO_CHAIR_EXECUTIVE: Side.GOVERNMENT, Post.CO_CHAIR_PUBLIC: Side.PUBLIC}
# Posts whose holders run the council's records (with officials of the hromada and operators).
OFFICER_POSTS = (Post.CO_CHAIR_EXECUTIVE, Post.CO_CHAIR_PUBLIC, Post.SECRETARY)


class VoteOption(models.TextChoices):
    """Popolo's vote options."""

    YES = "yes", _("yes")
    NO = "no", _("no")
    ABSTAIN = "abstain", _("abstain")
    ABSENT = "absent", _("absent")
    NOT_VOTING = "not voting", _("not voting")


# Options that a member present at the meeting can cast (absent members are counted apart).
CAST_OPTIONS = (VoteOption.YES, VoteOption.NO, VoteOption.ABSTAIN, VoteOption.NOT_VOTING)


class Result(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    NOT_ADOPTED = "not_adopted", _("not adopted")
    NOT_VOTED = "not_voted", _("not voted")
    NOT_CONSIDERED = "not_considered", _("not considered")


# Popolo's result vocabulary for vote events ("pass"/"fail"); the others have no vote event.
POPOLO_RESULTS = {Result.ADOPTED: "pass", Result.NOT_ADOPTED: "fail"}


class Topic(models.TextChoices):
    ACTION_PLAN = "action_plan", _("action plan")
    COMMITMENT = "commitment", _("commitments and their progress")
    COUNCIL = "council", _("the council's organisation and elections")
    MONITORING = "monitoring", _("monitoring and assessment")
    PARTICIPATION = "participation", _("participation and consultations")
    OTHER = "other", _("other")


# Results reached by a vote: the register shows their yes / no / abstain counts.
VOTED = (Result.ADOPTED, Result.NOT_ADOPTED)


def list_labels() -> dict:
    """The capitalised labels the council's long lists show, worked out once a page rather than
    per row, and which results were reached by a vote."""
    return {
        "post": choice_labels(Post.choices),
        "sector": choice_labels(Sector.choices),
        "option": choice_labels(VoteOption.choices),
        "result": choice_labels(Result.choices),
        "topic": choice_labels(Topic.choices),
        "voted": VOTED,
    }
