"""The one flat layout of a plan — a row per milestone — shared by the exports and the import,
so an exported file can be edited and imported again. Documented in the import template."""

from django.utils.translation import gettext_lazy as _

from .models import Commitment

LIST_SEPARATOR = ";"

# (column name, what it holds). Commitment columns repeat on each of its milestones' rows.
COLUMNS = [
    ("commitment_number", _("commitment number (1, 2, …)")),
    ("commitment_title", _("commitment title")),
    ("problem", _("public problem")),
    ("baseline", _("baseline data (optional)")),
    ("objective", _("objective and expected results")),
    ("how_it_solves", _("how it solves the problem (optional)")),
    (
        "ogp_values",
        _(
            "OGP values separated by “;”: access_to_information, civic_participation, "
            "public_accountability, technology_innovation"
        ),
    ),
    ("lead_body", _("lead implementing body")),
    ("commitment_start", _("commitment start date, DD.MM.YYYY or YYYY-MM-DD")),
    ("commitment_end", _("commitment end date, DD.MM.YYYY or YYYY-MM-DD")),
    ("budget_amount", _("budget (optional), e.g. 1 500 000,50")),
    ("budget_currency", _("UAH, EUR or USD")),
    ("budget_source", _("source of funding (optional)")),
    ("sdgs", _("Sustainable Development Goals separated by “;” (optional)")),
    ("tags", _("tags separated by “;” (optional)")),
    (
        "supporting_actors",
        _(
            "supporting actors as “name | sector” separated by “;” — sectors: "
            "government, civil_society, private_sector, other (optional)"
        ),
    ),
    ("milestone_number", _("milestone number within the commitment")),
    ("expected_output", _("milestone's expected output")),
    ("milestone_start", _("milestone start date, DD.MM.YYYY or YYYY-MM-DD")),
    ("milestone_due", _("milestone due date, DD.MM.YYYY or YYYY-MM-DD")),
    ("responsible_body", _("milestone's responsible body")),
    ("weight", _("milestone weight, 1–100")),
    ("status", _("milestone status (export only)")),
    ("percent", _("milestone progress, % (export only)")),
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
