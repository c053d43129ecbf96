"""A monitor's findings: an assessment of each commitment on the IRM-style scales, and of the
co-creation process against each participation standard. Both are drafts until submitted; a
submitted finding never changes — a correction is a new version with its reason. Findings are
public once the report that carries them is published (the hromada replies to them first)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, ProseField
from openhromada.core.models import data_origin_field
from openhromada.core.records import PublicRecord, public_once_set
from openhromada.plans.models import commitment_page

from ..lifecycle import (
    Completion,
    FindingStatus,
    OpenedGovernment,
    Potential,
    ReportKind,
    Standard,
    Verdict,
    is_relevant,
    is_star,
)
from .networks import Assignment


def assessment_page(assessment) -> str:
    return f"{commitment_page(assessment.commitment)}#monitoring"


class Finding(models.Model):
    """What every finding has: who made it under which assignment, for which report kind, its
    version and lifecycle, its narrative and evidence links."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,  # findings are public records
        related_name="+",
        verbose_name=_("assignment"),
        help_text=_("The monitor's assignment the finding was made under."),
    )
    kind = models.CharField(
        _("report"),
        max_length=20,
        choices=ReportKind.choices,
        help_text=_("Inception review (after submission) or results report (after the plan)."),
    )
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text=_("One for the first version; each correction adds one.")
    )
    correction_reason = ProseField(
        _("reason for the correction"),
        blank=True,
        max_length=3000,
        help_text=_("Why an earlier submitted version was corrected."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FindingStatus.choices,
        default=FindingStatus.DRAFT,
        help_text=_("A draft until the monitor submits it; a submitted finding is final."),
    )
    is_current = models.BooleanField(
        _("current version"),
        default=False,
        help_text=_("The submitted version in force (a correction replaces it)."),
    )
    narrative = ProseField(
        _("narrative"),
        blank=True,
        max_length=20000,
        help_text=_("What the monitor found and why (Markdown); required to submit."),
    )
    links = models.JSONField(
        _("evidence links"),
        default=list,
        blank=True,
        help_text=_("Web addresses of the evidence: documents, pages, interviews' records."),
    )
    assessed_on = models.DateField(
        _("date of assessment"), null=True, blank=True, help_text=_("When the monitor assessed.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("The monitor's account; not public (the finding shows a public name)."),
    )
    author_label = LineField(
        _("monitor"), max_length=200, help_text=_("Public display name of the monitor.")
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), null=True, blank=True, help_text=_("When the monitor submitted it.")
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When it became public: with its report, or as a correction after it."),
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    class Meta:
        abstract = True


class Assessment(Finding):
    """A monitor's assessment of one commitment on the IRM-style scales."""

    commitment = models.ForeignKey(
        "plans.Commitment",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("commitment"),
        help_text=_("The commitment assessed."),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,  # the corrected version stays in the record
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
        help_text=_("The earlier submitted version this one corrects."),
    )
    report = models.ForeignKey(
        "monitoring.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("report"),
        help_text=_("The report that carries it (set when the report goes to the hromada)."),
    )
    verifiable = models.BooleanField(
        _("verifiable"),
        null=True,
        blank=True,
        help_text=_("Can its results be checked? A commitment that is not cannot be assessed."),
    )
    lens_transparency = models.BooleanField(
        _("more transparent"), default=False, help_text=_("Whether it makes the area more open.")
    )
    lens_participation = models.BooleanField(
        _("more participatory"),
        default=False,
        help_text=_("Whether it gives residents more say in the area."),
    )
    lens_accountability = models.BooleanField(
        _("more accountable"),
        default=False,
        help_text=_("Whether it makes officials answer for their decisions in the area."),
    )
    potential = models.CharField(
        _("potential for results"),
        max_length=20,
        choices=Potential.choices,
        blank=True,
        help_text=_("Unclear, modest or substantial (the older scale's transformative)."),
    )
    completion = models.CharField(
        _("completion"),
        max_length=20,
        choices=Completion.choices,
        blank=True,
        help_text=_("How far it was carried out (results report)."),
    )
    opened_government = models.CharField(
        _("did it open government?"),
        max_length=20,
        choices=OpenedGovernment.choices,
        blank=True,
        help_text=_("The change in government practice it brought (results report)."),
    )
    star = models.BooleanField(
        _("star commitment"),
        default=False,
        editable=False,
        help_text=_(
            "Verifiable, relevant, with substantial potential, and substantially or fully done; "
            "computed from the scales."
        ),
    )

    HISTORY_FIELDS = (
        "kind",
        "version",
        "verifiable",
        "lens_transparency",
        "lens_participation",
        "lens_accountability",
        "potential",
        "completion",
        "opened_government",
        "narrative",
        "links",
        "assessed_on",
        "correction_reason",
    )
    RECORD = PublicRecord(
        parents=("commitment",),
        state=public_once_set("published_at"),
        hromada="commitment__plan__hromada",
        withholdable=("narrative", "links"),  # withholding the links withholds the files too
        withhold_record=True,
        page=assessment_page,
        page_related=("commitment__plan__hromada",),
    )

    class Meta:
        ordering = ["commitment__number", "kind", "-version"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "commitment", "kind", "version"],
                name="assessment_version_unique",
            ),
            models.UniqueConstraint(
                fields=["assignment", "commitment", "kind"],
                condition=Q(is_current=True),
                name="one_current_assessment",
            ),
        ]
        indexes = [
            models.Index(fields=["commitment", "kind", "is_current"], name="assessment_current"),
            models.Index(fields=["published_at"], name="assessment_published"),
            models.Index(fields=["updated_at"], name="assessment_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} {self.kind} v{self.version}"

    def save(self, *args, **kwargs):
        self.star = is_star(
            verifiable=self.verifiable,
            transparency=self.lens_transparency,
            participation=self.lens_participation,
            accountability=self.lens_accountability,
            potential=self.potential,
            completion=self.completion,
        )
        super().save(*args, **kwargs)

    @property
    def relevant(self) -> bool:
        return is_relevant(
            self.lens_transparency, self.lens_participation, self.lens_accountability
        )

    @property
    def history_container(self) -> tuple[str, int]:
        # in its report's history: public with the report (a finding is published only with
        # one, or as a correction of one already published)
        if self.report_id:
            return ("monitoring.report", self.report_id)
        return ("plans.actionplan", self.assignment.plan_id)


class StandardFinding(Finding):
    """A monitor's finding on the co-creation process against one participation standard."""

    plan = models.ForeignKey(
        "plans.ActionPlan",
        on_delete=models.PROTECT,
        related_name="standard_findings",
        verbose_name=_("action plan"),
        help_text=_("The plan whose co-creation is assessed."),
    )
    standard = models.CharField(
        _("standard"),
        max_length=40,
        choices=Standard.choices,
        help_text=_("The participation standard or minimum requirement."),
    )
    verdict = models.CharField(
        _("verdict"),
        max_length=20,
        choices=Verdict.choices,
        blank=True,
        help_text=_("Met, partly met or not met; required to submit."),
    )
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("corrects"),
        help_text=_("The earlier submitted version this one corrects."),
    )
    report = models.ForeignKey(
        "monitoring.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="standard_findings",
        verbose_name=_("report"),
        help_text=_("The report that carries it (set when the report goes to the hromada)."),
    )

    HISTORY_FIELDS = (
        "kind",
        "version",
        "standard",
        "verdict",
        "narrative",
        "links",
        "assessed_on",
        "correction_reason",
    )
    RECORD = PublicRecord(
        parents=("plan",),
        state=public_once_set("published_at"),
        hromada="plan__hromada",
        withholdable=("narrative", "links"),
        withhold_record=True,
    )

    class Meta:
        ordering = ["plan", "kind", "standard", "-version"]
        verbose_name = _("co-creation finding")
        verbose_name_plural = _("co-creation findings")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "standard", "kind", "version"],
                name="standard_finding_version_unique",
            ),
            models.UniqueConstraint(
                fields=["assignment", "standard", "kind"],
                condition=Q(is_current=True),
                name="one_current_standard_finding",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "kind", "is_current"], name="standard_finding_current"),
            models.Index(fields=["published_at"], name="standard_finding_published"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.standard} v{self.version}"

    @property
    def history_container(self) -> tuple[str, int]:
        if self.report_id:  # as an assessment's
            return ("monitoring.report", self.report_id)
        return ("plans.actionplan", self.plan_id)


def finding_file_path(instance, filename: str) -> str:
    return f"monitoring/evidence/{filename}"


class FindingFile(models.Model):
    """An evidence file of one finding (size- and type-limited by core.uploads)."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("assessment"),
        help_text=_("The assessment the file supports."),
    )  # part of the finding
    standard_finding = models.ForeignKey(
        StandardFinding,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("co-creation finding"),
        help_text=_("The co-creation finding the file supports."),
    )
    file = models.FileField(
        _("file"), upload_to=finding_file_path, max_length=255, help_text=_("The uploaded file.")
    )
    name = LineField(_("file name"), max_length=200, help_text=_("The file's name as uploaded."))
    size = models.PositiveIntegerField(_("size in bytes"), help_text=_("Size of the file."))
    content_type = models.CharField(
        _("type"), max_length=100, help_text=_("Type of the file (MIME type).")
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [
            models.CheckConstraint(
                condition=Q(assessment__isnull=False, standard_finding__isnull=True)
                | Q(assessment__isnull=True, standard_finding__isnull=False),
                name="finding_file_of_one_finding",
            )
        ]

    def __str__(self) -> str:
        return self.name
