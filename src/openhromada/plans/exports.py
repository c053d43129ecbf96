"""A plan as CSV, XLSX, JSON, a printable page and PDF — all from the same selector."""

import io
import json
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from openhromada.core.text import clean_text, spreadsheet_csv
from openhromada.core.withholding import active

from . import columns
from .models import ActionPlan, Milestone

LICENCE = settings.OPENDATA_LICENCE["name"]
# the printable plan's styles, for the PDF (the page links the same file)
PRINT_CSS = Path(__file__).parent / "static" / "plans" / "print-page.css"


def plan_commitments(plan: ActionPlan):
    """Commitments with milestones and actors: three queries for any size of plan;
    withheld records left out and withheld fields blanked."""
    withheld = active()
    withheld.redact(plan)
    return withheld.published(
        plan.commitments.prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("number")),
            "supporting_actors",
        ),
        "milestones",
    )


def as_csv(plan: ActionPlan) -> str:
    # people's text opened in a spreadsheet: "=…" shows as text, never runs (OWASP)
    return spreadsheet_csv([columns.NAMES, *columns.rows(plan_commitments(plan))])


def _text_cells(sheet, values) -> list:
    """Each string as a text cell, never a formula (a title "=HYPERLINK(…)" stays text), cleaned
    of what XML cannot hold (openpyxl refuses it), whatever is stored."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - heavy: loaded for an export only

    cells = []
    for value in values:
        if isinstance(value, str):
            value = WriteOnlyCell(sheet, value=clean_text(value))
            value.data_type = "s"
        cells.append(value)
    return cells


def as_xlsx(plan: ActionPlan) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415 - heavy: loaded for an export only

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(plan.period)
    sheet.append(columns.NAMES)
    for row in columns.rows(plan_commitments(plan)):
        sheet.append(_text_cells(sheet, row))
    about = workbook.create_sheet("about")
    about.append(_text_cells(about, ["plan", str(plan)]))
    about.append(_text_cells(about, ["hromada", plan.hromada.name_uk, plan.hromada.code]))
    about.append(["licence", LICENCE])
    about.append(["generated", timezone.now().isoformat(timespec="seconds")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_dict(plan: ActionPlan) -> dict:
    commitments = plan_commitments(plan)
    return {
        "licence": LICENCE,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "plan": {
            "hromada": {
                "code": plan.hromada.code,
                "name_uk": plan.hromada.name_uk,
                "name_en": plan.hromada.name_en,
            },
            "slug": plan.slug,
            "title": plan.title,
            "summary": plan.summary,
            "start_date": plan.start_date.isoformat(),
            "end_date": plan.end_date.isoformat(),
            "status": plan.status,
            "progress_percent": plan.progress_percent,
            "overdue_milestones": plan.overdue_count,
            "commitments": [_commitment(c) for c in commitments],
        },
    }


def _commitment(c) -> dict:
    return {
        "number": c.number,
        "title": c.title,
        "problem": c.problem,
        "baseline": c.baseline,
        "objective": c.objective,
        "how_it_solves": c.how_it_solves,
        "ogp_values": c.values,
        "lead_body": c.lead_body,
        "start_date": c.start_date.isoformat(),
        "end_date": c.end_date.isoformat(),
        "budget": None
        if c.budget_amount is None
        else {
            "amount": str(c.budget_amount),
            "currency": c.budget_currency,
            "source": c.budget_source,
        },
        "sdgs": c.sdgs,
        "tags": c.tags,
        "supporting_actors": [
            {"name": a.name, "sector": a.sector} for a in c.supporting_actors.all()
        ],
        "progress_percent": c.progress_percent,
        "completion": c.completion,
        "milestones": [
            {
                "number": m.number,
                "expected_output": m.expected_output,
                "start_date": m.start_date.isoformat(),
                "due_date": m.due_date.isoformat(),
                "responsible_body": m.responsible_body,
                "weight": m.weight,
                "status": m.status,
                "percent": m.percent,
                "overdue": m.is_overdue,
            }
            for m in c.milestones.all()
        ],
    }


def as_json(plan: ActionPlan) -> str:
    return json.dumps(as_dict(plan), ensure_ascii=False, indent=2)


def print_html(plan: ActionPlan, request=None) -> str:
    return render_to_string(
        "plans/print.html",
        {
            "plan": plan,
            "hromada": plan.hromada,
            "commitments": plan_commitments(plan),
            "generated": timezone.now(),
            "licence": LICENCE,
        },
        request=request,
    )


def as_pdf(plan: ActionPlan) -> bytes:
    from weasyprint import CSS, HTML  # noqa: PLC0415 - heavy: loaded for a PDF only

    return HTML(string=print_html(plan)).write_pdf(stylesheets=[CSS(filename=PRINT_CSS)])
