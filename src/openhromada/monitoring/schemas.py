"""The API's composite documents of monitoring: a network with its member organisations, and a
report with its findings and the hromada's replies — each part the row of its dataset, so the
API, the bulk files and the data dictionary describe one shape."""

from pydantic import Field, create_model

from .datasets import ASSESSMENTS, FINDINGS, MEMBERS, NETWORKS, REPLIES, REPORTS

NetworkWithMembers = create_model(
    "MonitoringNetworkWithMembers",
    network=(NETWORKS.schema, Field(description="The network, as in its dataset.")),
    members=(
        list[MEMBERS.schema],
        Field(description="Its member organisations (current and former), by region and name."),
    ),
)

ReportWithFindings = create_model(
    "MonitoringReportWithFindings",
    report=(REPORTS.schema, Field(description="The published report, as in its dataset.")),
    assessments=(
        list[ASSESSMENTS.schema],
        Field(description="The assessments of commitments it carries, by commitment number."),
    ),
    co_creation_findings=(
        list[FINDINGS.schema],
        Field(description="Its findings on the co-creation process, by standard."),
    ),
    replies=(
        list[REPLIES.schema],
        Field(description="The hromada's replies published with it, in the order written."),
    ),
)
