"""The one flat layout of a plan — a row per milestone — shared by the exports and the import,
so an exported file can be edited and imported again. Documented in the import template."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from openhromada.core.field_docs import described

from .models import Commitment, Milestone, SupportingActor

LIST_SEPARATOR = ";"

# How a value is written in a cell (the import page says the same in its list of rules).
DATE = _("In the file: 25.05.2026 or 2026-05-25.")
AMOUNT = _("In the file: 1 500 000,50 or 1500000.50.")
LIST = _("In the file: separated by “;”.")
EXPORT_ONLY = _("Exported only: the import leaves it as it is.")


def _field(column: str, model, name: str, *notes) -> tuple:
    """A column that fills a model field, described by the field (core.field_docs)."""
    return (column, described(model._meta.get_field(name), *notes))


# (column name, what it holds). Commitment columns repeat on each of its milestones' rows.
COLUMNS = [
    _field("commitment_number", Commitment, "number"),
    _field("commitment_title", Commitment, "title"),
    _field("problem", Commitment, "problem"),
    _field("baseline", Commitment, "baseline"),
    _field("objective", Commitment, "objective"),
    _field("how_it_solves", Commitment, "how_it_solves"),
    (
        "ogp_values",
        format_lazy(
            _("The OGP values the commitment serves, separated by “;”: {values}."),
            values=", ".join(Commitment.VALUE_FIELDS),
        ),
    ),
    _field("lead_body", Commitment, "lead_body"),
    _field("commitment_start", Commitment, "start_date", DATE),
    _field("commitment_end", Commitment, "end_date", DATE),
    _field("budget_amount", Commitment, "budget_amount", AMOUNT),
    _field("budget_currency", Commitment, "budget_currency"),
    _field("budget_source", Commitment, "budget_source"),
    _field("sdgs", Commitment, "sdgs", LIST),
    _field("tags", Commitment, "tags", LIST),
    (
        "supporting_actors",
        format_lazy(
            "{} {}",
            _("Who supports the commitment, as “name | sector”, separated by “;”."),
            described(SupportingActor._meta.get_field("sector")),
        ),
    ),
    _field("milestone_number", Milestone, "number"),
    _field("expected_output", Milestone, "expected_output"),
    _field("milestone_start", Milestone, "start_date", DATE),
    _field("milestone_due", Milestone, "due_date", DATE),
    _field("responsible_body", Milestone, "responsible_body"),
    _field("weight", Milestone, "weight"),
    _field("status", Milestone, "status", EXPORT_ONLY),
    _field("percent", Milestone, "percent", EXPORT_ONLY),
]
NAMES = [name for name, _help in COLUMNS]
# The columns whose text may run over several lines (the model's ProseFields); every other
# cell holds one line.
MULTI_LINE = {"problem", "baseline", "objective", "how_it_solves", "expected_output"}


def join(values) -> str:
    return f"{LIST_SEPARATOR} ".join(str(v) for v in values)


def commitment_cells(c: Commitment) -> list:
    return [
        c.number,
        c.title,
        c.problem,
        c.baseline,
        c.objective,
        c.how_it_solves,
        join(c.values),
        c.lead_body,
        c.start_date.isoformat(),
        c.end_date.isoformat(),
        "" if c.budget_amount is None else str(c.budget_amount),
        c.budget_currency,
        c.budget_source,
        join(c.sdgs),
        join(c.tags),
        join(f"{a.name} | {a.sector}" for a in c.supporting_actors.all()),
    ]


def rows(commitments) -> list[list]:
    """A row per milestone (or one row for a commitment without milestones)."""
    out = []
    for c in commitments:
        cells = commitment_cells(c)
        milestones = list(c.milestones.all())
        for m in milestones:
            out.append(
                [
                    *cells,
                    m.number,
                    m.expected_output,
                    m.start_date.isoformat(),
                    m.due_date.isoformat(),
                    m.responsible_body,
                    m.weight,
                    m.status,
                    m.percent,
                ]
            )
        if not milestones:
            out.append([*cells, *[""] * 8])
    return out
