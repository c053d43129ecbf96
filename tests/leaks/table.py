"""What the leak test cannot derive from the registries, in one table per question.

- BUILDERS: how to make one public record of a kind inside its parent (through the services;
  the ORM only where a service refuses on purpose and the test is about outputs, said per line);
- STATES: how a record leaves the public by its own publication state;
- REFERRERS: how to make a public record that refers to one (a relation the visibility rule
  does not count as "lives in");
- the URL parameters a route does not name: the model behind a path word that is not its name
  (URL_WORDS), the values of `<kind>` (URL_KINDS) and of `<fmt>` (URL_FORMATS), and the routes
  that are not public outputs (NOT_PUBLIC).

A new kind with no builder, a new own state, a new reference or a route with a new word fails
tests/test_leaks.py with a message naming this table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.councils import services as councils
from openhromada.councils.lifecycle import Post, Result, Sector, Topic
from openhromada.councils.models import Meeting
from openhromada.monitoring.lifecycle import ReportKind, ReportStatus, Standard
from openhromada.monitoring.models import Assessment, Report, StandardFinding
from openhromada.monitoring.services import findings as monitoring_findings
from openhromada.monitoring.services import networks as monitoring_networks
from openhromada.monitoring.services import reports as monitoring_reports
from openhromada.participation.calls import services as participation
from openhromada.participation.comments.services import comment_post
from openhromada.participation.consultations import services as consultations
from openhromada.participation.lifecycle import CommentOutcome, ModerationRule, ResponseKind
from openhromada.participation.models import Consultation
from openhromada.participation.moderation import services as moderation
from openhromada.plans import services as plans
from openhromada.plans.lifecycle import FROZEN_STATES, PlanStatus
from openhromada.plans.models import ActionPlan
from tests.councils.fixtures import ago
from tests.factories import UserFactory, with_role
from tests.participation.fixtures import window

D = dt.date


@dataclass(frozen=True)
class Builder:
    """Makes one public record inside `parent` (a registered kind; None at the top of a chain).
    `make(scope, parent, text)` takes every text value from `text`, which gives the case's
    marker for the record under test. `unmarked` names the text fields it cannot mark, and why.
    """

    parent: str | None
    make: Callable[[Any, Any, Any], Any]
    unmarked: dict[str, str] = field(default_factory=dict)


# --- plans ---------------------------------------------------------------------------------------


def _plan_status(scope, plan, wanted) -> ActionPlan:
    """Move the plan along its lifecycle (through the service) until its status is in `wanted`."""
    path = {
        PlanStatus.DRAFT: [PlanStatus.CO_CREATION],
        PlanStatus.CO_CREATION: [PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION],
        PlanStatus.SUBMITTED: [PlanStatus.IMPLEMENTATION],
    }
    plan = ActionPlan.objects.get(pk=plan.pk)
    for status in path.get(plan.status, []):
        if plan.status in wanted:
            break
        plan = plans.plan_transition(actor=scope.official, plan=plan, to_status=status)
    assert plan.status in wanted, (plan.status, wanted)
    return plan


def make_plan(scope, _parent, text):
    plan = plans.plan_create(
        actor=scope.official,
        hromada=scope.hromada,
        title=text.line("title"),
        summary=text.prose("summary"),
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
        slug=scope.slug("plan"),
    )
    return _plan_status(scope, plan, [PlanStatus.CO_CREATION])


def make_commitment(scope, plan, text):
    _plan_status(scope, plan, [PlanStatus.DRAFT, PlanStatus.CO_CREATION])
    return plans.commitment_create(
        actor=scope.official,
        plan=ActionPlan.objects.get(pk=plan.pk),
        title=text.line("title"),
        problem=text.prose("problem"),
        baseline=text.prose("baseline"),
        objective=text.prose("objective"),
        how_it_solves=text.prose("how_it_solves"),
        lead_body=text.line("lead_body"),
        budget_source=text.line("budget_source"),
        tags=text.lines("tags"),
        start_date=D(2025, 1, 1),
        end_date=D(2026, 6, 30),
        value_access_to_information=True,
    )


def make_milestone(scope, commitment, text):
    return plans.milestone_create(
        actor=scope.official,
        commitment=commitment,
        expected_output=text.prose("expected_output"),
        responsible_body=text.line("responsible_body"),
        start_date=D(2025, 2, 1),
        due_date=D(2025, 6, 30),
        weight=1,
    )


def make_progress(scope, milestone, text):
    _plan_status(scope, milestone.commitment.plan, [PlanStatus.IMPLEMENTATION])
    return plans.milestone_report_progress(
        actor=scope.official,
        milestone=milestone,
        date=D(2025, 3, 1),
        text=text.prose("text"),
        status="in_progress",
        percent=40,
        links=[{"url": text.url("links"), "title": text.line("links")}],
        files=[text.file("links")],  # the evidence: its files travel with its links
    )


def make_amendment(scope, commitment, text):
    _plan_status(scope, commitment.plan, FROZEN_STATES)
    return plans.commitment_amend(
        actor=scope.official,
        commitment=commitment,
        reason=text.prose("reason"),
        baseline=text.prose("changes"),
    )


# --- councils ------------------------------------------------------------------------------------


def make_meeting(scope, _parent, text):
    """A meeting held ten days ago, its agenda published and everyone present; when it is the
    record under test, its minutes are published too."""
    council = scope.council()
    meeting = councils.meeting_create(
        actor=scope.official,
        council=council,
        starts_at=ago(10),
        place=text.line("place"),
        online_url=text.url("online_url"),
    )
    councils.agenda_item_create(actor=scope.official, meeting=meeting, title="Порядок денний")
    meeting = councils.meeting_publish_agenda(actor=scope.official, meeting=meeting)
    councils.attendance_record(
        actor=scope.official, meeting=meeting, present=[m.pk for m in scope.members()]
    )
    if text.marking:  # closes the meeting's record: only when nothing is built inside it
        meeting = councils.minutes_publish(
            actor=scope.official,
            meeting=meeting,
            minutes_text=text.prose("minutes_text"),
            minutes_file=text.file("minutes_file"),
        )
    return meeting


def make_item(scope, meeting, text):
    return councils.agenda_item_create(
        actor=scope.official,
        meeting=meeting,
        title=text.line("title"),
        description=text.prose("description"),
        discussion=text.prose("discussion"),
        document=text.file("document"),
    )


def make_motion(scope, item, text):
    return councils.motion_record(
        actor=scope.official,
        item=item,
        text=text.prose("text"),
        topic=Topic.COUNCIL,
        result=Result.ADOPTED,
        votes={m.pk: "yes" for m in scope.members()},
    )


def make_vote(_scope, motion, _text):
    return motion.votes.order_by("pk").first()  # recorded with its motion


# --- participation -------------------------------------------------------------------------------


def make_call(scope, plan, text):
    _plan_status(scope, plan, [PlanStatus.CO_CREATION])
    call = participation.call_create(
        actor=scope.official,
        plan=ActionPlan.objects.get(pk=plan.pk),
        title=text.line("title"),
        description=text.prose("description"),
        rules=text.prose("rules"),
        categories=["Доступ до інформації"],
        **window(),
    )
    if text.marking:  # closes the call: only when nothing is built inside it
        call = participation.call_close(
            actor=scope.official, call=call, reason=text.prose("closed_reason")
        )
    return call


def make_proposal(scope, call, text):
    proposal = participation.proposal_submit(
        actor=scope.resident(),
        call=call,
        title=text.line("title"),
        problem=text.prose("problem"),
        solution=text.prose("solution"),
        category=call.categories.first(),
        attachments=[text.file("attachments")],
    )
    if text.marking:
        proposal = participation.proposal_respond(
            actor=scope.official,
            proposal=proposal,
            response=ResponseKind.REJECTED,
            reason=text.prose("response_reason"),
        )
    return proposal


def make_proposal_comment(scope, proposal, text):
    return comment_post(actor=scope.resident(), proposal=proposal, text=text.prose("text"))


def _open_now(consultation) -> None:
    # The draft is frozen once its comment period starts (sections and questions go in before);
    # comments need the period open: the fixture moves the opening instead of waiting.
    if consultation.opens_at > timezone.now():
        Consultation.objects.filter(pk=consultation.pk).update(
            opens_at=timezone.now() - dt.timedelta(hours=1)
        )


def make_section_comment(scope, section, text):
    _open_now(section.consultation)
    comment = comment_post(actor=scope.resident(), section=section, text=text.prose("text"))
    if text.marking:
        comment = consultations.comment_set_outcome(
            actor=scope.official,
            comment=comment,
            outcome=CommentOutcome.TAKEN,
            reason=text.prose("outcome_reason"),
        )
    return comment


def make_consultation(scope, _parent, text):
    """Published, its comment period opening tomorrow (so sections and questions can still be
    added); when it is the record under test, closed early with its report published."""
    consultation = consultations.consultation_create(
        actor=scope.official,
        hromada=scope.hromada,
        title=text.line("title"),
        description=text.prose("description"),
        document=text.file("document"),
        **window(days_before=-1, days_after=30),
    )
    consultations.section_save(
        actor=scope.official, consultation=consultation, title="Загальні положення", text="Текст"
    )
    consultation = consultations.consultation_publish(
        actor=scope.official, consultation=consultation
    )
    if text.marking:
        consultation = consultations.consultation_close(
            actor=scope.official, consultation=consultation, reason=text.prose("closed_reason")
        )
        consultation = consultations.report_publish(
            actor=scope.official, consultation=consultation, report=text.prose("report")
        )
    return consultation


def make_section(scope, consultation, text):
    return consultations.section_save(
        actor=scope.official,
        consultation=consultation,
        title=text.line("title"),
        text=text.prose("text"),
    )


def make_question(scope, consultation, text):
    return consultations.question_save(
        actor=scope.official,
        consultation=consultation,
        text=text.line("text"),
        kind="single",
        options=text.lines("options"),
    )


# --- places --------------------------------------------------------------------------------------


def make_hromada(scope, _parent, text):
    # Contact data comes from the codifier import and operators, not from a service of its own.
    hromada = scope.hromada
    hromada.website = text.url("website")
    hromada.population = text.number("population")
    hromada.save(update_fields=["website", "population"])
    return hromada


# --- monitoring ----------------------------------------------------------------------------------


def _operator():
    return with_role(UserFactory(display_name="Операторка мережі"), Role.OPERATOR)


def make_network(scope, _parent, text):
    return monitoring_networks.network_create(
        actor=_operator(),
        slug=scope.slug("network"),
        name_uk=text.line("name_uk"),
        name_en=text.line("name_en"),
        description=text.prose("description"),
        oblasts=[scope.hromada.oblast],
    )


def _email(text, name: str) -> str:
    """A public e-mail address carrying the marker in its domain when the field is marked."""
    return "info@" + text.url(name).removeprefix("https://").rstrip("/")


def make_member(scope, network, text):
    """A member organisation, and beside it an organisation's private application to join (so
    the pages about applications have one to be asked about)."""
    coordinator = with_role(UserFactory(), Role.COORDINATOR, network=network)
    monitoring_networks.application_submit(
        actor=scope.resident(),
        network=network,
        name="Організація, що подала заявку",
        edrpou=f"{30_000_000 + scope.n:08d}",
        oblast=scope.hromada.oblast,
        motivation="Хочемо до мережі",
    )
    return monitoring_networks.member_create(
        actor=coordinator,
        network=network,
        name=text.line("name"),
        edrpou=f"{40_000_000 + scope.n:08d}",
        oblast=scope.hromada.oblast,
        website=text.url("website"),
        email=_email(text, "email"),
        phone=text.line("phone"),
        joined_on=D(2012, 5, 24),
    )


class Monitoring:
    """One case's network, its coordinator and a monitor."""

    def __init__(self, scope):
        operator = _operator()
        self.network = monitoring_networks.network_create(
            actor=operator,
            slug=scope.slug("monitors"),
            name_uk="Мережа моніторингу",
            name_en="Monitoring network",
            oblasts=[scope.hromada.oblast],
        )
        self.coordinator = with_role(UserFactory(), Role.COORDINATOR, network=self.network)
        self.monitor = with_role(
            UserFactory(display_name="Моніторка"), Role.MONITOR, network=self.network
        )

    def assign(self, plan, declaration: str = ""):
        return monitoring_networks.monitor_assign(
            actor=self.coordinator,
            network=self.network,
            plan=plan,
            monitor=self.monitor,
            declaration=declaration,
        )


