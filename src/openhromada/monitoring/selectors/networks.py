"""Reads for the networks' pages: the list of networks, a network's page (members by region,
coordinators, the plans its monitors assess), and the private queues of its coordinators.

Each read is a fixed number of queries, however many members or assignments there are."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from openhromada.accounts.models import Role, RoleAssignment
from openhromada.core import visibility
from openhromada.core.withholding import Active

from ..lifecycle import ApplicationStatus
from ..models import (
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
    MonitoringNetwork,
    Report,
)

LATEST_REPORTS = 10


def networks_list():
    """Every network with the number of regions it covers and of its current members."""
    return MonitoringNetwork.objects.annotate(
        regions_count=Count("oblasts", distinct=True),
        members_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
    ).order_by("name_uk")


def get_network(slug: str) -> MonitoringNetwork:
    return get_object_or_404(MonitoringNetwork, slug=slug)


@dataclass
class Region:
    """An oblast the network covers (or has members in), with its current members."""

    oblast: object
    members: list = field(default_factory=list)


def members_by_region(network: MonitoringNetwork) -> tuple[list[Region], list]:
    """The covered regions, each with its current members, and the former members (two
    queries)."""
    regions: dict[int, Region] = {
        o.pk: Region(o) for o in network.oblasts.order_by("sort_key", "pk")
    }
    former = []
    members = network.members.select_related("oblast").order_by("oblast__sort_key", "name", "pk")
    for member in members:
        if member.left_on is not None:
            former.append(member)
            continue
        regions.setdefault(member.oblast_id, Region(member.oblast)).members.append(member)
    ordered = sorted(regions.values(), key=lambda r: (r.oblast.sort_key, r.oblast.pk))
    return ordered, former


def coordinators(network: MonitoringNetwork) -> list[str]:
    """The public names of the network's coordinators (never their e-mail)."""
    rows = (
        RoleAssignment.objects.filter(network=network, role=Role.COORDINATOR, user__is_active=True)
        .select_related("user")
        .order_by("user__display_name", "user_id")
    )
    return [row.user.public_name for row in rows]


def open_assignments(network: MonitoringNetwork, withheld: Active):
    """The network's current assignments to public plans, with their hromadas."""
    assignments = Assignment.objects.filter(network=network, ended_at=None)
    return list(
        visibility.visible(assignments, withheld)
        .select_related("plan__hromada")
        .order_by("plan__hromada__name_uk", "-plan__start_date", "monitor_label", "pk")
    )


def latest_reports(withheld: Active, network: MonitoringNetwork | None = None) -> list[Report]:
    """The latest published monitoring reports (of one network, or of all), public ones only."""
    reports = Report.objects.all() if network is None else network.reports.all()
    return list(
        visibility.visible(reports, withheld)
        .select_related("plan__hromada", "network")
        .order_by("-published_at", "-pk")[:LATEST_REPORTS]
    )


def applications_queue(network: MonitoringNetwork) -> tuple[list, list]:
    """The applications waiting for a decision (oldest first) and the latest decided ones."""
    rows = MemberApplication.objects.filter(network=network).select_related("oblast", "applicant")
    pending = list(rows.filter(status=ApplicationStatus.PENDING).order_by("created_at", "pk"))
    decided = list(rows.exclude(status=ApplicationStatus.PENDING).order_by("-created_at")[:50])
    return pending, decided


def applications_of(user) -> list:
    """A resident's own applications, newest first."""
    return list(
        MemberApplication.objects.filter(applicant=user)
        .select_related("network", "oblast")
        .order_by("-created_at", "-pk")
    )


def conflicts(network: MonitoringNetwork, monitor=None) -> list:
    """Conflicts of interest recorded in the network (one monitor's, when given)."""
    rows = ConflictDeclaration.objects.filter(network=network)
    if monitor is not None:
        rows = rows.filter(monitor=monitor)
    return list(
        rows.select_related("monitor", "hromada", "declared_by").order_by("-declared_at", "-pk")
    )


def get_member(network: MonitoringNetwork, pk: int) -> MemberOrganisation:
    return get_object_or_404(
        MemberOrganisation.objects.select_related("network", "oblast"), pk=pk, network=network
    )
