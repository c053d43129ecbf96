"""Action plans, commitments (the OGP template), milestones, progress updates and amendments."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import CREATED, UPDATED
from openhromada.core.fields import LineField, LinesField, ProseField
from openhromada.core.models import data_origin_field
from openhromada.core.records import PublicRecord, public_unless

from .lifecycle import CompletionLevel, MilestoneStatus, PlanStatus

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


def plan_page(plan) -> str:
    return reverse("plans:plan", args=[plan.hromada.slug, plan.slug])


def commitment_page(commitment) -> str:
    plan = commitment.plan
    return reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])


class ActionPlanQuerySet(models.QuerySet):
    def public(self):
        # "not a draft" rather than IN (five states) lets the database walk a sort index;
        # a test keeps this equal to PUBLIC_STATES
        return self.exclude(status=PlanStatus.DRAFT)


class ActionPlan(models.Model):
    """A hromada's two-year OGP Local action plan (Popolo: an Organization's plan document)."""

    hromada = models.ForeignKey(
        "places.Hromada",
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("hromada"),  # PROTECT: plans are public records, never cascaded away
        help_text=_("The hromada whose plan it is."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=40,
        help_text=_("Public identifier within the hromada, e.g. 2025-2026."),
    )
    title = LineField(_("title"), max_length=300, help_text=_("Title of the plan."))
    summary = ProseField(
        _("summary"), blank=True, help_text=_("What the plan sets out to change, in a paragraph.")
    )
    start_date = models.DateField(_("start date"), help_text=_("Start of the plan's period."))
    end_date = models.DateField(_("end date"), help_text=_("End of the plan's period."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.DRAFT,
        db_index=True,
        help_text=_("Stage of the plan's lifecycle; a draft is not public."),
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"),
        null=True,
        blank=True,
        help_text=_("When the status last changed."),
    )
    # Derived from milestones by the services (kept here so lists of thousands of plans are cheap).
    progress_percent = models.PositiveSmallIntegerField(
        _("progress, %"),
        default=0,
        editable=False,
        help_text=_("Overall progress, % (weighted by milestones)."),
    )
    overdue_count = models.PositiveIntegerField(
        _("overdue milestones"),
        default=0,
        editable=False,
        help_text=_("Milestones past their due date and not closed."),
    )
    origin = data_origin_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    objects = ActionPlanQuerySet.as_manager()

    HISTORY_FIELDS = ("title", "summary", "start_date", "end_date", "status")
    RECORD = PublicRecord(  # nothing of a draft is public
        state=public_unless("status", PlanStatus.DRAFT),
        container=True,
        hromada="hromada",
        withholdable=("summary",),
        withhold_record=True,
        page=plan_page,
        page_related=("hromada",),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(fields=["hromada", "slug"], name="plan_slug_per_hromada"),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="plan_ends_after_it_starts",
                violation_error_message=_("The plan must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start_date"]),
            models.Index(fields=["hromada", "start_date"]),
            # the national overview's sort orders
            models.Index(fields=["-start_date", "-id"], name="plan_by_period"),
            models.Index(fields=["-progress_percent", "-id"], name="plan_by_progress"),
            models.Index(fields=["-overdue_count", "-id"], name="plan_by_overdue"),
            # open-data filters (each walks in id order, the API's keyset)
            models.Index(fields=["status", "id"], name="plan_status_id"),
            models.Index(fields=["updated_at"], name="plan_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    @property
    def history_container(self) -> tuple[str, int]:
        """The plan a history entry belongs to (lets public lists leave drafts out at once)."""
        return ("plans.actionplan", self.pk)

    @property
    def period(self) -> str:
        return f"{self.start_date.year}–{self.end_date.year}"


class PlanTransition(models.Model):
    """One move of a plan through its lifecycle, with who and when."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("action plan"),
        help_text=_("The plan whose status changed."),
    )  # part of the plan's own record
    from_status = models.CharField(
        _("from"),
        max_length=20,
        choices=PlanStatus.choices,
        help_text=_("Status before the change."),
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=PlanStatus.choices, help_text=_("Status after the change.")
    )
    actor_label = LineField(
        _("by"), max_length=200, help_text=_("Public display name of who changed the status.")
    )
    note = ProseField(_("note"), blank=True, help_text=_("A note on the change, shown with it."))
    created_at = models.DateTimeField(
        _("date"), auto_now_add=True, help_text=_("When the status changed.")
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.from_status} → {self.to_status}"


