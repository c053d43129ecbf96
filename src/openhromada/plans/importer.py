"""Import commitments and milestones from CSV or XLSX: all rows are checked first; if any row or
cell is wrong, nothing is written and the problems are reported with their row and column (the
first MAX_LISTED in file order, and how many there are in all)."""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openhromada.core import cells as cell_values
from openhromada.core import tables
from openhromada.core.fields import validate_one_line
from openhromada.core.history import Change, record_many, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import require
from openhromada.core.tables import Row
from openhromada.core.text import clean_line, clean_text, from_spreadsheet

from . import columns
from .models import ActionPlan, Commitment, Milestone, SupportingActor
from .services import fresh, recompute_plan

# the actors are saved in bulk (no model validation): their names are checked here
ACTOR_NAME_LENGTH = SupportingActor._meta.get_field("name").max_length

MAX_LISTED = 100
BUDGET = Commitment._meta.get_field("budget_amount")
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
    problems: list[Problem] = field(default_factory=list)  # the first MAX_LISTED
    problem_count: int = 0  # all of them


# The rows of an uploaded .csv or .xlsx file, within the limits described on the import page.
read_rows = tables.read_table


def limits() -> dict:
    """What the import page tells about the size of a file."""
    return {
        "mb": tables.MAX_BYTES // 2**20,
        "rows": tables.MAX_ROWS,
        "columns": tables.MAX_COLUMNS,
    }


class Problems:
    """Keeps the first MAX_LISTED problems in file order (row, then column as in the template)
    and counts them all: a file of 20,000 bad rows makes a short page, not 240,000 lines."""

    ORDER = {name: index for index, name in enumerate(columns.NAMES)}

    def __init__(self):
        self.count = 0
        self._heap: list = []  # the kept ones, the last in file order on top
        self._arrival = itertools.count()

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        order = (row, self.ORDER.get(column, len(self.ORDER)), next(self._arrival))
        item = (tuple(-part for part in order), Problem(row, column, message))
        if len(self._heap) < MAX_LISTED:
            heapq.heappush(self._heap, item)
        elif item[0] > self._heap[0][0]:  # earlier in the file than the last one kept
            heapq.heapreplace(self._heap, item)

    def listed(self) -> list[Problem]:
        return [problem for _key, problem in sorted(self._heap, reverse=True)]


class _Cells:
    """Reads one row's cells, collecting problems instead of stopping at the first."""

    def __init__(self, row: Row, problems: Problems):
        self.row, self.number, self.problems = row.cells, row.number, problems

    def _raw(self, column):
        value = self.row.get(column, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            return value
        # cleaned as the model fields clean people's text (a line break in a one-line cell is
        # refused); the "'" our CSV export puts before "=…" (for spreadsheets) taken off again
        multi_line = column in columns.MULTI_LINE
        value = from_spreadsheet((clean_text if multi_line else clean_line)(value).strip())
        if not multi_line:
            try:
                validate_one_line(value)
            except ValidationError as error:
                self.fail(column, error.messages[0])
        return value

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
        if value == "":
            if required:
                self.fail(column, _("This cell is required."))
            return None
        try:
            return cell_values.read_whole_number(value, low, high)
        except ValidationError as error:
            self.fail(column, error.messages[0])
            return None

    def date(self, column) -> dt.date | None:
        try:
            return cell_values.read_date(self._raw(column))
        except ValidationError as error:
            self.fail(column, error.messages[0])
            return None

    def decimal(self, column, model_field) -> Decimal | None:
        """A number within the model field's digits (14, 2 of them after the point)."""
        value = self._raw(column)
        if value == "":
            return None
        try:
            amount = cell_values.read_decimal(value)
            model_field.run_validators(amount)
        except ValidationError as error:
            self.fail(column, error.messages[0])
            return None
        if amount < 0:
            self.fail(column, _("Cannot be negative."))
        return amount

    def items(self, column) -> list[str]:
        value = self._raw(column)
        if isinstance(value, float) and value.is_integer():  # an XLSX number: 16.0 is 16
            value = int(value)
        return [p.strip() for p in str(value).split(columns.LIST_SEPARATOR) if p.strip()]

    def fail(self, column, message) -> None:
        self.problems.add(self.number, column, message)


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
        "budget_amount": cells.decimal("budget_amount", BUDGET),
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
        if goal.isascii() and goal.isdigit() and 1 <= int(goal) <= 17:
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
        elif len(name) > ACTOR_NAME_LENGTH:
            cells.fail(
                "supporting_actors",
                _("An actor's name is at most %(n)s characters.") % {"n": ACTOR_NAME_LENGTH},
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


def parse(plan: ActionPlan, rows: list[Row]) -> tuple[list[ParsedCommitment], Problems]:
    """Check every row and cell; returns the commitments to create and the problems found."""
    problems = Problems()
    if not rows:
        problems.add(1, "", _("The file has no rows."))
        return [], problems
    missing = [c for c in REQUIRED if c not in rows[0].cells]
    if missing:
        for column in missing:
            problems.add(1, column, _("The column is missing."))
        return [], problems
    existing = set(plan.commitments.values_list("number", flat=True))
    parsed: dict[int, ParsedCommitment] = {}
    for row in rows:
        index = row.number
        cells = _Cells(row, problems)
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
    return list(parsed.values()), problems


def _check_dates(plan, commitment: ParsedCommitment, problems: Problems) -> None:
    start, end = commitment.values["start_date"], commitment.values["end_date"]
    row = commitment.row
    if start and end:
        if end < start:
            problems.add(row, "commitment_end", _("The end date is before the start date."))
        elif start < plan.start_date or end > plan.end_date:
            problems.add(
                row,
                "commitment_start",
                _("A commitment must fall within its plan's period (%(start)s – %(end)s).")
                % {"start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()},
            )
    seen = set()
    for m_row, m in commitment.milestones:
        if m["number"] in seen:
            problems.add(
                m_row, "milestone_number", _("Milestone %(n)d appears twice.") % {"n": m["number"]}
            )
        seen.add(m["number"])
        m_start, due = m["start_date"], m["due_date"]
        if not (m_start and due and start and end):
            continue
        if due < m_start:
            problems.add(m_row, "milestone_due", _("The due date is before the start date."))
        elif m_start < start or due > end:
            problems.add(
                m_row,
                "milestone_due",
                _("A milestone must fall within its commitment's dates (%(start)s – %(end)s).")
                % {"start": start.isoformat(), "end": end.isoformat()},
            )


@transaction.atomic
def plan_import(*, actor, plan: ActionPlan, rows: list[Row]) -> ImportResult:
    """Create everything in the file, or nothing: one transaction, one history append."""
    require(actor, "plans.add_commitment", fresh(plan))
    parsed, problems = parse(plan, rows)
    if problems.count:
        return ImportResult(problems=problems.listed(), problem_count=problems.count)
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
    recompute_plan(plan.pk)  # new milestones start at 0%: only the plan's average moves
    return ImportResult(commitments=len(commitments), milestones=len(milestones))
