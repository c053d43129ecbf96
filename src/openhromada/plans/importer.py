"""Import commitments and milestones from CSV or XLSX: all rows are checked first; if any row or
cell is wrong, nothing is written and every problem is reported with its row and column."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openhromada.core.history import Change, record_many, snapshot
from openhromada.core.models import HistoryAction

from . import columns
from .models import ActionPlan, Commitment, Milestone, SupportingActor
from .services import _fresh, _recompute_plan

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
REQUIRED = [
    "commitment_number",
    "commitment_title",
    "problem",
    "objective",
    "lead_body",
    "commitment_start",
    "commitment_end",
    "milestone_number",
    "expected_output",
    "milestone_start",
    "milestone_due",
    "responsible_body",
]
SECTORS = {value for value, _label in SupportingActor.Sector.choices}


@dataclass
class Problem:
    row: int  # as the user sees it in the file: the header is row 1
    column: str
    message: str


@dataclass
class ParsedCommitment:
    row: int
    values: dict
    actors: list[tuple[str, str]]
    milestones: list[tuple[int, dict]] = field(default_factory=list)


@dataclass
class ImportResult:
    commitments: int = 0
    milestones: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_rows(upload) -> list[dict]:
    """Rows of a CSV (UTF-8, comma or semicolon) or XLSX file as dicts keyed by column."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    data = upload.read()
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith(".csv"):
        return _csv_rows(data)
    raise ValidationError(_("Upload a .csv or .xlsx file."))


def _csv_rows(data: bytes) -> list[dict]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The CSV file is not in UTF-8.")) from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;") if text.strip() else csv.excel
    return [dict(r) for r in csv.DictReader(io.StringIO(text), dialect=dialect)]


def _xlsx_rows(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged file
        raise ValidationError(_("The XLSX file cannot be read.")) from None
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    out = []
    for values in rows:
        if values is None or all(v in (None, "") for v in values):
            continue
        out.append({h: ("" if v is None else v) for h, v in zip(header, values, strict=False)})
    workbook.close()
    return out


class _Cells:
    """Reads one row's cells, collecting problems instead of stopping at the first."""

    def __init__(self, row: dict, number: int, problems: list[Problem]):
        self.row, self.number, self.problems = row, number, problems

    def _raw(self, column):
        value = self.row.get(column, "")
        return value.strip() if isinstance(value, str) else value

    def text(self, column, required=False, limit=None) -> str:
        value = self._raw(column)
        value = "" if value is None else str(value)
        if required and not value:
            self.fail(column, _("This cell is required."))
        if limit and len(value) > limit:
            self.fail(column, _("Longer than %(n)d characters.") % {"n": limit})
        return value

    def integer(self, column, low, high, required=True) -> int | None:
        value = self._raw(column)
        if value in ("", None):
            if required:
                self.fail(column, _("This cell is required."))
            return None
        try:
            number = int(float(value)) if not isinstance(value, int) else value
            if str(value).strip() not in (str(number), f"{number}.0"):
                raise ValueError
        except (TypeError, ValueError):
            self.fail(column, _("“%(v)s” is not a whole number.") % {"v": value})
            return None
        if not low <= number <= high:
            self.fail(
                column, _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high}
            )
        return number

    def date(self, column) -> dt.date | None:
        value = self._raw(column)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(column, _("“%(v)s” is not a date in the form YYYY-MM-DD.") % {"v": value})
            return None

    def decimal(self, column) -> Decimal | None:
        value = self._raw(column)
        if value in ("", None):
            return None
        try:
            amount = Decimal(str(value).replace(" ", "").replace(",", "."))
        except InvalidOperation:
            self.fail(column, _("“%(v)s” is not a number.") % {"v": value})
            return None
        if amount < 0:
            self.fail(column, _("Cannot be negative."))
        return amount

    def items(self, column) -> list[str]:
        return [
            p.strip()
            for p in str(self._raw(column) or "").split(columns.LIST_SEPARATOR)
            if p.strip()
        ]

    def fail(self, column, message) -> None:
        self.problems.append(Problem(self.number, column, message))


def _commitment_values(cells: _Cells) -> tuple[dict, list[tuple[str, str]]]:
    values = {
        "number": cells.integer("commitment_number", 1, 999),
        "title": cells.text("commitment_title", True, 300),
        "problem": cells.text("problem", True),
        "baseline": cells.text("baseline"),
        "objective": cells.text("objective", True),
        "how_it_solves": cells.text("how_it_solves"),
        "lead_body": cells.text("lead_body", True, 300),
        "start_date": cells.date("commitment_start"),
        "end_date": cells.date("commitment_end"),
        "budget_amount": cells.decimal("budget_amount"),
        "budget_currency": cells.text("budget_currency") or "UAH",
        "budget_source": cells.text("budget_source", limit=300),
        "tags": cells.items("tags"),
    }
    if values["budget_currency"] not in Commitment.Currency.values:
        cells.fail("budget_currency", _("Use UAH, EUR or USD."))
    for value in cells.items("ogp_values"):
        if value not in Commitment.VALUE_FIELDS:
            cells.fail("ogp_values", _("Unknown OGP value “%(v)s”.") % {"v": value})
        else:
            values[Commitment.VALUE_FIELDS[value]] = True
    sdgs = []
    for goal in cells.items("sdgs"):
        if goal.isdigit() and 1 <= int(goal) <= 17:
            sdgs.append(int(goal))
        else:
            cells.fail("sdgs", _("Sustainable Development Goals are numbered 1 to 17."))
    values["sdgs"] = sdgs
    actors = []
    for item in cells.items("supporting_actors"):
        name, _sep, sector = (part.strip() for part in item.partition("|"))
        if not name or sector not in SECTORS:
            cells.fail(
                "supporting_actors",
                _("Write each actor as “name | sector”, with a sector from the template."),
            )
        else:
            actors.append((name, sector))
    return values, actors


