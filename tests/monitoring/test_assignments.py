"""Assigning monitors to action plans: the enforced conflict rule (an official's or council role,
a seat on the hromada's council, a declared conflict), the network's monitors only, public plans
submitted or later only — each refusal a clear message with nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.core.history import history_for
from openhromada.councils import services as council_services
from openhromada.monitoring.models import Assignment
from openhromada.monitoring.services import networks as services
from openhromada.places.models import Hromada
from tests.councils.fixtures import seat
from tests.factories import NetworkFactory, UserFactory, with_role
from tests.plans.fixtures import move

pytestmark = pytest.mark.django_db


def assign(actor, network, plan, monitor, **extra):
    return services.monitor_assign(
        actor=actor, network=network, plan=plan, monitor=monitor, **extra
    )


def code(error: ServiceError) -> str:
    """The refusal's code (kept beside the field it is about)."""
    return next(e.code for errors in error.error_dict.values() for e in errors)


def refused(actor, network, plan, monitor) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        assign(actor, network, plan, monitor)
    assert not Assignment.objects.exists()
    return caught.value


def test_a_coordinator_assigns_a_monitor_of_the_network(
    network, coordinator, monitor, submitted_plan
):
    assignment = assign(
        coordinator, network, submitted_plan, monitor, declaration="Не маю зв'язків з громадою."
    )
    assert assignment.monitor == monitor and assignment.assigned_by == coordinator
    assert assignment.monitor_label == monitor.public_name == "Моніторка"
    assert assignment.declaration == "Не маю зв'язків з громадою."
    entry = history_for(assignment).first()
    assert entry.container_type == "plans.actionplan"
    assert entry.container_id == submitted_plan.pk
    assert entry.changes["monitor_label"] == [None, "Моніторка"]


def test_the_demo_signature_keeps_working(network, monitor, submitted_plan):
    operator = with_role(UserFactory(), Role.OPERATOR)
    assignment = services.monitor_assign(
        actor=operator, network=network, plan=submitted_plan, monitor=monitor
    )
    assert assignment.declaration == ""


@pytest.mark.parametrize("role", [Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_a_monitor_with_a_role_in_the_hromada_is_refused(
    role, network, coordinator, monitor, submitted_plan, hromada
):
    monitor = with_role(monitor, role, hromada=hromada)
    error = refused(coordinator, network, submitted_plan, monitor)
    assert code(error) == "conflict"
    assert "посадовця або члена ради" in error.message_dict["monitor"][0]


def test_a_monitor_seated_on_the_hromada_s_council_is_refused(
    network, coordinator, monitor, submitted_plan, official, council
):
    membership = seat(official, council, "Моніторка Рада")
    council_services.person_link_account(
        actor=official, person=membership.person, email=monitor.email
    )
    error = refused(coordinator, network, submitted_plan, monitor)
    assert code(error) == "conflict"
    assert "координаційної ради" in error.message_dict["monitor"][0]


def test_a_former_council_seat_is_no_conflict(
    network, coordinator, monitor, submitted_plan, official, council
):
    membership = seat(
        official,
        council,
        "Колишня",
        start_date=dt.date(2020, 1, 1),
        end_date=dt.date(2024, 12, 31),
    )
    council_services.person_link_account(
        actor=official, person=membership.person, email=monitor.email
    )
    assert assign(coordinator, network, submitted_plan, monitor).pk


def test_a_declared_conflict_is_refused(network, coordinator, monitor, submitted_plan, hromada):
    services.conflict_declare(actor=monitor, network=network, hromada=hromada, description="Мер")
    error = refused(coordinator, network, submitted_plan, monitor)
    assert code(error) == "conflict"
    assert "задекларував" in error.message_dict["monitor"][0]


def test_a_role_elsewhere_is_no_conflict(network, coordinator, monitor, submitted_plan):
    monitor = with_role(monitor, Role.OFFICIAL, hromada=Hromada.objects.get(slug="lutska"))
    assert assign(coordinator, network, submitted_plan, monitor).pk


def test_only_monitors_of_the_network(network, coordinator, submitted_plan):
    for user in (
        UserFactory(),
        with_role(UserFactory(), Role.MONITOR, network=NetworkFactory()),
        with_role(UserFactory(), Role.COORDINATOR, network=network),
    ):
        error = refused(coordinator, network, submitted_plan, user)
        assert code(error) == "not_monitor" and "monitor" in error.message_dict


@pytest.mark.parametrize("states", [(), ("co_creation",), ("co_creation", "withdrawn")])
def test_only_a_plan_submitted_or_later(
    states, network, coordinator, monitor, plan, official, commitment, milestone
):
    plan = move(plan, official, *states)
    error = refused(coordinator, network, plan, monitor)
    assert code(error) == "not_submitted" and "plan" in error.message_dict


@pytest.mark.parametrize("states", [("implementation",), ("implementation", "completed")])
def test_plans_being_carried_out_or_completed_can_be_assessed(
    states, network, coordinator, monitor, submitted_plan, official
):
    plan = move(submitted_plan, official, *states)
    assert assign(coordinator, network, plan, monitor).plan == plan


def test_once_per_plan_while_open(network, coordinator, monitor, submitted_plan):
    first = assign(coordinator, network, submitted_plan, monitor)
    with pytest.raises(ServiceError) as caught:
        assign(coordinator, network, submitted_plan, monitor)
    assert code(caught.value) == "duplicate"
    services.assignment_end(actor=coordinator, assignment=first)
    assert assign(coordinator, network, submitted_plan, monitor).pk != first.pk


@pytest.mark.parametrize("who", ["monitor", "other_coordinator", "resident", "official"])
def test_only_the_network_s_coordinators_and_operators_assign(
    who, network, monitor, submitted_plan, official
):
    actor = {
        "monitor": monitor,
        "other_coordinator": with_role(UserFactory(), Role.COORDINATOR, network=NetworkFactory()),
        "resident": UserFactory(),
        "official": official,
    }[who]
    with pytest.raises(PermissionDenied):
        assign(actor, network, submitted_plan, monitor)
    assert not Assignment.objects.exists()


def test_ending_an_assignment(network, coordinator, monitor, submitted_plan):
    assignment = assign(coordinator, network, submitted_plan, monitor)
    with pytest.raises(PermissionDenied):
        services.assignment_end(actor=monitor, assignment=assignment)
    other = with_role(UserFactory(), Role.COORDINATOR, network=NetworkFactory())
    with pytest.raises(PermissionDenied):
        services.assignment_end(actor=other, assignment=assignment)
    services.assignment_end(actor=coordinator, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert "ended_at" in history_for(assignment).first().changes
    with pytest.raises(ServiceError) as caught:
        services.assignment_end(actor=coordinator, assignment=assignment)
    assert caught.value.code == "ended"
