"""Independent monitoring's scales and states as data: the IRM-style scales (DOMAIN.md), the
participation and co-creation standards, and the lifecycles of applications, findings and reports.

The rules that read them (star commitments, when evidence is required, when the city's report and
the monitor's assessment disagree) are pure functions here, so pages, services, exports and the
national comparison all apply the same ones.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    """The two assessments of a plan: after its submission, and after it ends."""

    INCEPTION = "inception", _("inception review")
    RESULTS = "results", _("results report")


class Potential(models.TextChoices):
    """Potential for results (the current IRM scale; its "substantial" is the older scale's
    "transformative")."""

    UNCLEAR = "unclear", _("unclear")
    MODEST = "modest", _("modest")
    SUBSTANTIAL = "substantial", _("substantial")


class Completion(models.TextChoices):
    """How far the commitment was carried out, as the monitor found it."""

    NO_EVIDENCE = "no_evidence", _("no evidence available")
    NOT_STARTED = "not_started", _("not started")
    LIMITED = "limited", _("limited")
    SUBSTANTIAL = "substantial", _("substantial")
    COMPLETE = "complete", _("complete")


class OpenedGovernment(models.TextChoices):
    """Did it open government? — the change in government practice the commitment brought."""

    WORSENED = "worsened", _("worsened")
    NO_CHANGE = "no_change", _("did not change")
    MARGINAL = "marginal", _("marginal")
    MAJOR = "major", _("major")
    OUTSTANDING = "outstanding", _("outstanding")


class FindingStatus(models.TextChoices):
    """A monitor's finding is a draft until submitted; a submitted one never changes again."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")


class Standard(models.TextChoices):
    """OGP Local's participation and co-creation standards (2022) and minimum requirements: the
    co-creation checklist a monitor assesses the process against."""

    SPACE_FOR_DIALOGUE = "space_for_dialogue", _("A space for dialogue")
    OPEN_INFORMATION = "open_information", _("Open information")
    PARTICIPATION = "participation", _("Participation in co-creation")
    REASONED_RESPONSE = "reasoned_response", _("A reasoned response to every input")
    IMPLEMENTATION_DIALOGUE = "implementation_dialogue", _("Dialogue during implementation")
    FORUM_MEETS = "forum_meets", _("The forum meets at least every 6 months; its rules are public")
    WEBSITE_UPDATED = (
        "website_updated",
        _("A public website and document repository, updated at least every 4 months"),
    )
    ENDORSED = "endorsed", _("Non-government members endorsed the plan before submission")
    INFORMATION_BEFORE_MEETINGS = (
        "information_before_meetings",
        _("Information is shared before meetings"),
    )


class Verdict(models.TextChoices):
    MET = "met", _("met")
    PARTLY = "partly", _("partly met")
    NOT_MET = "not_met", _("not met")


class ApplicationStatus(models.TextChoices):
    """An organisation's application to join a network."""

    PENDING = "pending", _("waiting for a decision")
    ADMITTED = "admitted", _("admitted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class ReportStatus(models.TextChoices):
    """A monitoring report: compiled, then with the hromada for its reply, then public."""

    DRAFT = "draft", _("draft")
    REPLY = "reply", _("with the hromada for its reply")
    PUBLISHED = "published", _("published")


REPORT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReportStatus.DRAFT: (ReportStatus.REPLY,),
    ReportStatus.REPLY: (ReportStatus.PUBLISHED,),
    ReportStatus.PUBLISHED: (),
}

# The reply period a report gets unless its monitor sets another (days, inclusive of the last).
DEFAULT_REPLY_DAYS = 14
REPLY_DAYS_RANGE = (5, 60)

# Scale values that claim something happened: a finding stating them needs evidence.
COMPLETION_NEEDS_EVIDENCE = (Completion.LIMITED, Completion.SUBSTANTIAL, Completion.COMPLETE)
OPENED_NEEDS_EVIDENCE = (
    OpenedGovernment.WORSENED,
    OpenedGovernment.MARGINAL,
    OpenedGovernment.MAJOR,
    OpenedGovernment.OUTSTANDING,
)
VERDICT_NEEDS_EVIDENCE = (Verdict.MET, Verdict.PARTLY)

# The monitor's completion on the city's four-step scale (plans.lifecycle.CompletionLevel);
# "no evidence available" is below "not started": nothing the city claims can be checked.
COMPLETION_RANK = {
    Completion.NO_EVIDENCE: -1,
    Completion.NOT_STARTED: 0,
    Completion.LIMITED: 1,
    Completion.SUBSTANTIAL: 2,
    Completion.COMPLETE: 3,
}
CITY_COMPLETION_RANK = {"not_started": 0, "limited": 1, "substantial": 2, "complete": 3}


def is_relevant(transparency: bool, participation: bool, accountability: bool) -> bool:
    """The open-government lens: more transparent, participatory or accountable."""
    return bool(transparency or participation or accountability)


def is_star(
    *,
    verifiable: bool | None,
    transparency: bool,
    participation: bool,
    accountability: bool,
    potential: str,
    completion: str,
) -> bool:
    """A star commitment: verifiable, relevant to the lens, with substantial (transformative)
    potential, and substantially or fully carried out."""
    return bool(
        verifiable
        and is_relevant(transparency, participation, accountability)
        and potential == Potential.SUBSTANTIAL
        and completion in (Completion.SUBSTANTIAL, Completion.COMPLETE)
    )


def disagrees(city_completion: str, monitor_completion: str) -> bool:
    """The city's self-reported completion and the monitor's differ by at least one step (or the
    monitor found no evidence for anything the city says was started)."""
    if not monitor_completion or city_completion not in CITY_COMPLETION_RANK:
        return False
    return COMPLETION_RANK[monitor_completion] != CITY_COMPLETION_RANK[city_completion]
