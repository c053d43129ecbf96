"""A published monitoring report as a printable page, PDF, JSON and a CSV of its findings — all
from the same reading (selectors.reports.report_contents), so withheld records and fields are
left out of every one alike."""

import json
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from openhromada.core.text import clean_text, spreadsheet_csv
from openhromada.core.withholding import Active

from .models import Report
from .selectors.reports import ReportContents, report_contents

LICENCE = settings.OPENDATA_LICENCE["name"]
# the printable report's styles, for the PDF (the page links the same file)
PRINT_CSS = Path(__file__).parent / "static" / "monitoring" / "report-print.css"

CSV_COLUMNS = [
    "report_id",
    "finding_type",
    "finding_id",
    "commitment_number",
    "commitment_title",
    "standard",
    "monitor",
    "version",
    "verifiable",
    "more_transparent",
    "more_participatory",
    "more_accountable",
    "potential",
    "completion",
    "opened_government",
    "star",
    "verdict",
    "assessed_on",
    "narrative",
    "links",
    "reply",
    "reply_by",
]


def _text(value) -> str:
    """People's text as a file holds it: without invisible characters, whatever is stored."""
    return clean_text(value) if isinstance(value, str) else value


def _date(value):
    return value.isoformat() if value else None


def _links(finding) -> list[str]:
    return [_text(str(link)) for link in (finding.links or [])]


def _reply(reply) -> dict | None:
    if reply is None:
        return None
    return {"text": _text(reply.text), "by": _text(reply.author_label)}


def _assessment(a) -> dict:
    return {
        "id": a.pk,
        "commitment": {"number": a.commitment.number, "title": _text(a.commitment.title)},
        "monitor": _text(a.author_label or a.assignment.monitor_label),
        "version": a.version,
        "verifiable": a.verifiable,
        "lens": {
            "transparency": a.lens_transparency,
            "participation": a.lens_participation,
            "accountability": a.lens_accountability,
        },
        "potential": a.potential or None,
        "completion": a.completion or None,
        "opened_government": a.opened_government or None,
        "star": a.star,
        "assessed_on": _date(a.assessed_on),
        "narrative": _text(a.narrative),
        "links": _links(a),
        "reply": _reply(a.reply),
    }


def _standard(s) -> dict:
    return {
        "id": s.pk,
        "standard": s.standard,
        "standard_label": str(s.get_standard_display()),
        "monitor": _text(s.author_label or s.assignment.monitor_label),
        "version": s.version,
        "verdict": s.verdict or None,
        "assessed_on": _date(s.assessed_on),
        "narrative": _text(s.narrative),
        "links": _links(s),
        "reply": _reply(s.reply),
    }


def as_dict(report: Report, withheld: Active) -> dict:
    withheld.redact(report)
    contents = report_contents(report, withheld)
    plan, hromada = report.plan, report.plan.hromada
    return {
        "licence": LICENCE,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "report": {
            "id": report.pk,
            "kind": report.kind,
            "network": {
                "slug": report.network.slug,
                "name_uk": _text(report.network.name_uk),
                "name_en": _text(report.network.name_en),
            },
            "plan": {
                "slug": plan.slug,
                "title": _text(plan.title),
                "hromada": {"code": hromada.code, "name_uk": hromada.name_uk},
            },
            "compiled_by": _text(report.author_label),
            "summary": _text(report.summary),
            "recommendations": _text(report.recommendations),
            "sent_at": report.sent_at.isoformat() if report.sent_at else None,
            "reply_due": _date(report.reply_due),
            "published_at": report.published_at.isoformat() if report.published_at else None,
            "demo": report.origin == "demo",
            "star_commitments": [a.commitment.number for a in contents.stars],
            "not_assessed": [c.number for c in contents.not_assessed],
            "assessments": [
                _assessment(a) for row in contents.commitments for a in row.assessments
            ],
            "co_creation": [_standard(s) for s in contents.standards],
            "reply_to_report": _reply(contents.general_reply),
        },
    }


def as_json(report: Report, withheld: Active) -> str:
    return json.dumps(as_dict(report, withheld), ensure_ascii=False, indent=2)


def _bool(value) -> str:
    return "" if value is None else ("yes" if value else "no")


def _rows(report: Report, contents: ReportContents):
    for row in contents.commitments:
        for a in row.assessments:
            yield [
                report.pk,
                "assessment",
                a.pk,
                a.commitment.number,
                a.commitment.title,
                "",
                a.author_label,
                a.version,
                _bool(a.verifiable),
                _bool(a.lens_transparency),
                _bool(a.lens_participation),
                _bool(a.lens_accountability),
                a.potential,
                a.completion,
                a.opened_government,
                _bool(a.star),
                "",
                _date(a.assessed_on) or "",
                a.narrative,
                " ".join(_links(a)),
                a.reply.text if a.reply else "",
                a.reply.author_label if a.reply else "",
            ]
    for s in contents.standards:
        yield [
            report.pk,
            "co_creation",
            s.pk,
            "",
            "",
            s.standard,
            s.author_label,
            s.version,
            *[""] * 8,
            s.verdict,
            _date(s.assessed_on) or "",
            s.narrative,
            " ".join(_links(s)),
            s.reply.text if s.reply else "",
            s.reply.author_label if s.reply else "",
        ]


def as_csv(report: Report, withheld: Active) -> str:
    # people's text opened in a spreadsheet: "=…" shows as text, never runs (OWASP)
    contents = report_contents(report, withheld)
    rows = ([_text(cell) for cell in row] for row in _rows(report, contents))
    return spreadsheet_csv([CSV_COLUMNS, *rows])


def print_html(report: Report, withheld: Active, request=None) -> str:
    withheld.redact(report)
    return render_to_string(
        "monitoring/report_print.html",
        {
            "report": report,
            "plan": report.plan,
            "hromada": report.plan.hromada,
            "contents": report_contents(report, withheld),
            "generated": timezone.now(),
            "licence": LICENCE,
        },
        request=request,
    )


def as_pdf(report: Report, withheld: Active) -> bytes:
    from weasyprint import CSS, HTML  # noqa: PLC0415 - heavy: loaded for a PDF only

    html = print_html(report, withheld)
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=PRINT_CSS)])
