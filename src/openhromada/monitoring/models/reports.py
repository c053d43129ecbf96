"""Monitoring reports: the inception review after a plan's submission and the results report after
it ends, compiled from the findings, sent to the hromada for its right of reply, then published
with the replies."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, ProseField
from openhromada.core.models import data_origin_field
from openhromada.core.records import PublicRecord, public_once_set

from ..lifecycle import DEFAULT_REPLY_DAYS, REPLY_DAYS_RANGE, ReportKind, ReportStatus
from .findings import Assessment, StandardFinding
from .networks import MonitoringNetwork


def report_page(report) -> str:
    return reverse("monitoring:report", args=[report.pk])


class Report(models.Model):
    """A network's monitoring report on one action plan."""

    network = models.ForeignKey(
        MonitoringNetwork,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("network"),
        help_text=_("The network whose monitors wrote it."),
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,
        related_name="monitoring_reports",
        verbose_name=_("action plan"),
        help_text=_("The action plan reported on."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=ReportKind.choices,
        help_text=_("Inception review (after submission) or results report (after the plan)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        help_text=_("Draft, with the hromada for its reply, or published."),
    )
    summary = ProseField(
        _("summary"),
        blank=True,
        max_length=20000,
        help_text=_("The monitor's summary of the findings (Markdown)."),
    )
    recommendations = ProseField(
        _("recommendations"),
        blank=True,
        max_length=20000,
        help_text=_("What the monitor recommends to the hromada (Markdown)."),
    )
    reply_days = models.PositiveSmallIntegerField(
        _("days for the reply"),
        default=DEFAULT_REPLY_DAYS,
        validators=[MinValueValidator(REPLY_DAYS_RANGE[0]), MaxValueValidator(REPLY_DAYS_RANGE[1])],
        help_text=_("How many days the hromada has to reply once the report is sent to it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("compiled by"),
        help_text=_("The monitor who compiled it; not public (the report shows a public name)."),
    )
    author_label = LineField(
        _("compiled by"), max_length=200, help_text=_("Public display name of the monitor.")
    )
    sent_at = models.DateTimeField(
        _("sent for reply"), null=True, blank=True, help_text=_("When the hromada received it.")
    )
    reply_due = models.DateField(
        _("reply due"),
        null=True,
        blank=True,
        help_text=_("The last day (Kyiv time) on which the hromada may reply."),
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, help_text=_("When it was published.")
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = ("kind", "status", "summary", "recommendations", "reply_due", "published_at")
    RECORD = PublicRecord(
        parents=("plan",),
        state=public_once_set("published_at"),
        container=True,
        hromada="plan__hromada",
        withholdable=("summary", "recommendations"),
        withhold_record=True,
        page=report_page,
        page_related=("plan__hromada",),
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "plan", "kind"],
                name="one_report_per_network_plan_kind",
                violation_error_message=_("The network already has this report for the plan."),
            ),
            models.CheckConstraint(
                condition=Q(status=ReportStatus.DRAFT)
                | Q(sent_at__isnull=False, reply_due__isnull=False),
                name="report_sent_has_due_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "reply_due"], name="report_status_due"),
            models.Index(fields=["published_at"], name="report_published"),
            models.Index(fields=["updated_at"], name="report_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.plan}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("monitoring.report", self.pk)


class Reply(models.Model):
    """The hromada's reply to one finding of a report (or to the report as a whole, when neither
    finding is set), written during the reply period and published with the report."""

    report = models.ForeignKey(
        Report,
        on_delete=models.PROTECT,
        related_name="replies",
        verbose_name=_("report"),
        help_text=_("The report replied to."),
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("assessment"),
        help_text=_("The commitment assessment replied to."),
    )
    standard_finding = models.ForeignKey(
        StandardFinding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("co-creation finding"),
        help_text=_("The co-creation finding replied to."),
    )
    text = ProseField(
        _("reply"), max_length=10000, help_text=_("The hromada's comment on the finding.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("The official's account; not public (the reply shows a public name)."),
    )
    author_label = LineField(
        _("replied by"), max_length=200, help_text=_("Public display name of the official.")
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = ("text",)
    RECORD = PublicRecord(
        parents=("report",),
        hromada="report__plan__hromada",
        withholdable=("text",),
    )

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "assessment"],
                condition=Q(assessment__isnull=False),
                name="one_reply_per_assessment",
            ),
            models.UniqueConstraint(
                fields=["report", "standard_finding"],
                condition=Q(standard_finding__isnull=False),
                name="one_reply_per_standard_finding",
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(assessment__isnull=True, standard_finding__isnull=True),
                name="one_general_reply_per_report",
            ),
            models.CheckConstraint(
                condition=Q(assessment__isnull=True) | Q(standard_finding__isnull=True),
                name="reply_to_one_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.text[:40]}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("monitoring.report", self.report_id)
