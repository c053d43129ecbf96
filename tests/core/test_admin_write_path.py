"""One write path: the Django admin writes public records through the same kernel as pages and
the API (core.services: the permission asked of the record, validation, the history entry)."""

import pytest
from django.contrib import admin

from openhromada.accounts.admin import RoleAssignmentAdmin, UserAdmin
from openhromada.accounts.models import Role
from openhromada.core.admin import WithholdingAdmin
from openhromada.core.admin_history import HistoryRecordingAdmin
from openhromada.core.history import history_for
from openhromada.core.models import Withholding
from openhromada.monitoring.models import MonitoringNetwork
from tests.factories import NetworkFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db
# the admins that write through their app's own services (accounts) or the withholding service
OWN_SERVICES = (UserAdmin, RoleAssignmentAdmin, WithholdingAdmin)


def test_every_admin_of_a_public_record_writes_through_the_kernel():
    for model, model_admin in admin.site._registry.items():
        if hasattr(model, "HISTORY_FIELDS"):
            assert isinstance(model_admin, (HistoryRecordingAdmin, *OWN_SERVICES)), model


def test_an_admin_change_is_validated_permitted_and_in_the_history(client):
    network = NetworkFactory(name_uk="Мережа", name_en="Network")
    operator = with_role(UserFactory(), Role.OPERATOR)
    client.force_login(operator)
    url = f"/admin/monitoring/monitoringnetwork/{network.pk}/change/"
    response = client.post(
        url,
        {"slug": network.slug, "name_uk": "Нова назва", "name_en": "New name", "origin": "real"},
    )
    assert response.status_code == 302, response.content[:2000]
    network.refresh_from_db()
    assert network.name_uk == "Нова назва"
    entry = history_for(network).first()
    assert entry.changes["name_uk"] == ["Мережа", "Нова назва"]
    assert entry.actor_id == operator.pk


def test_the_withholding_form_asks_the_services_own_rule(client):
    operator = with_role(UserFactory(), Role.OPERATOR)
    network = NetworkFactory()
    client.force_login(operator)
    response = client.post(
        "/admin/core/withholding/add/",
        {"object_type": "places.hromada", "object_id": 1, "field": "", "reason": "x"},
    )
    assert response.status_code == 200  # refused on the form: a hromada is withheld by field
    assert "весь запис приховати не можна" in str(response.context["adminform"].form.errors)
    assert not Withholding.objects.exists()
    assert MonitoringNetwork.objects.filter(pk=network.pk).exists()
