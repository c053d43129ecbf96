"""Participation's states and scales as data: responses, comment outcomes, moderation rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseKind(models.TextChoices):
    """The hromada's reasoned response to a proposal (OGP standard 4: every input gets one)."""

    ACCEPTED = "accepted", _("accepted")
    PARTLY = "partly", _("partly accepted")
    MERGED = "merged", _("merged into another proposal")
    REJECTED = "rejected", _("rejected")


# Responses that must name the commitment(s) the proposal became.
NEEDS_COMMITMENT = (ResponseKind.ACCEPTED,)
# Responses whose commitments, when given, are shown on the commitment page.
LINKS_COMMITMENTS = (ResponseKind.ACCEPTED, ResponseKind.PARTLY)


class CommentOutcome(models.TextChoices):
    """What became of a consultation comment, in the summary report."""

    TAKEN = "taken", _("taken into account")
    PARTLY = "partly", _("partly taken into account")
    NOT_TAKEN = "not_taken", _("not taken into account")


class ModerationRule(models.TextChoices):
    """The rules a moderator hides content under; the chosen rule is the public reason."""

    INSULT = "insult", _("insults or harassment")
    HATE = "hate", _("hate speech or discrimination")
    PERSONAL_DATA = "personal_data", _("someone's personal data")
    SPAM = "spam", _("spam or advertising")
    OFF_TOPIC = "off_topic", _("off topic")
    ILLEGAL = "illegal", _("calls for violence or other illegal content")
    SECURITY = "security", _("information that endangers people in wartime")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale from 1 to 5")
    TEXT = "text", _("free text")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
SCALE_POINTS = (1, 2, 3, 4, 5)


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("hidden")
    RESTORE = "restore", _("restored")
    BLOCK = "block", _("author blocked")
    UNBLOCK = "unblock", _("author unblocked")