def _submitted(scope, plan):
    """The plan submitted (with a commitment to assess): monitors assess it from then on."""
    plan = ActionPlan.objects.get(pk=plan.pk)
    if not plan.commitments.exists():
        _plan_status(scope, plan, [PlanStatus.DRAFT, PlanStatus.CO_CREATION])
        make_commitment(scope, plan, NEUTRAL_TEXT)
    return _plan_status(
        scope, plan, [PlanStatus.SUBMITTED, PlanStatus.IMPLEMENTATION, PlanStatus.COMPLETED]
    )


class _Neutral:
    """Ordinary text (the world's NEUTRAL, which this module cannot import)."""

    marking = False

    def line(self, name):
        return "Звичайна назва"

    def prose(self, name):
        return "Звичайний текст"

    def url(self, name):
        return "https://ordinary.example.org/"

    def lines(self, name):
        return ["так", "ні"]

    def file(self, name):
        return SimpleUploadedFile("dokument.txt", "вміст".encode(), content_type="text/plain")

    def number(self, name):
        return None


NEUTRAL_TEXT = _Neutral()


def _assess(monitor, assignment, commitment, text, kind=ReportKind.INCEPTION):
    assessment = monitoring_findings.assessment_save(
        actor=monitor,
        assignment=assignment,
        commitment=commitment,
        kind=kind,
        values={
            "verifiable": True,
            "lens_transparency": True,
            "potential": "modest",
            "narrative": text.prose("narrative"),
            "assessed_on": D(2025, 3, 1),
        },
        links=[text.url("links")],
        files=[text.file("links")],  # the evidence: its files travel with its links
    )
    return monitoring_findings.assessment_submit(actor=monitor, assessment=assessment)


