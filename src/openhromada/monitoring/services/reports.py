"""Monitoring reports: compiled from a network's submitted findings on a plan, sent to the
hromada for its right of reply, then published with the replies. Each write is permission-checked
first, validated and atomic; what becomes public goes to the history when the report is
published (a draft and a report in its reply period are private working documents, and the
findings they carry are public only with the report). People are told after the write commits."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.core.history import Change, record_many, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import require, save
from openhromada.core.text import clean_text, one_line
from openhromada.notifications.models import Notification
from openhromada.notifications.services import email_notifications, notify
from openhromada.plans.lifecycle import PlanStatus

from ..lifecycle import FindingStatus, ReportKind, ReportStatus
from ..models import Assessment, Assignment, Reply, Report, StandardFinding

REPORT_FIELDS = ("summary", "recommendations", "reply_days")


def current_findings(report: Report):
    """The current submitted findings of the report's plan and kind from its network's
    assignments, not yet carried by a report: (assessments, standard findings)."""
    scope = {
        "assignment__network_id": report.network_id,
        "assignment__plan_id": report.plan_id,
        "kind": report.kind,
        "status": FindingStatus.SUBMITTED,
        "is_current": True,
    }
    return (
        Assessment.objects.filter(**scope).filter(Q(report=None) | Q(report=report)),
        StandardFinding.objects.filter(**scope).filter(Q(report=None) | Q(report=report)),
    )


def _locked(report: Report) -> Report:
    """The report as stored, locked: what may be done is decided on its current record."""
    return (
        Report.objects.select_for_update()
        .select_related("network", "plan__hromada")
        .get(pk=report.pk)
    )


def results_allowed(plan) -> bool:
    """A results report comes after the plan: completed, or past its end date."""
    return plan.status == PlanStatus.COMPLETED or plan.end_date < timezone.localdate()


@transaction.atomic
def report_compile(*, actor, assignment: Assignment, kind: str, origin: str = "real") -> Report:
    """The draft report of the assignment's network on its plan, of `kind` (an inception review
    or a results report); the existing one when the network already has it."""
    require(actor, "monitoring.compile_report", assignment)
    if kind not in ReportKind.values:
        raise ServiceError({"kind": _("Choose an inception review or a results report.")})
    plan = assignment.plan
    if kind == ReportKind.RESULTS and not results_allowed(plan):
        raise ServiceError(
            _("A results report is compiled after the plan ends (%(date)s).")
            % {"date": plan.end_date.strftime("%d.%m.%Y")}
        )
    existing = Report.objects.filter(network_id=assignment.network_id, plan=plan, kind=kind).first()
    if existing is not None:
        return existing
    label = assignment.monitor_label if assignment.monitor_id == actor.pk else actor.public_name
    report = Report(
        network_id=assignment.network_id,
        plan=plan,
        kind=kind,
        author=actor,
        author_label=label or actor.public_name,
        origin=origin,
    )
    return save(report)


@transaction.atomic
def report_update(*, actor, report: Report, **values) -> Report:
    """Change a draft's summary, recommendations and days for the reply."""
    report = _locked(report)
    require(actor, "monitoring.edit_report", report)
    unknown = set(values) - set(REPORT_FIELDS)
    if unknown:
        raise ServiceError(
            _("These fields cannot be set: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    for name, value in values.items():
        setattr(report, name, value)
    return save(report)


@transaction.atomic
def report_send(*, actor, report: Report, now: dt.datetime | None = None) -> Report:
    """Send the draft to the hromada for its reply: the current submitted findings are frozen
    into the report, the reply period starts, and the hromada's officials are told."""
    report = _locked(report)
    require(actor, "monitoring.send_report", report)
    assessments, standards = current_findings(report)
    if not assessments.exists() and not standards.exists():
        raise ServiceError(
            _("No finding is submitted yet: submit the findings before sending the report.")
        )
    now = now or timezone.now()
    report.status = ReportStatus.REPLY
    report.sent_at = now
    report.reply_due = timezone.localtime(now).date() + dt.timedelta(days=report.reply_days)
    save(report)
    assessments.update(report=report)
    standards.update(report=report)
    transaction.on_commit(lambda: notify_report_event.enqueue(report.pk, "sent"))
    return report


def _finding_of(report: Report, assessment, standard_finding):
    """The finding of this report a reply is about (None for a reply to the whole report)."""
    if assessment is not None and standard_finding is not None:
        raise ServiceError(_("A reply is about one finding, or about the whole report."))
    if assessment is not None and not report.assessments.filter(pk=assessment.pk).exists():
        raise ServiceError(_("This finding is not part of the report."))
    if (
        standard_finding is not None
        and not report.standard_findings.filter(pk=standard_finding.pk).exists()
    ):
        raise ServiceError(_("This finding is not part of the report."))


@transaction.atomic
def reply_save(
    *,
    actor,
    report: Report,
    text: str,
    assessment: Assessment | None = None,
    standard_finding: StandardFinding | None = None,
) -> Reply:
    """The hromada's reply to one finding of the report, or to the report as a whole; written
    again, it replaces the earlier text while the reply period runs. The monitors are told."""
    report = _locked(report)
    require(actor, "monitoring.reply_to_report", report)
    _finding_of(report, assessment, standard_finding)
    if not (text or "").strip():
        raise ServiceError({"text": _("Write the reply.")})
    reply = Reply.objects.filter(
        report=report,
        assessment_id=assessment.pk if assessment else None,
        standard_finding_id=standard_finding.pk if standard_finding else None,
    ).first() or Reply(report=report, assessment=assessment, standard_finding=standard_finding)
    reply.text = text
    reply.author = actor
    reply.author_label = actor.public_name
    save(reply)
    transaction.on_commit(lambda: notify_report_event.enqueue(report.pk, "reply"))
    return reply


def _created(obj, fields) -> Change:
    return Change(
        obj, HistoryAction.CREATE, {k: [None, v] for k, v in snapshot(obj, fields).items()}
    )


@transaction.atomic
def report_publish(*, actor, report: Report, now: dt.datetime | None = None) -> Report:
    """Publish the report with its findings and the hromada's replies: after the reply period,
    or earlier once every finding has a reply. The public history gets the report, each
    finding and each reply; the plan's followers and the hromada's officials are told."""
    report = _locked(report)
    require(actor, "monitoring.publish_report", report)
    now = now or timezone.now()
    report.status = ReportStatus.PUBLISHED
    report.published_at = now
    save(report)
    assessments = list(
        report.assessments.select_related("assignment").order_by("commitment__number", "pk")
    )
    standards = list(report.standard_findings.select_related("assignment").order_by("pk"))
    report.assessments.update(published_at=now)
    report.standard_findings.update(published_at=now)
    for finding in (*assessments, *standards):
        finding.published_at = now
    replies = list(report.replies.order_by("pk"))
    record_many(
        actor=actor,
        changes=[
            _created(report, Report.HISTORY_FIELDS),
            *(_created(a, Assessment.HISTORY_FIELDS) for a in assessments),
            *(_created(s, StandardFinding.HISTORY_FIELDS) for s in standards),
            *(_created(r, Reply.HISTORY_FIELDS) for r in replies),
        ],
    )
    transaction.on_commit(lambda: notify_report_event.enqueue(report.pk, "published"))
    return report


# --- telling people -------------------------------------------------------------------------


def _officials(report: Report):
    return get_user_model().objects.filter(
        is_active=True, roles__role=Role.OFFICIAL, roles__hromada_id=report.plan.hromada_id
    )


def _writers(report: Report):
    """The network's monitors assigned to the plan (their assignments open)."""
    monitors = Assignment.objects.filter(
        network_id=report.network_id, plan_id=report.plan_id, ended_at=None
    ).values("monitor_id")
    return get_user_model().objects.filter(is_active=True, pk__in=monitors)


def _tell(users, url: str, message, skip=()) -> list[Notification]:
    """A notification to each of `users` (once each, in their language): for people whose
    role makes them read a report the public does not see yet."""
    created = []
    for user in users.exclude(pk__in=[u.pk for u in skip]).distinct():
        with translation.override(user.preferred_language):
            title, body = message()
            created.append(
                Notification(
                    user=user,
                    title=one_line(str(title))[:300],
                    body=clean_text(str(body)),
                    url=url,
                )
            )
    return Notification.objects.bulk_create(created)


@task()
def notify_report_event(report_id: int, event: str) -> int:
    """`event`: "sent" (tell the hromada's officials), "reply" (tell the monitors), "published"
    (tell the plan's followers and the hromada's officials). Returns e-mails sent."""
    report = Report.objects.select_related("network", "plan__hromada").filter(pk=report_id).first()
    if report is None:
        return 0
    url = reverse("monitoring:report", args=[report.pk])
    plan = report.plan

    def names():
        return {
            "kind": report.get_kind_display(),
            "plan": plan.title,
            "hromada": plan.hromada.name,
            "network": str(report.network),
        }

    if event == "sent":

        def message():
            due = report.reply_due.strftime("%d.%m.%Y")
            return (
                _("Monitoring report for your reply: %(kind)s, %(plan)s") % names(),
                _(
                    "%(network)s sent its report to the hromada. You may reply to each finding "
                    "and to the report as a whole until %(due)s; the replies are published with "
                    "the report."
                )
                % {**names(), "due": due},
            )

        return email_notifications(_tell(_officials(report), url, message))
    if event == "reply":

        def message():
            return (
                _("The hromada replied to your report: %(kind)s, %(plan)s") % names(),
                _("%(hromada)s replied to the monitoring report.") % names(),
            )

        return email_notifications(_tell(_writers(report), url, message))

    def message():
        return (
            _("Monitoring report published: %(kind)s, %(plan)s") % names(),
            _("%(network)s published its report on %(hromada)s's action plan.") % names(),
        )

    told = notify(objects=[plan], url=url, message=message, about=[report, plan])
    told += _tell(_officials(report), url, message, skip=[n.user for n in told])
    return email_notifications(told)
