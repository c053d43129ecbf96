"""`{% assignment_reports assignment as box %}`: the reports of an assignment's plan and network
for the monitor's workspace (monitoring/_assignment_reports.html), with the kinds they may
still compile (a results report once the plan has ended). Two queries."""

from django import template

from ..lifecycle import ReportKind
from ..selectors.reports import assignment_reports as reports_of
from ..services.reports import results_allowed

register = template.Library()


@register.simple_tag(takes_context=True)
def assignment_reports(context, assignment) -> dict:
    user = context["request"].user
    reports = reports_of(assignment)
    made = {r.kind for r in reports}
    if not results_allowed(assignment.plan):  # a results report comes after the plan
        made.add(ReportKind.RESULTS)
    can_compile = user.has_perm("monitoring.compile_report", assignment)
    return {
        "reports": reports,
        "kinds": [(value, label) for value, label in ReportKind.choices if value not in made]
        if can_compile
        else [],
    }