def _checklist(monitor, assignment, text, kind=ReportKind.INCEPTION):
    """The whole co-creation checklist submitted; `text` marks the first standard's finding."""
    rows = [
        {
            "standard": standard.value,
            "verdict": "met",
            "narrative": (text if i == 0 else NEUTRAL_TEXT).prose("narrative"),
            "links": [(text if i == 0 else NEUTRAL_TEXT).url("links")],
            "assessed_on": D(2025, 3, 1),
        }
        for i, standard in enumerate(Standard)
    ]
    monitoring_findings.checklist_save(actor=monitor, assignment=assignment, kind=kind, rows=rows)
    monitoring_findings.checklist_submit(actor=monitor, assignment=assignment, kind=kind)
    return StandardFinding.objects.get(
        assignment=assignment, kind=kind, standard=Standard.values[0], is_current=True
    )


def _sent_report(monitor, assignment, text):
    report = monitoring_reports.report_compile(
        actor=monitor, assignment=assignment, kind=ReportKind.INCEPTION
    )
    report = monitoring_reports.report_update(
        actor=monitor,
        report=report,
        summary=text.prose("summary"),
        recommendations=text.prose("recommendations"),
    )
    return monitoring_reports.report_send(actor=monitor, report=report)


def _reply_all_and_publish(scope, monitor, report, text=NEUTRAL_TEXT):
    """The hromada replies to every finding (the first reply as `text` says); then the report
    is published, before its reply period ends."""
    findings = [
        *(("assessment", a) for a in report.assessments.order_by("pk")),
        *(("standard_finding", f) for f in report.standard_findings.order_by("pk")),
    ]
    first = None
    for i, (name, finding) in enumerate(findings):
        reply = monitoring_reports.reply_save(
            actor=scope.official,
            report=report,
            text=(text if i == 0 else NEUTRAL_TEXT).prose("text"),
            **{name: finding},
        )
        first = first or reply
    monitoring_reports.report_publish(actor=monitor, report=report)
    return first