class Commitment(models.Model):
    """One commitment in the OGP Local template."""

    class Currency(models.TextChoices):
        UAH = "UAH", _("hryvnia (UAH)")
        EUR = "EUR", _("euro (EUR)")
        USD = "USD", _("US dollar (USD)")

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("action plan"),
        help_text=_("The action plan the commitment belongs to."),
    )  # PROTECT: public records
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number within the action plan (1, 2, …).")
    )
    title = LineField(_("title"), max_length=300, help_text=_("Title of the commitment."))
    problem = ProseField(_("public problem"), help_text=_("The problem the commitment addresses."))
    baseline = ProseField(
        _("baseline"), blank=True, help_text=_("Data on the situation before the commitment.")
    )
    objective = ProseField(
        _("objective and expected results"),
        help_text=_("What the commitment is and what it will deliver."),
    )
    how_it_solves = ProseField(
        _("how it solves the problem"),
        blank=True,
        help_text=_("How the commitment will help solve the problem."),
    )
    value_access_to_information = models.BooleanField(
        _("access to information"),
        default=False,
        help_text=_("OGP value: access to information."),
    )
    value_civic_participation = models.BooleanField(
        _("civic participation"), default=False, help_text=_("OGP value: civic participation.")
    )
    value_public_accountability = models.BooleanField(
        _("public accountability"),
        default=False,
        help_text=_("OGP value: public accountability."),
    )
    value_technology_innovation = models.BooleanField(
        _("technology and innovation"),
        default=False,
        help_text=_("OGP value: technology, innovation."),
    )
    lead_body = LineField(
        _("lead implementing body"),
        max_length=300,
        db_index=True,
        help_text=_("The body that leads the commitment's implementation."),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("When work on the commitment starts.")
    )
    end_date = models.DateField(_("end date"), help_text=_("When the commitment is due."))
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Planned budget, in its currency; empty if not given."),
    )
    budget_currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency.choices,
        default=Currency.UAH,
        help_text=_("Currency of the budget (ISO 4217)."),
    )
    budget_source = LineField(
        _("source of funding"),
        max_length=300,
        blank=True,
        help_text=_("Where the money comes from, e.g. the hromada's budget or a grant."),
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"),
        default=list,
        blank=True,
        help_text=_("Numbers of the UN Sustainable Development Goals (1–17) it serves."),
    )
    tags = LinesField(
        _("tags"), default=list, blank=True, help_text=_("Keywords for finding the commitment.")
    )
    # Derived from milestone weights by the services.
    progress_percent = models.PositiveSmallIntegerField(
        _("progress, %"),
        default=0,
        editable=False,
        help_text=_("Progress, % (weighted by milestones)."),
    )
    completion = models.CharField(
        _("completion"),
        max_length=20,
        choices=CompletionLevel.choices,
        default=CompletionLevel.NOT_STARTED,
        editable=False,
        db_index=True,
        help_text=_("Completion level by progress: 0 %, under 50 %, 50–99 % or 100 %."),
    )
    overdue_count = models.PositiveIntegerField(
        _("overdue milestones"),
        default=0,
        editable=False,
        help_text=_("Milestones past their due date and not closed."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    TEMPLATE_FIELDS = (
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
    )
    HISTORY_FIELDS = TEMPLATE_FIELDS
    RECORD = PublicRecord(
        parents=("plan",),
        hromada="plan__hromada",
        withholdable=(
            "problem",
            "baseline",
            "objective",
            "how_it_solves",
            "lead_body",
            "budget_source",
        ),
        withhold_record=True,
        page=commitment_page,
        page_related=("plan__hromada",),
        history_with=(  # its page shows its milestones, their reports and its amendments
            ("plans.milestone", "commitment"),
            ("plans.progressupdate", "milestone__commitment"),
            ("plans.amendment", "commitment"),
        ),
    )
    VALUE_FIELDS = {
        "access_to_information": "value_access_to_information",
        "civic_participation": "value_civic_participation",
        "public_accountability": "value_public_accountability",
        "technology_innovation": "value_technology_innovation",
    }

    class Meta:
        ordering = ["plan", "number"]
        indexes = [
            models.Index(fields=["completion", "id"], name="commitment_completion_id"),
            models.Index(fields=["updated_at"], name="commitment_updated"),
        ]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_number_per_plan"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="commitment_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("plans.actionplan", self.plan_id)

    @property
    def values(self) -> list[str]:
        return [key for key, field in self.VALUE_FIELDS.items() if getattr(self, field)]


class SupportingActor(models.Model):
    """Who supports a commitment, by sector (government, civil society, private sector, other)."""

    class Sector(models.TextChoices):
        GOVERNMENT = "government", _("government")
        CIVIL_SOCIETY = "civil_society", _("civil society")
        PRIVATE_SECTOR = "private_sector", _("private sector")
        OTHER = "other", _("other")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="supporting_actors",
        verbose_name=_("commitment"),
        help_text=_("The commitment supported."),
    )  # part of the commitment
    name = LineField(
        _("name"), max_length=300, help_text=_("Name of the supporting body or organisation.")
    )
    sector = models.CharField(
        _("sector"),
        max_length=20,
        choices=Sector.choices,
        help_text=_("Sector of the supporting body or organisation."),
    )

    class Meta:
        ordering = ["sector", "name"]
        verbose_name = _("supporting actor")
        verbose_name_plural = _("supporting actors")

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """A milestone of a commitment: an expected output with dates, a body and a weight."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        related_name="milestones",
        verbose_name=_("commitment"),
        help_text=_("The commitment the milestone belongs to."),
    )  # PROTECT: public records
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number within the commitment (1, 2, …).")
    )
    expected_output = ProseField(
        _("expected output"), help_text=_("What the milestone is to deliver.")
    )
    start_date = models.DateField(
        _("start date"), help_text=_("When work on the milestone starts.")
    )
    due_date = models.DateField(
        _("due date"), db_index=True, help_text=_("When the milestone is due.")
    )
    responsible_body = LineField(
        _("responsible body"),
        max_length=300,
        help_text=_("The body responsible for the milestone."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much the milestone counts towards the commitment's progress (1–100)."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
        db_index=True,
        help_text=_("Status as last reported."),
    )
    percent = models.PositiveSmallIntegerField(
        _("progress, %"),
        default=0,
        validators=PERCENT,
        help_text=_("Progress as last reported, %."),
    )
    is_overdue = models.BooleanField(
        _("overdue"),
        default=False,
        db_index=True,
        help_text=_("Past its due date and neither completed nor cancelled (set daily)."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)
    updated_at = models.DateTimeField(auto_now=True, help_text=UPDATED)

    HISTORY_FIELDS = (
        "number",
        "expected_output",
        "start_date",
        "due_date",
        "responsible_body",
        "weight",
        "status",
        "percent",
        "is_overdue",
    )
    RECORD = PublicRecord(
        parents=("commitment",),
        hromada="commitment__plan__hromada",
        withholdable=("expected_output", "responsible_body"),
        withhold_record=True,
    )

    class Meta:
        ordering = ["commitment", "number"]
        indexes = [
            models.Index(fields=["status", "id"], name="milestone_status_id"),
            models.Index(fields=["is_overdue", "id"], name="milestone_overdue_id"),
            models.Index(fields=["updated_at"], name="milestone_updated"),
        ]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="milestone_number_per_commitment"
            ),
            models.CheckConstraint(
                condition=models.Q(due_date__gte=models.F("start_date")),
                name="milestone_due_after_start",
                violation_error_message=_("The due date is before the start date."),
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100),
                name="milestone_percent_at_most_100",
                violation_error_message=_("A percentage is between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.number}.{self.number} {self.expected_output[:60]}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("plans.actionplan", self.commitment.plan_id)


class ProgressUpdate(models.Model):
    """A report on a milestone: what happened, its new status and percentage, with evidence."""

    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("milestone"),
        help_text=_("The milestone reported on."),
    )  # PROTECT: public records
    date = models.DateField(_("date"), help_text=_("Date of the report; never in the future."))
    text = ProseField(_("what was done"), help_text=_("What was done since the last report."))
    status = models.CharField(
        _("new status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        help_text=_("The milestone's new status."),
    )
    percent = models.PositiveSmallIntegerField(
        _("progress, %"), validators=PERCENT, help_text=_("The milestone's progress, %.")
    )
    links = models.JSONField(
        _("evidence links"),
        default=list,
        blank=True,
        help_text=_("Web addresses of the evidence: documents, pages, photos."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("The account that reported; not public (the report shows a public name)."),
    )
    author_label = LineField(
        _("reported by"), max_length=200, help_text=_("Public display name of who reported.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=CREATED)

    HISTORY_FIELDS = ("date", "text", "status", "percent", "links")
    RECORD = PublicRecord(
        parents=("milestone",),
        hromada="milestone__commitment__plan__hromada",
        withholdable=("text", "links"),  # withholding the links withholds the evidence files too
        withhold_record=True,
    )

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["date"], name="update_date"),
            models.Index(fields=["created_at"], name="update_created"),
        ]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.date}: {self.get_status_display()}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("plans.actionplan", self.milestone.commitment.plan_id)


def evidence_path(instance, filename: str) -> str:
    return f"evidence/{instance.update.milestone.commitment.plan_id}/{filename}"


class EvidenceFile(models.Model):
    """A file attached to a progress update (size- and type-limited by the service)."""

    update = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="files",
        verbose_name=_("progress update"),
        help_text=_("The progress report the file supports."),
    )  # part of the update
    file = models.FileField(
        _("file"), upload_to=evidence_path, max_length=255, help_text=_("The uploaded file.")
    )
    name = LineField(_("file name"), max_length=200, help_text=_("The file's name as uploaded."))
    size = models.PositiveIntegerField(
        _("size in bytes"), help_text=_("Size of the file, in bytes.")
    )
    content_type = models.CharField(
        _("type"),
        max_length=100,
        help_text=_("Type of the file (MIME type, e.g. application/pdf)."),
    )

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.name


class Amendment(models.Model):
    """A change to a commitment after submission, with its reason and the earlier version."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("commitment"),
        help_text=_("The commitment amended."),
    )  # PROTECT: public records
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Number of the amendment within its commitment (1, 2, …).")
    )
    reason = ProseField(
        _("reason"), help_text=_("Why the commitment was changed; published with the amendment.")
    )
    changes = models.JSONField(_("changes"), help_text=_("What changed: {field: [before, after]}."))
    previous_version = models.JSONField(
        _("previous version"), help_text=_("The commitment's fields as they were before.")
    )
    author_label = LineField(
        _("by"), max_length=200, help_text=_("Public display name of who made the amendment.")
    )
    created_at = models.DateTimeField(
        _("date"), auto_now_add=True, help_text=_("When the amendment was made.")
    )

    RECORD = PublicRecord(parents=("commitment",), hromada="commitment__plan__hromada")

    class Meta:
        ordering = ["commitment", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "number"], name="amendment_number_per_commitment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commitment} — {self.number}"

    @property
    def history_container(self) -> tuple[str, int]:
        return ("plans.actionplan", self.commitment.plan_id)
