"""Independent monitoring in the public API: networks, member organisations, assignments,
assessments, co-creation findings, reports and replies — only what is published — and two
composite documents: a network with its members, a report with its findings and replies.

(No `from __future__ import annotations` here: Ninja reads the annotations.)
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from ninja import Router

from openhromada.core.withholding import active
from openhromada.opendata.base import Dataset
from openhromada.opendata.endpoints import dataset_router
from openhromada.opendata.problems import ProblemSchema, Withheld
from openhromada.opendata.types import PathId

from .datasets import (
    ASSESSMENTS,
    ASSIGNMENTS,
    FINDINGS,
    MEMBERS,
    NETWORKS,
    REPLIES,
    REPORTS,
)
from .schemas import NetworkWithMembers, ReportWithFindings

TAG = "Independent monitoring"
router = Router()
networks = dataset_router(NETWORKS, TAG)
reports = dataset_router(REPORTS, TAG)


def _json(payload) -> HttpResponse:
    """Rows are built from their datasets' columns, so they already match the schema."""
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)
    return HttpResponse(body.encode(), content_type="application/json; charset=utf-8")


def _public_row(dataset: Dataset, pk: int, withheld) -> dict:
    """The public row of one record: 451 when it is withheld, 404 when it is not public."""
    row = dataset.public_queryset(withheld).filter(pk=pk).first()
    if row is None:
        if withheld.record_withheld(dataset.model_label, pk) or (
            dataset.queryset(withheld).filter(pk=pk).exists()
        ):
            raise Withheld
        raise Http404
    return dataset.rows([row], withheld)[0]


def _rows(dataset: Dataset, withheld, **filters) -> list[dict]:
    qs = dataset.filtered(dataset.public_queryset(withheld), filters)
    return dataset.rows(list(qs.order_by(dataset.pk)), withheld)


@networks.get(
    "/{network_id}/members",
    response={200: NetworkWithMembers, 451: ProblemSchema},
    operation_id="get_monitoring_network_with_members",
    summary="A monitoring network with its member organisations",
    description=(
        "The network's row with every member organisation (current and former). The members "
        "alone, paginated and filtered, are at /api/v1/monitoring-members?network=<id>."
    ),
)
def network_with_members(request, network_id: PathId):
    withheld = active()
    network = _public_row(NETWORKS, network_id, withheld)
    members = _rows(MEMBERS, withheld, network=network_id)
    members.sort(key=lambda m: (m["oblast_code"], m["name"]))
    return _json({"network": network, "members": members})


@reports.get(
    "/{report_id}/findings",
    response={200: ReportWithFindings, 451: ProblemSchema},
    operation_id="get_monitoring_report_with_findings",
    summary="A published monitoring report with its findings and the hromada's replies",
    description=(
        "The report's row, the assessments and co-creation findings it carries (every "
        "published version, `is_current` marking the one in force) and the replies. A report "
        "is public once published: drafts and reports in their reply period answer 404."
    ),
)
def report_with_findings(request, report_id: PathId):
    withheld = active()
    report = _public_row(REPORTS, report_id, withheld)
    # what the report carries, and the corrections published since (same plan, kind, network)
    scope = {"plan": report["plan_id"], "kind": report["kind"], "network": report["network_id"]}
    assessments = _rows(ASSESSMENTS, withheld, **scope)
    assessments.sort(key=lambda a: (a["commitment_number"], a["kind"], -a["version"]))
    findings = _rows(FINDINGS, withheld, **scope)
    findings.sort(key=lambda f: (f["standard"], -f["version"]))
    replies = _rows(REPLIES, withheld, report=report_id)
    return _json(
        {
            "report": report,
            "assessments": assessments,
            "co_creation_findings": findings,
            "replies": replies,
        }
    )


router.add_router("/monitoring-networks", networks)
router.add_router("/monitoring-members", dataset_router(MEMBERS, TAG))
router.add_router("/monitoring-assignments", dataset_router(ASSIGNMENTS, TAG))
router.add_router("/monitoring-assessments", dataset_router(ASSESSMENTS, TAG))
router.add_router("/monitoring-co-creation-findings", dataset_router(FINDINGS, TAG))
router.add_router("/monitoring-reports", reports)
router.add_router("/monitoring-replies", dataset_router(REPLIES, TAG))