def _published_findings(scope, plan, assessment_text, checklist_text):
    """A network's monitor assesses the plan's first commitment and its co-creation, and the
    inception review carrying both is published with the hromada's replies."""
    plan = _submitted(scope, plan)
    team = Monitoring(scope)
    assignment = team.assign(plan)
    assessment = _assess(
        team.monitor, assignment, plan.commitments.order_by("number")[0], assessment_text
    )
    finding = _checklist(team.monitor, assignment, checklist_text)
    report = _sent_report(team.monitor, assignment, NEUTRAL_TEXT)
    _reply_all_and_publish(scope, team.monitor, report)
    return assessment, finding, report


def make_assignment(scope, plan, text):
    plan = _submitted(scope, plan)
    team = Monitoring(scope)
    return team.assign(plan, declaration=text.prose("declaration"))


def make_assessment(scope, commitment, text):
    _submitted(scope, commitment.plan)
    team = Monitoring(scope)
    assignment = team.assign(commitment.plan)
    assessment = _assess(team.monitor, assignment, commitment, text)
    report = _sent_report(team.monitor, assignment, NEUTRAL_TEXT)
    _reply_all_and_publish(scope, team.monitor, report)
    return Assessment.objects.get(pk=assessment.pk)


def make_standard_finding(scope, plan, text):
    _assessment, finding, _report = _published_findings(scope, plan, NEUTRAL_TEXT, text)
    return StandardFinding.objects.get(pk=finding.pk)


