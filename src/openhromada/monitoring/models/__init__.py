"""Independent monitoring: networks and their member organisations, monitors' assignments and
conflicts of interest, findings on the IRM-style scales, and monitoring reports with the
hromada's right of reply."""

from .findings import Assessment, FindingFile, StandardFinding
from .networks import (
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
    MonitoringNetwork,
)
from .reports import Reply, Report

__all__ = [
    "Assessment",
    "Assignment",
    "ConflictDeclaration",
    "FindingFile",
    "MemberApplication",
    "MemberOrganisation",
    "MonitoringNetwork",
    "Reply",
    "Report",
    "StandardFinding",
]
