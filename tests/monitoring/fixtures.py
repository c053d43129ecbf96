"""Monitoring fixtures shared by the monitoring tests (and the apps and pages that show it):
a network with a coordinator and a monitor, and the monitor assigned to a submitted plan."""

import pytest

from openhromada.accounts.models import Role
from openhromada.monitoring.models import Assignment
from openhromada.places.models import Oblast
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.plans.fixtures import move


@pytest.fixture
def network(db):
    network = NetworkFactory(name_uk="Мережа моніторингу", name_en="Monitoring network")
    network.oblasts.set(Oblast.objects.filter(code__startswith="UA68")[:1])
    return network


@pytest.fixture
def coordinator(network):
    return with_role(UserFactory(display_name="Координаторка"), Role.COORDINATOR, network=network)


@pytest.fixture
def monitor(network):
    return with_role(UserFactory(display_name="Моніторка"), Role.MONITOR, network=network)


@pytest.fixture
def submitted_plan(plan, official, commitment, milestone):
    """A plan with one commitment and one milestone, submitted: ready for an inception review."""
    return move(plan, official, "co_creation", "submitted")


@pytest.fixture
def assignment(network, monitor, submitted_plan, coordinator):
    """The monitor assigned to the submitted plan (written directly: the assignment service is
    tested on its own)."""
    return Assignment.objects.create(
        network=network,
        plan=submitted_plan,
        monitor=monitor,
        monitor_label=monitor.public_name,
        assigned_by=coordinator,
    )