def make_report(scope, plan, text):
    """The inception review with an assessment and the co-creation checklist, sent to the
    hromada; when it is the record under test, replied to and published (a reply is written
    while the report waits for it, so a report that has replies built in it stays open)."""
    plan = _submitted(scope, plan)
    team = Monitoring(scope)
    assignment = team.assign(plan)
    _assess(team.monitor, assignment, plan.commitments.order_by("number")[0], NEUTRAL_TEXT)
    _checklist(team.monitor, assignment, NEUTRAL_TEXT)
    report = _sent_report(team.monitor, assignment, text)
    if text.marking:
        _reply_all_and_publish(scope, team.monitor, report)
    report = Report.objects.get(pk=report.pk)
    report.monitor = team.monitor  # who publishes it once its replies are in
    return report


def make_reply(scope, report, text):
    reply = _reply_all_and_publish(scope, report.monitor, report, text)
    return type(reply).objects.get(pk=reply.pk)


AUTHOR = "the author's public name (the actor's), not the record's text"
HROMADA_DATA = "the codifier's data: only the withholdable contact fields are marked"
MONITOR = "the monitor's public name (the account's), public wherever the monitor is named"
CORRECTION = {"correction_reason": "only a correction (another version) has a reason"}
BUILDERS: dict[str, list[Builder]] = {
    "plans.actionplan": [Builder(None, make_plan)],
    "plans.commitment": [
        Builder("plans.actionplan", make_commitment, {"sdgs": "goal numbers 1–17, not text"})
    ],
    "plans.milestone": [Builder("plans.commitment", make_milestone)],
    "plans.progressupdate": [Builder("plans.milestone", make_progress, {"author_label": AUTHOR})],
    "plans.amendment": [
        Builder(
            "plans.commitment",
            make_amendment,
            {
                "author_label": AUTHOR,
                "previous_version": "a copy of its commitment's text before (the parent's)",
            },
        )
    ],
    "councils.meeting": [Builder(None, make_meeting)],
    "councils.agendaitem": [Builder("councils.meeting", make_item)],
    "councils.motion": [Builder("councils.agendaitem", make_motion)],
    "councils.vote": [Builder("councils.motion", make_vote)],
    "participation.call": [Builder("plans.actionplan", make_call)],
    "participation.proposal": [Builder("participation.call", make_proposal)],
    "participation.comment": [
        Builder(
            "participation.proposal",
            make_proposal_comment,
            {"outcome_reason": "only consultation comments get an outcome"},
        ),
        Builder("participation.section", make_section_comment),
    ],
    "participation.consultation": [Builder(None, make_consultation)],
    "participation.section": [Builder("participation.consultation", make_section)],
    "participation.question": [Builder("participation.consultation", make_question)],
    "places.hromada": [Builder(None, make_hromada, dict.fromkeys(["*"], HROMADA_DATA))],
    "monitoring.monitoringnetwork": [Builder(None, make_network)],
    "monitoring.memberorganisation": [
        Builder(
            "monitoring.monitoringnetwork",
            make_member,
            {"edrpou": "8 digits of the state register, not text"},
        )
    ],
    "monitoring.assignment": [
        Builder("plans.actionplan", make_assignment, {"monitor_label": MONITOR})
    ],
    "monitoring.assessment": [
        Builder("plans.commitment", make_assessment, {"author_label": AUTHOR, **CORRECTION})
    ],
    "monitoring.standardfinding": [
        Builder("plans.actionplan", make_standard_finding, {"author_label": AUTHOR, **CORRECTION})
    ],
    "monitoring.report": [Builder("plans.actionplan", make_report, {"author_label": AUTHOR})],
    "monitoring.reply": [Builder("monitoring.report", make_reply, {"author_label": AUTHOR})],
}


