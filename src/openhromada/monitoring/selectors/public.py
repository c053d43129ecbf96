"""What everyone sees of independent monitoring: the assessments beside a commitment's own report,
who monitors a plan and its published reports, and the national comparison of the current
published assessments (per oblast and per hromada).

Only public records: a finding is public once `published_at` is set, a report once it is
published, and neither when withheld (core.visibility and core.withholding decide, as for every
other record). The comparison's "self-report and assessment diverge" is the same rule as
`lifecycle.disagrees`, written as one SQL condition derived from its rank tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from openhromada.core.pagecache import VERSION_KEY
from openhromada.core.visibility import visible
from openhromada.core.withholding import Active
from openhromada.places.models import Hromada, Oblast

from ..lifecycle import (
    CITY_COMPLETION_RANK,
    COMPLETION_RANK,
    Completion,
    FindingStatus,
    OpenedGovernment,
    Potential,
    ReportKind,
    disagrees,
)
from ..models import Assessment, Assignment, FindingFile, Reply, Report

# --- one commitment ------------------------------------------------------------------------------


def _current(queryset):
    """Current submitted versions (a correction replaces the version it corrects)."""
    return queryset.filter(status=FindingStatus.SUBMITTED, is_current=True)


def link_urls(links) -> list[str]:
    """Evidence links as addresses, whether stored as strings or as {"url": …} objects."""
    urls = []
    for item in links or []:
        url = item.get("url", "") if isinstance(item, dict) else str(item)
        if url.startswith(("http://", "https://")):
            urls.append(url)
    return urls


def commitment_assessments(commitment, withheld: Active) -> list[Assessment]:
    """The commitment's current published assessments (inception and results, every network),
    each with its evidence files and the hromada's published replies — four queries at most,
    however many assessments, files and replies there are."""
    assessments = list(
        visible(_current(Assessment.objects.filter(commitment=commitment)), withheld)
        .select_related("assignment__network", "report", "supersedes")
        .prefetch_related(Prefetch("files", queryset=FindingFile.objects.order_by("pk")))
        .order_by("kind", "assignment__network__name_uk", "pk")
    )
    if not assessments:
        return []
    ids = {a.pk for a in assessments} | {a.supersedes_id for a in assessments if a.supersedes_id}
    replies: dict[int, list[Reply]] = {}
    for reply in visible(Reply.objects.filter(assessment_id__in=ids), withheld).order_by("pk"):
        replies.setdefault(reply.assessment_id, []).append(withheld.redact(reply))
    for assessment in assessments:
        withheld.redact(assessment)
        hidden_links = "links" in assessment.withheld_fields
        assessment.link_list = [] if hidden_links else link_urls(assessment.links)
        assessment.file_list = [] if hidden_links else list(assessment.files.all())
        assessment.reply_list = [
            *replies.get(assessment.pk, []),
            *replies.get(assessment.supersedes_id, []),
        ]
        assessment.lens = [
            label
            for on, label in (
                (assessment.lens_transparency, _("more transparent")),
                (assessment.lens_participation, _("more participatory")),
                (assessment.lens_accountability, _("more accountable")),
            )
            if on
        ]
        assessment.disagrees = bool(
            assessment.kind == ReportKind.RESULTS
            and disagrees(commitment.completion, assessment.completion)
        )
    return assessments


def plan_assignments(plan) -> list[Assignment]:
    """Who monitors the plan: its open assignments, by network (public by their public name)."""
    return list(
        Assignment.objects.filter(plan=plan, ended_at=None)
        .select_related("network")
        .order_by("network__name_uk", "monitor_label")
    )


def city_evidence(commitment, withheld: Active) -> dict:
    """The city's own report: its milestones' public progress reports and how many carry
    evidence (links or files). Reads the relations the commitment page already loaded."""
    milestones = []
    reports = with_evidence = 0
    for milestone in withheld.prune(commitment, "milestones"):
        updates = withheld.prune(milestone, "updates")
        evidenced = sum(
            1
            for u in updates
            if "links" not in getattr(u, "withheld_fields", ()) and (u.links or u.files.all())
        )
        reports += len(updates)
        with_evidence += evidenced
        if updates:
            milestones.append((milestone, len(updates), evidenced))
    return {"milestones": milestones, "reports": reports, "with_evidence": with_evidence}


def plan_reports(plan, withheld: Active) -> list[Report]:
    return list(
        visible(Report.objects.filter(plan=plan), withheld)
        .select_related("network")
        .order_by("-published_at", "pk")
    )


def plan_star_count(plan, withheld: Active) -> int:
    """Commitments of the plan that a current published results assessment marks as stars."""
    return (
        visible(
            _current(Assessment.objects.filter(commitment__plan=plan, kind=ReportKind.RESULTS)),
            withheld,
        )
        .filter(star=True)
        .values("commitment")
        .distinct()
        .count()
    )


def hromada_reports(hromada, withheld: Active, limit: int = 5) -> list[Report]:
    return list(
        visible(Report.objects.filter(plan__hromada=hromada), withheld)
        .select_related("network", "plan")
        .order_by("-published_at", "pk")[:limit]
    )


# --- the national comparison ---------------------------------------------------------------------

# "Diverge" in SQL, from lifecycle's rank tables: the monitor gave a completion, the city's is on
# its scale, and the two do not stand on the same step (lifecycle.disagrees, pair by pair).
_SAME_STEP = [
    (monitor, city)
    for monitor, monitor_rank in COMPLETION_RANK.items()
    for city, city_rank in CITY_COMPLETION_RANK.items()
    if monitor_rank == city_rank
]


def diverge_condition(prefix: str = "") -> Q:
    """The SQL form of lifecycle.disagrees on an assessment (lookups from `prefix`)."""
    same = Q()
    for monitor, city in _SAME_STEP:
        same |= Q(**{f"{prefix}completion": monitor, f"{prefix}commitment__completion": city})
    return (
        Q(**{f"{prefix}completion__in": list(COMPLETION_RANK)})
        & Q(**{f"{prefix}commitment__completion__in": list(CITY_COMPLETION_RANK)})
        & ~same
    )


# The scales each report kind is compared on: (key, its values, and the label of "not rated").
SCALES = {
    ReportKind.RESULTS: (
        ("completion", Completion),
        ("opened_government", OpenedGovernment),
    ),
    ReportKind.INCEPTION: (("potential", Potential),),
}
SCALE_TITLES = {
    "completion": _("Completion, as the monitors found it"),
    "opened_government": _("Did it open government?"),
    "potential": _("Potential for results"),
}
NOT_RATED = "none"


@dataclass
class Row:
    """One oblast's or hromada's (or the whole country's) numbers."""

    name: str
    slug: str = ""
    oblast_slug: str = ""
    total: int = 0
    stars: int = 0
    diverging: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)  # scale → counts per value

    @property
    def diverging_percent(self) -> int:
        return round(100 * self.diverging / self.total) if self.total else 0

    @property
    def stars_percent(self) -> int:
        return round(100 * self.stars / self.total) if self.total else 0


