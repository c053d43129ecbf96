"""Independent monitoring as open data: networks with the regions they cover, member
organisations, monitors' assignments, assessments of commitments, co-creation findings, and
monitoring reports with the hromada's replies.

Only what is public: findings once their report is published (drafts, findings under review and
reports in their reply period stay out), people by their public name (an account never leaves
the platform), and never a membership application or a declared conflict of interest.
Monitoring's datasets are handed to the open-data registry in MonitoringConfig.ready().
"""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.utils.translation import gettext_lazy as _

from openhromada.core import visibility
from openhromada.core.withholding import Active
from openhromada.opendata.base import (
    API_URL,
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
from openhromada.opendata.base import register as register_datasets
from openhromada.plans.models import ActionPlan, Commitment

from .lifecycle import Completion, OpenedGovernment, Potential, ReportKind, Standard, Verdict
from .models import (
    Assessment,
    Assignment,
    MemberOrganisation,
    MonitoringNetwork,
    Reply,
    Report,
    StandardFinding,
)

NETWORKS_KEY = "monitoring-networks"
MEMBERS_KEY = "monitoring-members"
ASSIGNMENTS_KEY = "monitoring-assignments"
ASSESSMENTS_KEY = "monitoring-assessments"
FINDINGS_KEY = "monitoring-co-creation-findings"
REPORTS_KEY = "monitoring-reports"
REPLIES_KEY = "monitoring-replies"
KEYWORDS = ("незалежний моніторинг", "OGP Local", "громадянське суспільство")


# The publication rule alone: withheld records are left out by the dataset machinery, so a
# detail can tell a withheld record (451) from one that is not public (404).
NOTHING_WITHHELD = Active(())


def published(model):
    """The rows of `model` public by their own and their parents' publication state."""
    condition = visibility.public_q(model._meta.label_lower, NOTHING_WITHHELD)
    return model.objects.filter(condition) if condition else model.objects.all()


def _rename(row: dict, names: dict[str, str], drop=()) -> dict:
    return {names.get(k, k): v for k, v in row.items() if k not in drop}


def _network_path(slug: str) -> str:
    return f"{page_prefix('monitoring:networks')}networks/{slug}/"


def _plan_path(hromada_slug: str, plan_slug: str) -> str:
    return f"{page_prefix('places:directory')}{hromada_slug}/plans/{plan_slug}/"


def _report_path(pk: int) -> str:
    return f"{page_prefix('monitoring:networks')}reports/{pk}/"


def network_column(model, path: str = "network") -> Column:
    return Column.from_field(model, path, name="network_id", references=f"{NETWORKS_KEY}.id")


PLAN = Column.from_field(Assignment, "plan", references="plans.id")
PLAN_TITLE = Column.from_field(ActionPlan, "title", name="plan_title")
PLAN_URL = Column("plan_url", "string", _("The action plan's page on the platform."))
ORIGIN = Column.from_field(Report, "origin")
BY_NETWORK = Filter("network", "network_id", int, _("Identifier of the monitoring network."))
BY_PLAN = Filter("plan", "plan_id", int, _("Identifier of the action plan."))
BY_KIND = Filter("kind", "kind", ReportKind, _("Report: inception review or results report."))


# --- networks ----------------------------------------------------------------------------------

NETWORK_FIELDS = (
    "id",
    "slug",
    "name_uk",
    "name_en",
    "description",
    "accepts_applications",
    "origin",
    "created_at",
    "updated_at",
)


def _network_regions(rows: list[dict], withheld) -> None:
    """The oblasts each network covers and its current members counted (two queries a batch)."""
    ids = [row["id"] for row in rows]
    regions: dict[int, list[str]] = {pk: [] for pk in ids}
    links = MonitoringNetwork.oblasts.through.objects.filter(monitoringnetwork_id__in=ids)
    for network_id, code in links.order_by("oblast__code").values_list(
        "monitoringnetwork_id", "oblast__code"
    ):
        regions[network_id].append(code)
    counts = dict(
        MemberOrganisation.objects.filter(network_id__in=ids, left_on__isnull=True)
        .values("network_id")
        .annotate(n=Count("pk"))
        .values_list("network_id", "n")
    )
    for row in rows:
        row["oblast_codes"] = regions.get(row["id"], [])
        row["member_count"] = counts.get(row["id"], 0)


def _network_row(row: dict, withheld) -> dict:
    out = dict(row)
    out["url"] = absolute(_network_path(row["slug"]))
    out["api_url"] = api_url(NETWORKS_KEY, row["id"])
    return out


NETWORKS = Dataset(
    key=NETWORKS_KEY,
    schema_name="MonitoringNetwork",
    model_label="monitoring.monitoringnetwork",
    title=_("Independent monitoring networks"),
    description=_(
        "Networks of civil-society organisations that independently assess OGP Local action "
        "plans: the regions (oblasts) each covers and how many organisations are members."
    ),
    keywords=(*KEYWORDS, "мережа"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the network.")),
        *(
            Column.from_field(MonitoringNetwork, name)
            for name in ("slug", "name_uk", "name_en", "description", "accepts_applications")
        ),
        Column.from_field(MonitoringNetwork, "origin"),
        Column.from_field(MonitoringNetwork, "created_at"),
        UPDATED,
        Column.from_field(MonitoringNetwork, "oblasts", name="oblast_codes", type="strings"),
        Column("member_count", "integer", _("Organisations that are members now.")),
        URL,
        API_URL,
    ),
    queryset=lambda withheld: MonitoringNetwork.objects.values(*NETWORK_FIELDS),
    to_row=_network_row,
    prepare=_network_regions,
    filters=(
        Filter(
            "oblast",
            "oblasts__code",
            str,
            _("КАТОТТГ code of an oblast the network covers."),
            references="oblasts.code",
        ),
        UPDATED_SINCE,
    ),
)


# --- member organisations ----------------------------------------------------------------------

MEMBER_FIELDS = (
    "id",
    "network_id",
    "name",
    "edrpou",
    "oblast__code",
    "website",
    "email",
    "phone",
    "joined_on",
    "left_on",
    "origin",
    "updated_at",
)


def _member_row(row: dict, withheld) -> dict:
    out = _rename(
        row,
        {"oblast__code": "oblast_code", "oblast__name_uk": "oblast_name_uk"},
        drop=("network__slug", "oblast__name_en"),
    )
    out["oblast_name_en"] = row["oblast__name_en"]
    out["url"] = absolute(_network_path(row["network__slug"]) + f"#member-{row['id']}")
    out["api_url"] = api_url(MEMBERS_KEY, row["id"])
    return out


OBLAST_CODE, OBLAST_UK, OBLAST_EN = PLACE_COLUMNS[:3]

MEMBERS = Dataset(
    key=MEMBERS_KEY,
    schema_name="MonitoringMember",
    model_label="monitoring.memberorganisation",
    title=_("Member organisations of monitoring networks"),
    description=_(
        "Every organisation that is or was a member of a monitoring network: its EDRPOU code, "
        "region, public contacts and the dates it joined and left."
    ),
    keywords=(*KEYWORDS, "ЄДРПОУ", "члени мережі"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the member organisation.")),
        network_column(MemberOrganisation),
        Column.from_field(MemberOrganisation, "name"),
        Column.from_field(MemberOrganisation, "edrpou"),
        OBLAST_CODE,
        *(
            Column.from_field(MemberOrganisation, name, nullable=False)
            for name in ("website", "email", "phone", "joined_on")
        ),
        Column.from_field(MemberOrganisation, "left_on", nullable=True),
        Column.from_field(MemberOrganisation, "origin"),
        UPDATED,
        OBLAST_UK,
        OBLAST_EN,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: MemberOrganisation.objects.values(
        *MEMBER_FIELDS, "network__slug", "oblast__name_uk", "oblast__name_en"
    ),
    to_row=_member_row,
    filters=(
        BY_NETWORK,
        Filter(
            "oblast",
            "oblast__code",
            str,
            _("КАТОТТГ code of the oblast."),
            references="oblasts.code",
        ),
        Filter("current", "left_on__isnull", bool, _("A member now (has not left).")),
        UPDATED_SINCE,
    ),
)


# --- assignments -------------------------------------------------------------------------------

ASSIGNMENT_FIELDS = (
    "id",
    "network_id",
    "plan_id",
    "plan__hromada__code",
    "monitor_label",
    "declaration",
    "assigned_at",
    "ended_at",
)
PLAN_CONTEXT = ("plan__slug", "plan__title", "plan__hromada__slug")


def _plan_context(row: dict, out: dict, prefix: str = "plan__") -> dict:
    out["plan_title"] = row[f"{prefix}title"]
    out["plan_url"] = absolute(_plan_path(row[f"{prefix}hromada__slug"], row[f"{prefix}slug"]))
    add_places(row, f"{prefix}hromada__", out)
    return out


def _assignment_row(row: dict, withheld) -> dict:
    out = {("hromada_code" if k == "plan__hromada__code" else k): row[k] for k in ASSIGNMENT_FIELDS}
    out["api_url"] = api_url(ASSIGNMENTS_KEY, row["id"])
    return _plan_context(row, out)


ASSIGNMENTS = Dataset(
    key=ASSIGNMENTS_KEY,
    schema_name="MonitoringAssignment",
    model_label="monitoring.assignment",
    title=_("Monitors' assignments to action plans"),
    description=_(
        "Which network's monitor (by public name) assesses which action plan, since when, and "
        "what they declared about their independence from the hromada."
    ),
    keywords=(*KEYWORDS, "монітори"),
    frequency="DAILY",
    updated_field="assigned_at",
    columns=(
        Column("id", "integer", _("Stable identifier of the assignment.")),
        network_column(Assignment),
        PLAN,
        HROMADA_CODE,
        Column.from_field(Assignment, "monitor_label"),
        Column.from_field(Assignment, "declaration"),
        Column.from_field(Assignment, "assigned_at"),
        Column.from_field(Assignment, "ended_at", nullable=True),
        API_URL,
        PLAN_TITLE,
        PLAN_URL,
        *PLACE_COLUMNS,
    ),
    queryset=lambda withheld: published(Assignment).values(
        *ASSIGNMENT_FIELDS, *PLAN_CONTEXT, *place_fields("plan__hromada__")
    ),
    to_row=_assignment_row,
    filters=(
        BY_NETWORK,
        BY_PLAN,
        hromada_filter("plan__hromada__"),
        oblast_filter("plan__hromada__"),
        Filter("current", "ended_at__isnull", bool, _("The assignment has not ended.")),
    ),
)


# --- assessments -------------------------------------------------------------------------------

# The city's self-reported completion and the monitor's differ (lifecycle.disagrees): the two
# scales share their codes, and "no evidence available" differs from every city level.
DIVERGES = ExpressionWrapper(
    ~Q(completion="") & ~Q(completion=F("commitment__completion")), output_field=BooleanField()
)

ASSESSMENT_FIELDS = (
    "id",
    "assignment__network_id",
    "commitment__plan_id",
    "commitment_id",
    "commitment__number",
    "commitment__plan__hromada__code",
    "kind",
    "version",
    "is_current",
    "supersedes_id",
    "correction_reason",
    "report_id",
    "verifiable",
    "lens_transparency",
    "lens_participation",
    "lens_accountability",
    "potential",
    "completion",
    "opened_government",
    "star",
    "commitment__completion",
    "diverges",
    "narrative",
    "links",
    "assessed_on",
    "author_label",
    "submitted_at",
    "published_at",
    "origin",
    "updated_at",
)
ASSESSMENT_NAMES = {
    "assignment__network_id": "network_id",
    "commitment__plan_id": "plan_id",
    "commitment__number": "commitment_number",
    "commitment__plan__hromada__code": "hromada_code",
    "commitment__completion": "city_completion",
    "author_label": "monitor",
}
ASSESSMENT_CONTEXT = (
    "commitment__title",
    "commitment__plan__slug",
    "commitment__plan__title",
    "commitment__plan__hromada__slug",
)


def _commitment_path(row: dict, prefix: str = "commitment__") -> str:
    plan = _plan_path(row[f"{prefix}plan__hromada__slug"], row[f"{prefix}plan__slug"])
    return f"{plan}commitments/{row[f'{prefix}number']}/"


def _assessment_row(row: dict, withheld) -> dict:
    out = {ASSESSMENT_NAMES.get(k, k): row[k] for k in ASSESSMENT_FIELDS}
    out["links"] = list(out["links"] or [])
    out["url"] = absolute(_commitment_path(row) + "#monitoring")
    out["api_url"] = api_url(ASSESSMENTS_KEY, row["id"])
    out["commitment_title"] = row["commitment__title"]
    if "title" in withheld.fields("plans.commitment", row["commitment_id"]):
        out["commitment_title"] = None
    _plan_context(row, out, "commitment__plan__")
    return withheld.redact_row("monitoring.assessment", row["id"], out)


def _public_references(rows: list[dict], withheld) -> None:
    """A corrected version and the report, only while they are public."""
    visibility.keep_visible_ids(rows, "supersedes_id", "monitoring.assessment", withheld)
    visibility.keep_visible_ids(rows, "report_id", "monitoring.report", withheld)


def public_assessments(withheld):
    """Published assessments of public commitments, with the city's divergence computed."""
    return visibility.visible(Assessment.objects.all(), withheld).annotate(diverges=DIVERGES)


ASSESSMENTS = Dataset(
    key=ASSESSMENTS_KEY,
    temporal=("assessed_on", "assessed_on"),
    schema_name="MonitoringAssessment",
    model_label="monitoring.assessment",
    title=_("Independent assessments of commitments"),
    description=_(
        "Every published assessment of a commitment on the IRM-style scales (verifiable, the "
        "open-government lens, potential for results, completion, did it open government), "
        "with star commitments, each version and correction, and whether the monitor's "
        "completion differs from the city's own."
    ),
    keywords=(*KEYWORDS, "оцінювання", "IRM"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the assessment version.")),
        Column.from_field(Assignment, "network", name="network_id"),
        Column.from_field(Commitment, "plan", references="plans.id"),
        Column.from_field(Assessment, "commitment", references="commitments.id"),
        Column.from_field(Commitment, "number", name="commitment_number"),
        HROMADA_CODE,
        *(
            Column.from_field(Assessment, name)
            for name in ("kind", "version", "is_current", "correction_reason")
        ),
        Column.from_field(Assessment, "supersedes", nullable=True),
        Column.from_field(Assessment, "report", nullable=True),
        Column.from_field(Assessment, "verifiable", nullable=True),
        *(
            Column.from_field(Assessment, name)
            for name in (
                "lens_transparency",
                "lens_participation",
                "lens_accountability",
                "potential",
                "completion",
                "opened_government",
                "star",
            )
        ),
        Column.from_field(Commitment, "completion", name="city_completion"),
        Column(
            "diverges",
            "boolean",
            _(
                "The monitor's completion differs from the city's self-reported completion "
                "(by at least one step, or no evidence for what the city reports)."
            ),
        ),
        Column.from_field(Assessment, "narrative", nullable=True),
        Column.from_field(Assessment, "links", type="strings", nullable=True),
        Column.from_field(Assessment, "assessed_on", nullable=True),
        Column.from_field(Assessment, "author_label", name="monitor"),
        Column.from_field(Assessment, "submitted_at", nullable=True),
        Column.from_field(Assessment, "published_at"),
        Column.from_field(Assessment, "origin"),
        UPDATED,
        URL,
        API_URL,
        Column.from_field(Commitment, "title", name="commitment_title", nullable=True),
        PLAN_TITLE,
        PLAN_URL,
        *PLACE_COLUMNS,
    ),
    queryset=lambda withheld: (
        published(Assessment)
        .annotate(diverges=DIVERGES)
        .values(
            *ASSESSMENT_FIELDS, *ASSESSMENT_CONTEXT, *place_fields("commitment__plan__hromada__")
        )
    ),
    to_row=_assessment_row,
    prepare=_public_references,
    filters=(
        Filter(
            "network", "assignment__network_id", int, _("Identifier of the monitoring network.")
        ),
        Filter("plan", "commitment__plan_id", int, _("Identifier of the action plan.")),
        Filter("commitment", "commitment_id", int, _("Identifier of the commitment.")),
        Filter("report", "report_id", int, _("Identifier of the monitoring report.")),
        hromada_filter("commitment__plan__hromada__"),
        oblast_filter("commitment__plan__hromada__"),
        BY_KIND,
        Filter("current", "is_current", bool, _("The version in force (not corrected since).")),
        Filter("star", "star", bool, _("A star commitment.")),
        Filter("diverges", "diverges", bool, _("The monitor's and the city's completion differ.")),
        Filter("completion", "completion", Completion, _("The monitor's completion.")),
        Filter("potential", "potential", Potential, _("Potential for results.")),
        Filter(
            "opened_government", "opened_government", OpenedGovernment, _("Did it open government?")
        ),
        UPDATED_SINCE,
    ),
)


# --- co-creation findings ----------------------------------------------------------------------

FINDING_FIELDS = (
    "id",
    "assignment__network_id",
    "plan_id",
    "plan__hromada__code",
    "kind",
    "standard",
    "verdict",
    "version",
    "is_current",
    "supersedes_id",
    "correction_reason",
    "report_id",
    "narrative",
    "links",
    "assessed_on",
    "author_label",
    "submitted_at",
    "published_at",
    "origin",
    "updated_at",
)
FINDING_NAMES = {
    "assignment__network_id": "network_id",
    "plan__hromada__code": "hromada_code",
    "author_label": "monitor",
}


def _finding_row(row: dict, withheld) -> dict:
    out = {FINDING_NAMES.get(k, k): row[k] for k in FINDING_FIELDS}
    out["links"] = list(out["links"] or [])
    out["api_url"] = api_url(FINDINGS_KEY, row["id"])
    _plan_context(row, out)
    out["url"] = out["plan_url"] + "#monitoring"
    return withheld.redact_row("monitoring.standardfinding", row["id"], out)


def _finding_references(rows: list[dict], withheld) -> None:
    visibility.keep_visible_ids(rows, "supersedes_id", "monitoring.standardfinding", withheld)
    visibility.keep_visible_ids(rows, "report_id", "monitoring.report", withheld)


FINDINGS = Dataset(
    key=FINDINGS_KEY,
    temporal=("assessed_on", "assessed_on"),
    schema_name="MonitoringCoCreationFinding",
    model_label="monitoring.standardfinding",
    title=_("Co-creation findings of monitoring"),
    description=_(
        "Every published finding on how an action plan was co-created, against each of OGP "
        "Local's participation and co-creation standards: met, partly met or not met, with "
        "the evidence."
    ),
    keywords=(*KEYWORDS, "співтворення", "стандарти участі"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the finding version.")),
        Column.from_field(Assignment, "network", name="network_id"),
        Column.from_field(StandardFinding, "plan", references="plans.id"),
        HROMADA_CODE,
        *(
            Column.from_field(StandardFinding, name)
            for name in (
                "kind",
                "standard",
                "verdict",
                "version",
                "is_current",
                "correction_reason",
            )
        ),
        Column.from_field(StandardFinding, "supersedes", nullable=True),
        Column.from_field(StandardFinding, "report", nullable=True),
        Column.from_field(StandardFinding, "narrative", nullable=True),
        Column.from_field(StandardFinding, "links", type="strings", nullable=True),
        Column.from_field(StandardFinding, "assessed_on", nullable=True),
        Column.from_field(StandardFinding, "author_label", name="monitor"),
        Column.from_field(StandardFinding, "submitted_at", nullable=True),
        Column.from_field(StandardFinding, "published_at"),
        Column.from_field(StandardFinding, "origin"),
        UPDATED,
        URL,
        API_URL,
        PLAN_TITLE,
        PLAN_URL,
        *PLACE_COLUMNS,
    ),
    queryset=lambda withheld: published(StandardFinding).values(
        *FINDING_FIELDS, *PLAN_CONTEXT, *place_fields("plan__hromada__")
    ),
    to_row=_finding_row,
    prepare=_finding_references,
    filters=(
        Filter(
            "network", "assignment__network_id", int, _("Identifier of the monitoring network.")
        ),
        BY_PLAN,
        Filter("report", "report_id", int, _("Identifier of the monitoring report.")),
        hromada_filter("plan__hromada__"),
        oblast_filter("plan__hromada__"),
        BY_KIND,
        Filter("standard", "standard", Standard, _("The participation standard.")),
        Filter("verdict", "verdict", Verdict, _("Verdict.")),
        Filter("current", "is_current", bool, _("The version in force (not corrected since).")),
        UPDATED_SINCE,
    ),
)


# --- reports -----------------------------------------------------------------------------------

REPORT_FIELDS = (
    "id",
    "network_id",
    "plan_id",
    "plan__hromada__code",
    "kind",
    "summary",
    "recommendations",
    "reply_days",
    "author_label",
    "sent_at",
    "reply_due",
    "published_at",
    "origin",
    "updated_at",
)
REPORT_COUNTS = ("assessment_count", "star_count", "diverging_count", "reply_count")


def _report_counts(rows: list[dict], withheld) -> None:
    """The report's public assessments (current versions), stars, divergences and replies,
    counted in two queries per batch."""
    ids = [row["id"] for row in rows]
    counted = {
        row["report_id"]: row
        for row in public_assessments(withheld)
        .filter(report_id__in=ids, is_current=True)
        .values("report_id")
        .annotate(
            assessment_count=Count("pk"),
            star_count=Count("pk", filter=Q(star=True)),
            diverging_count=Count("pk", filter=Q(diverges=True)),
        )
        .order_by()
    }
    replies = dict(
        visibility.visible(Reply.objects.filter(report_id__in=ids), withheld)
        .values("report_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("report_id", "n")
    )
    for row in rows:
        found = counted.get(row["id"], {})
        for name in REPORT_COUNTS[:3]:
            row[name] = found.get(name, 0)
        row["reply_count"] = replies.get(row["id"], 0)


def _report_row(row: dict, withheld) -> dict:
    out = {
        {"plan__hromada__code": "hromada_code", "author_label": "compiled_by"}.get(k, k): row[k]
        for k in (*REPORT_FIELDS, *REPORT_COUNTS)
    }
    out["url"] = absolute(_report_path(row["id"]))
    out["api_url"] = api_url(REPORTS_KEY, row["id"])
    _plan_context(row, out)
    return withheld.redact_row("monitoring.report", row["id"], out)


REPORTS = Dataset(
    key=REPORTS_KEY,
    temporal=("published_at", "published_at"),
    schema_name="MonitoringReport",
    model_label="monitoring.report",
    title=_("Monitoring reports"),
    description=_(
        "Published monitoring reports on action plans (inception reviews after submission, "
        "results reports after the plan ends): summary, recommendations, the reply period, and "
        "the assessments, star commitments, divergences from the city's report and replies "
        "counted."
    ),
    keywords=(*KEYWORDS, "звіт моніторингу", "право на відповідь"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the report.")),
        network_column(Report),
        Column.from_field(Report, "plan", references="plans.id"),
        HROMADA_CODE,
        Column.from_field(Report, "kind"),
        Column.from_field(Report, "summary", nullable=True),
        Column.from_field(Report, "recommendations", nullable=True),
        Column.from_field(Report, "reply_days"),
        Column.from_field(Report, "author_label", name="compiled_by"),
        Column.from_field(Report, "sent_at", nullable=True),
        Column.from_field(Report, "reply_due", nullable=True),
        Column.from_field(Report, "published_at"),
        ORIGIN,
        UPDATED,
        Column("assessment_count", "integer", _("Commitments assessed (current versions).")),
        Column("star_count", "integer", _("Star commitments among them.")),
        Column(
            "diverging_count",
            "integer",
            _("Assessments whose completion differs from the city's own."),
        ),
        Column("reply_count", "integer", _("The hromada's replies published with the report.")),
        URL,
        API_URL,
        PLAN_TITLE,
        PLAN_URL,
        *PLACE_COLUMNS,
    ),
    queryset=lambda withheld: published(Report).values(
        *REPORT_FIELDS, *PLAN_CONTEXT, *place_fields("plan__hromada__")
    ),
    to_row=_report_row,
    prepare=_report_counts,
    filters=(
        BY_NETWORK,
        BY_PLAN,
        hromada_filter("plan__hromada__"),
        oblast_filter("plan__hromada__"),
        BY_KIND,
        UPDATED_SINCE,
    ),
)


# --- replies -----------------------------------------------------------------------------------

REPLY_FIELDS = (
    "id",
    "report_id",
    "report__plan__hromada__code",
    "assessment_id",
    "standard_finding_id",
    "text",
    "author_label",
    "created_at",
    "updated_at",
)


def _reply_row(row: dict, withheld) -> dict:
    out = {
        {"report__plan__hromada__code": "hromada_code", "author_label": "replied_by"}.get(
            k, k
        ): row[k]
        for k in REPLY_FIELDS
    }
    out["url"] = absolute(_report_path(row["report_id"]) + f"#reply-{row['id']}")
    out["api_url"] = api_url(REPLIES_KEY, row["id"])
    return withheld.redact_row("monitoring.reply", row["id"], out)


def _reply_references(rows: list[dict], withheld) -> None:
    visibility.keep_visible_ids(rows, "assessment_id", "monitoring.assessment", withheld)
    visibility.keep_visible_ids(rows, "standard_finding_id", "monitoring.standardfinding", withheld)


REPLIES = Dataset(
    key=REPLIES_KEY,
    schema_name="MonitoringReply",
    model_label="monitoring.reply",
    title=_("Hromadas' replies to monitoring reports"),
    description=_(
        "The hromada's right of reply: its comment on each finding of a monitoring report (or "
        "on the report as a whole), published with the report."
    ),
    keywords=(*KEYWORDS, "право на відповідь"),
    frequency="DAILY",
    columns=(
        Column("id", "integer", _("Stable identifier of the reply.")),
        Column.from_field(Reply, "report", references=f"{REPORTS_KEY}.id"),
        HROMADA_CODE,
        Column.from_field(Reply, "assessment", nullable=True),
        Column.from_field(Reply, "standard_finding", nullable=True),
        Column.from_field(Reply, "text", nullable=True),
        Column.from_field(Reply, "author_label", name="replied_by"),
        Column.from_field(Reply, "created_at"),
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: published(Reply).values(*REPLY_FIELDS),
    to_row=_reply_row,
    prepare=_reply_references,
    filters=(
        Filter("report", "report_id", int, _("Identifier of the monitoring report.")),
        Filter("assessment", "assessment_id", int, _("Identifier of the assessment.")),
        hromada_filter("report__plan__hromada__"),
        oblast_filter("report__plan__hromada__"),
        UPDATED_SINCE,
    ),
)

DATASETS = (NETWORKS, MEMBERS, ASSIGNMENTS, ASSESSMENTS, FINDINGS, REPORTS, REPLIES)


def register() -> None:
    """Register monitoring's datasets with the open-data layer (API, bulk files, catalogue)."""
    register_datasets(*DATASETS)