# --- own publication states ----------------------------------------------------------------------


def draft_plan(scope, plan):
    try:
        plans.plan_transition(actor=scope.official, plan=plan, to_status=PlanStatus.DRAFT)
    except ServiceError:  # only a plan in co-creation goes back to draft by the lifecycle
        ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)


def unpublish_meeting(_scope, meeting):
    # A meeting is never unpublished by a service: a draft meeting is one not yet announced.
    Meeting.objects.filter(pk=meeting.pk).update(agenda_published_at=None)


def unpublish_consultation(_scope, consultation):
    # Likewise: a draft consultation is one not yet announced.
    Consultation.objects.filter(pk=consultation.pk).update(published_at=None)


def hide(scope, content):
    moderation.content_hide(actor=scope.official, obj=content, rule=ModerationRule.SPAM)


def unpublish_finding(_scope, finding):
    # A finding is public once its report is published; this one is as if it were still under
    # the hromada's review (its report sent, not yet published).
    type(finding).objects.filter(pk=finding.pk).update(published_at=None)
    if finding.report_id:
        unpublish_report(_scope, finding.report)


def unpublish_report(_scope, report):
    # Likewise: a report back in its reply period (a published one never returns there).
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.REPLY, published_at=None)


@dataclass(frozen=True)
class State:
    """A publication state of a kind's own: its word, how to put a public record into it, the
    text fields that stay public in it (hidden content keeps the hromada's answer to it) and
    whether the record keeps its open-data row (hidden content does, its text blanked)."""

    word: str
    apply: Callable[[Any, Any], None]
    keeps: tuple[str, ...] = ()
    keeps_row: bool = False


STATES: dict[str, State] = {
    "plans.actionplan": State("draft", draft_plan),
    "councils.meeting": State("unpublished", unpublish_meeting),
    "participation.consultation": State("unpublished", unpublish_consultation),
    "participation.proposal": State("hidden", hide, ("response_reason",), keeps_row=True),
    "participation.comment": State("hidden", hide, ("outcome_reason",), keeps_row=True),
    "monitoring.assessment": State("unpublished", unpublish_finding),
    "monitoring.standardfinding": State("unpublished", unpublish_finding),
    "monitoring.report": State("unpublished", unpublish_report),
}
STATE_WORDS = {label: state.word for label, state in STATES.items()}