def _milestone_values(cells: _Cells) -> dict:
    return {
        "number": cells.integer("milestone_number", 1, 999),
        "expected_output": cells.text("expected_output", True),
        "start_date": cells.date("milestone_start"),
        "due_date": cells.date("milestone_due"),
        "responsible_body": cells.text("responsible_body", True, 300),
        "weight": cells.integer("weight", 1, 100, required=False) or 1,
    }


def parse(plan: ActionPlan, rows: list[dict]) -> tuple[list[ParsedCommitment], list[Problem]]:
    """Check every row and cell; returns the commitments to create and all problems found."""
    problems: list[Problem] = []
    if not rows:
        return [], [Problem(1, "", _("The file has no rows."))]
    if len(rows) > MAX_ROWS:
        return [], [Problem(1, "", _("The file has more than %(n)d rows.") % {"n": MAX_ROWS})]
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        return [], [Problem(1, c, _("The column is missing.")) for c in missing]
    existing = set(plan.commitments.values_list("number", flat=True))
    parsed: dict[int, ParsedCommitment] = {}
    for index, row in enumerate(rows, start=2):
        cells = _Cells(row, index, problems)
        values, actors = _commitment_values(cells)
        number = values["number"]
        if number is None:
            continue
        if number in existing:
            cells.fail(
                "commitment_number", _("The plan already has commitment %(n)d.") % {"n": number}
            )
        commitment = parsed.setdefault(number, ParsedCommitment(index, values, actors))
        if commitment.row != index and values["title"] != commitment.values["title"]:
            cells.fail(
                "commitment_title",
                _("Commitment %(n)d has another title on row %(row)d.")
                % {"n": number, "row": commitment.row},
            )
        milestone = _milestone_values(cells)
        if milestone["number"] is not None:
            commitment.milestones.append((index, milestone))
    for commitment in parsed.values():
        _check_dates(plan, commitment, problems)
    return list(parsed.values()), sorted(problems, key=lambda p: (p.row, p.column))


def _check_dates(plan, commitment: ParsedCommitment, problems) -> None:
    start, end = commitment.values["start_date"], commitment.values["end_date"]
    row = commitment.row
    if start and end:
        if end < start:
            problems.append(
                Problem(row, "commitment_end", _("The end date is before the start date."))
            )
        elif start < plan.start_date or end > plan.end_date:
            problems.append(
                Problem(
                    row,
                    "commitment_start",
                    _("A commitment must fall within its plan's period (%(start)s – %(end)s).")
                    % {"start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()},
                )
            )
    seen = set()
    for m_row, m in commitment.milestones:
        if m["number"] in seen:
            problems.append(
                Problem(
                    m_row,
                    "milestone_number",
                    _("Milestone %(n)d appears twice.") % {"n": m["number"]},
                )
            )
        seen.add(m["number"])
        m_start, due = m["start_date"], m["due_date"]
        if not (m_start and due and start and end):
            continue
        if due < m_start:
            problems.append(
                Problem(m_row, "milestone_due", _("The due date is before the start date."))
            )
        elif m_start < start or due > end:
            problems.append(
                Problem(
                    m_row,
                    "milestone_due",
                    _("A milestone must fall within its commitment's dates (%(start)s – %(end)s).")
                    % {"start": start.isoformat(), "end": end.isoformat()},
                )
            )


@transaction.atomic
def plan_import(*, actor, plan: ActionPlan, rows: list[dict]) -> ImportResult:
    """Create everything in the file, or nothing: one transaction, one history append."""
    if not actor.has_perm("plans.add_commitment", _fresh(plan)):
        raise PermissionDenied
    parsed, problems = parse(plan, rows)
    if problems:
        return ImportResult(problems=problems)
    commitments = [Commitment(plan=plan, **p.values) for p in parsed]
    Commitment.objects.bulk_create(commitments)
    by_number = {
        c.number: c
        for c in plan.commitments.filter(number__in=[p.values["number"] for p in parsed])
    }
    milestones, actors = [], []
    for p in parsed:
        commitment = by_number[p.values["number"]]
        milestones += [Milestone(commitment=commitment, **m) for _row, m in p.milestones]
        actors += [SupportingActor(commitment=commitment, name=n, sector=s) for n, s in p.actors]
    Milestone.objects.bulk_create(milestones, batch_size=1000)
    SupportingActor.objects.bulk_create(actors, batch_size=1000)
    created = list(by_number.values()) + list(
        Milestone.objects.filter(commitment__in=by_number.values())
        .select_related("commitment")
        .order_by("pk")
    )
    record_many(
        actor=actor,
        changes=[
            Change(
                obj,
                HistoryAction.CREATE,
                {k: [None, v] for k, v in snapshot(obj, obj.HISTORY_FIELDS).items()},
            )
            for obj in created
        ],
    )
    _recompute_plan(plan.pk)  # new milestones start at 0%: only the plan's average moves
    return ImportResult(commitments=len(commitments), milestones=len(milestones))