def _values(scale) -> list[str]:
    return [*scale.values, NOT_RATED]


def _aggregates(kind: str) -> dict:
    aggregates = {
        "total": Count("pk"),
        "stars": Count("pk", filter=Q(star=True)),
        "diverging": Count("pk", filter=diverge_condition()),
    }
    for key, scale in SCALES[kind]:
        for value in _values(scale):
            aggregates[f"{key}__{value}"] = Count(
                "pk", filter=Q(**{key: ""}) if value == NOT_RATED else Q(**{key: value})
            )
    return aggregates


def _row(values: dict, kind: str, **names) -> Row:
    row = Row(total=values["total"], stars=values["stars"], diverging=values["diverging"], **names)
    for key, scale in SCALES[kind]:
        row.counts[key] = [values[f"{key}__{value}"] for value in _values(scale)]
    return row


def compared(kind: str, withheld: Active):
    """The assessments the comparison counts: current, submitted, published and public."""
    return visible(_current(Assessment.objects.filter(kind=kind)), withheld).order_by()


def comparison(
    kind: str, withheld: Active, oblasts: list[Oblast], oblast: Oblast | None, hromadas: bool
) -> dict:
    """`compute_comparison`, kept in the cache under the public-content version: every public
    write (a report published, a correction submitted, a record withheld or released, a city's
    progress report) goes through the public history, which bumps that version when its
    transaction commits (core.history), so the next reader gets numbers computed afresh. Nothing
    else is stored: the numbers are never older than the last public change."""
    seconds = getattr(settings, "MONITORING_COMPARISON_CACHE_SECONDS", 600)
    if seconds <= 0:
        return compute_comparison(kind, withheld, oblasts, oblast, hromadas)
    key = ":".join(
        (
            "monitoring-comparison",
            str(cache.get(VERSION_KEY, 0)),
            translation.get_language() or "",
            kind,
            str(oblast.pk if oblast else ""),
            "h" if hromadas else "",
        )
    )
    data = cache.get(key)
    if data is None:
        data = compute_comparison(kind, withheld, oblasts, oblast, hromadas)
        cache.set(key, data, seconds)
    return data


def compute_comparison(
    kind: str, withheld: Active, oblasts: list[Oblast], oblast: Oblast | None, hromadas: bool
) -> dict:
    """Rows per oblast (all oblasts, or the chosen one) and, when asked, per hromada (of the
    chosen oblast, or everywhere), plus the national total. A fixed number of queries."""
    base = compared(kind, withheld)
    aggregates = _aggregates(kind)
    by_oblast = {
        values.pop("commitment__plan__hromada__oblast"): values
        for values in base.values("commitment__plan__hromada__oblast").annotate(**aggregates)
    }
    oblast_rows = [
        _row(by_oblast[o.pk], kind, name=o.name, slug=o.slug)
        for o in oblasts
        if o.pk in by_oblast and (oblast is None or o.pk == oblast.pk)
    ]
    national = Row(name=str(_("Ukraine")))
    for key, scale in SCALES[kind]:
        national.counts[key] = [0] * len(_values(scale))
    for values in by_oblast.values():
        row = _row(values, kind, name="")
        national.total += row.total
        national.stars += row.stars
        national.diverging += row.diverging
        for key, counts in row.counts.items():
            totals = national.counts[key]
            national.counts[key] = [a + b for a, b in zip(totals, counts, strict=True)]
    hromada_rows = []
    if hromadas:
        scoped = base if oblast is None else base.filter(commitment__plan__hromada__oblast=oblast)
        by_hromada = {
            values.pop("commitment__plan__hromada"): values
            for values in scoped.values("commitment__plan__hromada").annotate(**aggregates)
        }
        slugs = {o.pk: o.slug for o in oblasts}
        places = Hromada.objects.filter(pk__in=list(by_hromada)).only(
            "slug", "name_uk", "name_en", "sort_key", "oblast_id"
        )
        hromada_rows = [
            _row(
                by_hromada[h.pk],
                kind,
                name=h.name,
                slug=h.slug,
                oblast_slug=slugs.get(h.oblast_id, ""),
            )
            for h in sorted(places, key=lambda h: (h.sort_key, h.pk))
        ]
    return {"oblast_rows": oblast_rows, "hromada_rows": hromada_rows, "national": national}