# --- records that refer to another -------------------------------------------------------------


def accepted_into(scope, commitment):
    """A proposal accepted into the commitment (its response names the commitment)."""
    plan = _plan_status(scope, commitment.plan, [PlanStatus.CO_CREATION])
    call = participation.call_create(
        actor=scope.official, plan=plan, title="Збір ідей", description="Ідеї", **window()
    )
    proposal = participation.proposal_submit(
        actor=scope.resident(), call=call, title="Ідея", problem="Проблема", solution="Рішення"
    )
    return participation.proposal_respond(
        actor=scope.official,
        proposal=proposal,
        response=ResponseKind.ACCEPTED,
        reason="Стало зобов'язанням",
        commitments=[commitment],
    )


def decided_on_commitment(scope, commitment):
    return councils.motion_record(
        actor=scope.official,
        item=scope.held_item(),
        text="Схвалити зобов'язання",
        topic=Topic.COMMITMENT,
        result=Result.NOT_VOTED,
        commitments=[commitment],
    )


def decided_on_plan(scope, plan):
    return councils.motion_record(
        actor=scope.official,
        item=scope.held_item(),
        text="Схвалити план",
        topic=Topic.ACTION_PLAN,
        result=Result.NOT_VOTED,
        plan=ActionPlan.objects.get(pk=plan.pk),
    )


def consultation_on_plan(scope, plan):
    consultation = consultations.consultation_create(
        actor=scope.official,
        hromada=scope.hromada,
        plan=plan,
        title="Обговорення плану",
        description="Проєкт плану",
        **window(),
    )
    consultations.section_save(
        actor=scope.official, consultation=consultation, title="Розділ", text="Текст"
    )
    return consultations.consultation_publish(actor=scope.official, consultation=consultation)


def merged_into(scope, proposal):
    other = participation.proposal_submit(
        actor=scope.resident(),
        call=proposal.call,
        title="Схожа ідея",
        problem="Проблема",
        solution="Рішення",
    )
    return participation.proposal_respond(
        actor=scope.official,
        proposal=other,
        response=ResponseKind.MERGED,
        reason="Об'єднано",
        merged_into=proposal,
    )


def reply_to(scope, comment):
    target = {"proposal": comment.proposal} if comment.proposal_id else {"section": comment.section}
    return comment_post(actor=scope.resident(), parent_id=comment.pk, text="Відповідь", **target)


def elected_by(scope, motion):
    return councils.membership_create(
        actor=scope.official,
        council=motion.council,
        name="Співголова",
        on_behalf_of="Виконавчий комітет",
        sector=Sector.EXECUTIVE,
        post=Post.CO_CHAIR_EXECUTIVE,
        start_date=motion.decided_on,
        elected_by=motion,
    )


def findings_under(scope, assignment):
    """Published findings made under the assignment: an assessment and the checklist, in a
    published report (both references are made at once; the second call finds them)."""
    existing = Assessment.objects.filter(assignment=assignment).first()
    if existing is not None:
        return existing
    team_monitor = assignment.monitor
    plan = assignment.plan
    _assess(team_monitor, assignment, plan.commitments.order_by("number")[0], NEUTRAL_TEXT)
    _checklist(team_monitor, assignment, NEUTRAL_TEXT)
    report = _sent_report(team_monitor, assignment, NEUTRAL_TEXT)
    _reply_all_and_publish(scope, team_monitor, report)
    return Assessment.objects.get(assignment=assignment)


def corrected_assessment(scope, assessment):
    """A published correction of the assessment, with its own text."""
    monitor = assessment.assignment.monitor
    draft = monitoring_findings.assessment_correct(
        actor=monitor, assessment=assessment, reason="Уточнено оцінку"
    )
    monitoring_findings.assessment_save(
        actor=monitor,
        assignment=assessment.assignment,
        commitment=assessment.commitment,
        kind=assessment.kind,
        values={"narrative": "Виправлена оцінка"},
        links=["https://ordinary.example.org/correction"],
    )
    return monitoring_findings.assessment_submit(actor=monitor, assessment=draft)


