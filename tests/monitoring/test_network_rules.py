"""Role × action for running a network: who may edit it, manage members, decide applications,
see and record conflicts of interest, assign monitors — in the rules and on every page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from openhromada.accounts.models import Role, User
from openhromada.monitoring.lifecycle import ApplicationStatus
from openhromada.monitoring.models import Assignment, MemberApplication, MemberOrganisation
from openhromada.places.models import Oblast
from tests.factories import NetworkFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "resident",
    "monitor",
    "monitor_elsewhere",
    "coordinator",
    "coordinator_elsewhere",
    "official",
    "operator",
    "admin",
]
RUNS = {"coordinator", "operator", "admin"}
SIGNED_IN = set(ACTORS) - {"anonymous"}


def make(name, network, hromada):
    if name == "anonymous":
        return AnonymousUser()
    scopes = {
        "monitor": (Role.MONITOR, {"network": network}),
        "monitor_elsewhere": (Role.MONITOR, {"network": NetworkFactory()}),
        "coordinator": (Role.COORDINATOR, {"network": network}),
        "coordinator_elsewhere": (Role.COORDINATOR, {"network": NetworkFactory()}),
        "official": (Role.OFFICIAL, {"hromada": hromada}),
        "operator": (Role.OPERATOR, {}),
        "admin": (Role.ADMIN, {}),
    }
    user = UserFactory()
    if name in scopes:
        role, scope = scopes[name]
        with_role(user, role, **scope)
    return User.objects.get(pk=user.pk)


def _application(network, status=ApplicationStatus.PENDING) -> MemberApplication:
    return MemberApplication.objects.create(
        network=network,
        applicant=UserFactory(),
        name="ГО",
        edrpou="12345678",
        oblast=Oblast.objects.first(),
        motivation="x",
        status=status,
    )


@pytest.fixture
def objects(network, assignment):
    closed = NetworkFactory(accepts_applications=False)
    ended = Assignment.objects.create(
        network=network,
        plan=assignment.plan,
        monitor=assignment.monitor,
        monitor_label="x",
        ended_at=timezone.now(),
    )
    return {
        "network": network,
        "closed": closed,
        "assignment": assignment,
        "ended": ended,
        "pending": _application(network),
        "declined": _application(network, ApplicationStatus.DECLINED),
    }


GRID = [
    ("monitoring.change_network", "network", RUNS),
    ("monitoring.manage_members", "network", RUNS),
    ("monitoring.assign_monitor", "network", RUNS),
    ("monitoring.end_assignment", "assignment", RUNS),
    ("monitoring.end_assignment", "ended", set()),
    ("monitoring.view_conflicts", "network", RUNS),
    ("monitoring.declare_conflict", "network", RUNS | {"monitor"}),
    ("monitoring.apply_to_network", "network", SIGNED_IN),
    ("monitoring.apply_to_network", "closed", set()),
    ("monitoring.view_applications", "network", RUNS),
    ("monitoring.decide_application", "pending", RUNS),
    ("monitoring.decide_application", "declined", set()),
    ("monitoring.withdraw_application", "pending", set()),  # only its applicant: below
]


@pytest.mark.parametrize("name", ACTORS)
def test_network_permission_grid(name, objects, hromada):
    user = make(name, objects["network"], hromada)
    for perm, target, allowed in GRID:
        got = user.has_perm(perm, objects[target])
        assert got is (name in allowed), f"{name} × {perm} on {target}"


def test_only_the_applicant_withdraws_and_only_while_pending(network):
    application = _application(network)
    applicant = application.applicant
    assert applicant.has_perm("monitoring.withdraw_application", application)
    application.status = ApplicationStatus.ADMITTED
    assert not applicant.has_perm("monitoring.withdraw_application", application)


def test_an_unverified_account_cannot_apply(network):
    assert not UserFactory(verified=False).has_perm("monitoring.apply_to_network", network)


def test_a_coordinator_of_another_network_cannot_touch_this_one_s_member(network):
    member = MemberOrganisation.objects.create(
        network=network,
        name="ГО",
        edrpou="12345678",
        oblast=Oblast.objects.first(),
        joined_on=timezone.localdate(),
    )
    other = with_role(UserFactory(), Role.COORDINATOR, network=NetworkFactory())
    mine = with_role(UserFactory(), Role.COORDINATOR, network=network)
    assert not other.has_perm("monitoring.manage_members", member)
    assert mine.has_perm("monitoring.manage_members", member)


# --- the same grid on the pages -------------------------------------------------------------


def _write_pages(objects):
    slug = objects["network"].slug
    base = f"/monitoring/networks/{slug}/"
    pending = objects["pending"].pk
    return {
        "monitoring.change_network": [base + "edit/"],
        "monitoring.manage_members": [base + "members/new/"],
        "monitoring.assign_monitor": [base + "assignments/new/"],
        "monitoring.end_assignment": [base + f"assignments/{objects['assignment'].pk}/end/"],
        "monitoring.view_conflicts": [base + "conflicts/"],
        "monitoring.declare_conflict": [base + "conflicts/new/"],
        "monitoring.view_applications": [base + "applications/"],
        "monitoring.decide_application": [
            f"/monitoring/applications/{pending}/admit/",
            f"/monitoring/applications/{pending}/decline/",
        ],
    }


ALLOWED_ON_PAGES = {
    "monitoring.declare_conflict": RUNS | {"monitor"},
}


@pytest.mark.parametrize("name", [a for a in ACTORS if a not in RUNS])
def test_those_who_may_not_are_refused_on_every_page(name, client, objects, hromada):
    user = make(name, objects["network"], hromada)
    if name != "anonymous":
        client.force_login(user)
    for perm, urls in _write_pages(objects).items():
        if name in ALLOWED_ON_PAGES.get(perm, set()):
            continue
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                if name == "anonymous":
                    assert response.status_code == 302, url
                    assert "/accounts/login/" in response["Location"]
                elif perm == "monitoring.decide_application":
                    # the application itself is private: 404 to those who may not read it
                    assert response.status_code == 404, f"{name} {method.__name__} {url}"
                else:
                    assert response.status_code == 403, f"{name} {method.__name__} {url}"
    assert Assignment.objects.filter(ended_at=None).count() == 1
    assert MemberApplication.objects.get(pk=objects["pending"].pk).status == "pending"


@pytest.mark.parametrize("name", sorted(RUNS))
def test_those_who_run_the_network_open_every_page(name, client, objects, hromada):
    client.force_login(make(name, objects["network"], hromada))
    for urls in _write_pages(objects).values():
        for url in urls:
            assert client.get(url).status_code == 200, f"{name} {url}"
