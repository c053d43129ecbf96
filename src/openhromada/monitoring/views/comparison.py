"""The public side of monitoring: the national comparison of the current published assessments
(per oblast and per hromada, with charts, their data tables and a CSV of the same numbers), and
the evidence files of published findings."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from openhromada.core.pagecache import public_page_cache
from openhromada.core.text import spreadsheet_csv
from openhromada.core.views import withheld_page
from openhromada.core.visibility import visible
from openhromada.core.withholding import for_request
from openhromada.places.models import Oblast
from openhromada.places.selectors import oblast_filter

from ..lifecycle import ReportKind
from ..models import Assessment, FindingFile, StandardFinding
from ..selectors import public

# Colours of each scale's values in the charts, worst to best (each also named in the legend,
# the chart's text alternative and the table beside it: never colour alone).
COLOURS = {
    "no_evidence": "#5f6670",
    "not_started": "#a50026",
    "limited": "#c55a00",
    "substantial": "#3b6fb6",
    "complete": "#17365f",
    "worsened": "#a50026",
    "no_change": "#5f6670",
    "marginal": "#c55a00",
    "major": "#3b6fb6",
    "outstanding": "#17365f",
    "unclear": "#5f6670",
    "modest": "#c55a00",
    # "substantial" potential shares the completion's colour
    public.NOT_RATED: "#b7bec7",
}
LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 210, 360, 26


def _kind(params, warnings: list[str]) -> str:
    kind = (params.get("kind") or "").strip()
    if kind in ReportKind.values:
        return kind
    if kind:
        warnings.append(
            _("Unknown report kind “%(value)s” — showing results reports.") % {"value": kind[:60]}
        )
    return ReportKind.RESULTS


def _query(request):
    oblasts = list(Oblast.objects.only("code", "slug", "name_uk", "name_en", "sort_key"))
    warnings: list[str] = []
    oblast = oblast_filter(request.GET, oblasts, warnings)
    kind = _kind(request.GET, warnings)
    return oblasts, oblast, kind, warnings


def _labels(scale) -> list[str]:
    return [*(str(label) for label in scale.labels), _("not rated")]


def _chart(key: str, scale, rows: list[public.Row]) -> dict:
    """One stacked-bar chart: a bar per row, a segment per value, with the text alternative."""
    values = [*scale.values, public.NOT_RATED]
    labels = _labels(scale)
    bars, described = [], []
    for index, row in enumerate(rows):
        counts = row.counts[key]
        x, segments = float(LABEL_WIDTH), []
        for value, label, count in zip(values, labels, counts, strict=True):
            if not count:
                continue
            width = BAR_WIDTH * count / row.total
            segments.append(
                {
                    "x": round(x, 2),
                    "width": round(width, 2),
                    "fill": COLOURS[value],
                    "title": f"{label}: {count}",
                }
            )
            x += width
        bars.append(
            {"y": index * ROW_HEIGHT, "name": row.name, "total": row.total, "segments": segments}
        )
        parts = ", ".join(
            f"{label} {count}" for label, count in zip(labels, counts, strict=True) if count
        )
        described.append(f"{row.name} ({row.total}): {parts}")
    return {
        "key": key,
        "title": public.SCALE_TITLES[key],
        "legend": [(COLOURS[v], label) for v, label in zip(values, labels, strict=True)],
        "labels": labels,
        "bars": bars,
        "height": max(len(rows), 1) * ROW_HEIGHT,
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "bar_end": LABEL_WIDTH + BAR_WIDTH + 6,
        "description": "; ".join(described),
        "rows": [(row, row.counts[key]) for row in rows],
    }


@public_page_cache
def comparison(request):
    oblasts, oblast, kind, warnings = _query(request)
    data = public.comparison(kind, for_request(request), oblasts, oblast, hromadas=bool(oblast))
    rows = data["hromada_rows"] if oblast else data["oblast_rows"]
    national = data["national"]
    if oblast:  # the oblast's own row, then its hromadas'
        shown = [data["oblast_rows"][0], *rows] if data["oblast_rows"] else []
    else:  # the country, then the oblasts
        shown = [national, *rows] if national.total else []
    params = request.GET.copy()
    return render(
        request,
        "monitoring/comparison.html",
        {
            "oblasts": oblasts,
            "oblast": oblast,
            "kind": kind,
            "kinds": ReportKind.choices,
            "warnings": warnings,
            "national": national,
            "rows": rows,
            "shown": shown,
            "counted": shown[0].total if shown else 0,
            "charts": [_chart(key, scale, shown) for key, scale in public.SCALES[kind]]
            if shown
            else [],
            "results": kind == ReportKind.RESULTS,
            "csv_url": f"{reverse('monitoring:comparison_csv')}?{params.urlencode()}",
        },
    )


@public_page_cache
def comparison_csv(request):
    """The comparison's numbers as CSV: the oblasts' rows, then every hromada's (of the chosen
    oblast, or of the whole country), spreadsheet-safe."""
    oblasts, oblast, kind, _warnings = _query(request)
    data = public.comparison(kind, for_request(request), oblasts, oblast, hromadas=True)
    scales = public.SCALES[kind]
    header = [_("level"), _("oblast"), _("hromada"), _("assessments")]
    for key, scale in scales:
        header += [f"{public.SCALE_TITLES[key]}: {label}" for label in _labels(scale)]
    header += [_("star commitments"), _("self-report and assessment diverge"), _("diverge, %")]
    lines = [header]
    names = {o.slug: o.name for o in oblasts}

    def line(level, oblast_name, hromada_name, row):
        cells = [level, oblast_name, hromada_name, row.total]
        for key, _scale in scales:
            cells += row.counts[key]
        return [*cells, row.stars, row.diverging, row.diverging_percent]

    if not oblast and data["national"].total:
        lines.append(line(_("country"), "", "", data["national"]))
    for row in data["oblast_rows"]:
        lines.append(line(_("oblast"), row.name, "", row))
    for row in data["hromada_rows"]:
        lines.append(line(_("hromada"), names.get(row.oblast_slug, ""), row.name, row))
    response = HttpResponse(spreadsheet_csv(lines), content_type="text/csv; charset=utf-8")
    suffix = f"-{oblast.slug}" if oblast else ""
    filename = f"monitoring-comparison-{kind}{suffix}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    return response


def evidence_file(request, pk: int):
    """An evidence file of a published finding; 404 while the finding is not public, the
    withheld notice when the finding or its evidence is withheld."""
    item = get_object_or_404(FindingFile, pk=pk)
    withheld = for_request(request)
    model, finding_id = (
        (Assessment, item.assessment_id)
        if item.assessment_id
        else (StandardFinding, item.standard_finding_id)
    )
    finding = model.objects.filter(pk=finding_id).first()
    if finding is None:
        raise Http404
    if withheld.hides(finding) or "links" in withheld.fields(finding, finding.pk):
        return withheld_page(request)
    if not visible(model.objects.filter(pk=finding_id), withheld).exists():
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=item.name, content_type=item.content_type
    )


urlpatterns = [
    path("comparison/", comparison, name="comparison"),
    path("comparison/data.csv", comparison_csv, name="comparison_csv"),
    path("evidence/<int:pk>/", evidence_file, name="evidence_file"),
]