def corrected_standard_finding(scope, finding):
    monitor = finding.assignment.monitor
    monitoring_findings.standard_correct(actor=monitor, finding=finding, reason="Уточнено")
    monitoring_findings.checklist_save(
        actor=monitor,
        assignment=finding.assignment,
        kind=finding.kind,
        rows=[
            {
                "standard": finding.standard,
                "narrative": "Виправлений висновок",
                "links": ["https://ordinary.example.org/correction"],
            }
        ],
    )
    return monitoring_findings.checklist_submit(
        actor=monitor, assignment=finding.assignment, kind=finding.kind
    )


def replied_to(scope, finding):
    """The hromada's reply to the finding (written with its report: found there)."""
    return finding.replies.order_by("pk").first()


def carried_by(scope, report):
    """A finding the report carries (public on its own once the report was published)."""
    return report.assessments.order_by("pk").first()


# (referring model's label, its field) → how to make a public record that refers to a record
REFERRERS: dict[tuple[str, str], Callable[[Any, Any], Any]] = {
    ("participation.proposal", "commitments"): accepted_into,
    ("councils.motion", "commitments"): decided_on_commitment,
    ("councils.motion", "plan"): decided_on_plan,
    ("participation.consultation", "plan"): consultation_on_plan,
    ("participation.proposal", "merged_into"): merged_into,
    ("participation.comment", "parent"): reply_to,
    ("councils.membership", "elected_by"): elected_by,
    ("monitoring.assessment", "assignment"): findings_under,
    ("monitoring.standardfinding", "assignment"): findings_under,
    ("monitoring.assessment", "supersedes"): corrected_assessment,
    ("monitoring.standardfinding", "supersedes"): corrected_standard_finding,
    ("monitoring.reply", "assessment"): replied_to,
    ("monitoring.reply", "standard_finding"): replied_to,
    ("monitoring.assessment", "report"): carried_by,
    ("monitoring.standardfinding", "report"): carried_by,
}


# --- URL parameters ------------------------------------------------------------------------------

# Path words that are not a model's name (or its English plural): the model they number; "app/word"
# for a word another app's routes use for another model.
URL_WORDS = {
    "hromady": "places.hromada",
    "members": "councils.membership",
    "evidence": "plans.evidencefile",
    "tokens": "opendata.apitoken",
    "monitoring/members": "monitoring.memberorganisation",
    "monitoring/evidence": "monitoring.findingfile",
    "monitoring/compile": "monitoring.assignment",
}
# Parameters that name a kind of record (the model of the next parameter), by URL_KINDS.
URL_KIND_PARAMS = ("kind", "target")
# `<kind>` after a path word: the kinds it takes and the model each names.
URL_KINDS = {
    "documents": {
        "agenda": "councils.agendaitem",
        "minutes": "councils.meeting",
        "founding": "councils.council",
        "rules": "councils.council",
    },
    "moderation": {"proposal": "participation.proposal", "comment": "participation.comment"},
    "reply": {"assessment": "monitoring.assessment", "standard": "monitoring.standardfinding"},
}
# `<fmt>` by URL name: the formats the view serves.
URL_FORMATS = {
    "download": ("csv", "jsonl"),
    "catalogue": ("ttl", "rdf", "jsonld"),
    "plan_export": ("csv", "xlsx", "json", "pdf"),
    "import_template": ("csv", "xlsx"),
}
# Routes not requested here, by prefix, and why. (Pages that need a signed-in user are found
# by asking: an anonymous request is sent to the sign-in page.)
NOT_PUBLIC = {
    "admin/": "the Django admin: signed-in staff only",
    "_bench/": "the benchmark's empty page (off unless BENCH_FLOOR_ENABLED)",
    "api/v1/": "the API: requested from its OpenAPI document instead",
    "^api/v1/": "the API's catch-all 404",
    "accounts/^": "a key sent by e-mail to a signed-up user",
}
