"""The monitoring admin is no second write path: a network is set up and edited through the
services (permission, validation, history); everything else is read-only there."""

import pytest

from openhromada.accounts.models import Role
from openhromada.core.history import history_for
from openhromada.monitoring.models import MonitoringNetwork
from openhromada.places.models import Oblast
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

READ_ONLY = [
    "memberorganisation",
    "memberapplication",
    "conflictdeclaration",
    "assignment",
    "assessment",
    "standardfinding",
    "report",
    "reply",
]


@pytest.fixture
def operator(db):
    return with_role(UserFactory(), Role.OPERATOR)


def test_an_operator_sets_up_a_network_in_the_admin_through_the_service(client, operator):
    client.force_login(operator)
    oblast = Oblast.objects.order_by("sort_key").first()
    response = client.post(
        "/admin/monitoring/monitoringnetwork/add/",
        {
            "slug": "new-network",
            "name_uk": "Нова мережа",
            "name_en": "New network",
            "description": "",
            "oblasts": [oblast.pk],
            "accepts_applications": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    network = MonitoringNetwork.objects.get(slug="new-network")
    assert list(network.oblasts.all()) == [oblast]
    entries = list(history_for(network))
    assert entries and all(e.actor_id == operator.pk for e in entries)


@pytest.mark.parametrize("model", READ_ONLY)
def test_the_other_records_are_read_only(model, client, operator, assignment):
    client.force_login(operator)
    assert client.get(f"/admin/monitoring/{model}/").status_code == 200
    assert client.get(f"/admin/monitoring/{model}/add/").status_code == 403


def test_coordinators_and_residents_do_not_enter_the_admin(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/monitoring/monitoringnetwork/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
