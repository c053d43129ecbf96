"""Networks' writes: the network, member organisations, applications to join and conflicts of
interest — each rule and refusal, nothing saved on a refusal, public records in the history and
private ones never."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.core.errors import ServiceError
from openhromada.core.history import history_for
from openhromada.core.models import HistoryEntry
from openhromada.monitoring.lifecycle import ApplicationStatus
from openhromada.monitoring.models import (
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
)
from openhromada.monitoring.services import networks as services
from openhromada.notifications.models import Notification
from openhromada.places.models import Hromada, Oblast
from tests.factories import NetworkFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


def oblast(code: str) -> Oblast:
    return Oblast.objects.get(code__startswith=code)


def apply(applicant, network, **extra) -> MemberApplication:
    values = {
        "name": "ГО «Варта»",
        "edrpou": "12345678",
        "oblast": oblast("UA05"),
        "website": "https://varta.example.org",
        "email": "info@varta.example.org",
        "phone": "+380 44 000 00 00",
        "motivation": "Моніторимо бюджети з 2015 року.",
    }
    values.update(extra)
    return services.application_submit(actor=applicant, network=network, **values)


def add_member(actor, network, **extra) -> MemberOrganisation:
    values = {
        "name": "ГО «Дозор»",
        "edrpou": "87654321",
        "oblast": oblast("UA68"),
        "joined_on": dt.date(2024, 3, 1),
    }
    values.update(extra)
    return services.member_create(actor=actor, network=network, **values)


# --- the network ---------------------------------------------------------------------------


def test_a_coordinator_edits_the_network_and_its_regions_go_in_the_history(network, coordinator):
    services.network_update(
        actor=coordinator,
        network=network,
        name_uk="Нова назва",
        description="**Ми** моніторимо.",
        oblasts=[oblast("UA68"), oblast("UA05")],
        accepts_applications=False,
    )
    network.refresh_from_db()
    assert network.name_uk == "Нова назва" and not network.accepts_applications
    assert network.oblasts.count() == 2
    entry = history_for(network).first()
    assert entry.actor_id == coordinator.pk
    assert entry.changes["name_uk"] == ["Мережа моніторингу", "Нова назва"]
    assert len(entry.changes["oblasts"][1]) == 2


def test_only_coordinators_of_that_network_and_operators_edit_it(network, monitor):
    other = with_role(UserFactory(), Role.COORDINATOR, network=NetworkFactory())
    for user in (monitor, other, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.network_update(actor=user, network=network, name_uk="X")
    network.refresh_from_db()
    assert network.name_uk == "Мережа моніторингу"
    operator = with_role(UserFactory(), Role.OPERATOR)
    services.network_update(actor=operator, network=network, name_uk="Оператор")


def test_an_operator_sets_up_a_network(db):
    operator = with_role(UserFactory(), Role.OPERATOR)
    made = services.network_create(
        actor=operator, slug="new-net", name_uk="Нова", name_en="New", oblasts=[oblast("UA05")]
    )
    assert list(made.oblasts.all()) == [oblast("UA05")]
    assert history_for(made).count() == 2
    with pytest.raises(PermissionDenied):
        services.network_create(actor=UserFactory(), slug="x", name_uk="X", name_en="X")


# --- members -------------------------------------------------------------------------------


def test_adding_a_member_adds_its_oblast_to_the_regions(network, coordinator):
    member = add_member(coordinator, network, oblast=oblast("UA05"))
    assert member.pk and oblast("UA05") in network.oblasts.all()
    kinds = {e.object_type for e in HistoryEntry.objects.filter(container_id=network.pk)}
    assert {"monitoring.memberorganisation", "monitoring.monitoringnetwork"} <= kinds


def test_member_rules_refuse_and_save_nothing(network, coordinator):
    add_member(coordinator, network)
    with pytest.raises(ServiceError) as refused:
        add_member(coordinator, network, name="Інша")  # the same EDRPOU code
    assert "edrpou" in refused.value.message_dict
    with pytest.raises(ServiceError):
        add_member(coordinator, network, edrpou="11111111", joined_on=dt.date(2999, 1, 1))
    with pytest.raises(Exception):  # noqa: B017 - the model's own validator (8 digits)
        add_member(coordinator, network, edrpou="123")
    assert network.members.count() == 1


def test_members_are_managed_by_the_network_s_coordinators_only(network, coordinator, monitor):
    member = add_member(coordinator, network)
    for user in (monitor, with_role(UserFactory(), Role.COORDINATOR, network=NetworkFactory())):
        with pytest.raises(PermissionDenied):
            services.member_update(actor=user, member=member, name="Зламано")
        with pytest.raises(PermissionDenied):
            services.member_end(actor=user, member=member)
    member.refresh_from_db()
    assert member.name == "ГО «Дозор»" and member.left_on is None


def test_ending_a_membership(network, coordinator):
    member = add_member(coordinator, network)
    with pytest.raises(ServiceError):
        services.member_end(actor=coordinator, member=member, left_on=dt.date(2020, 1, 1))
    with pytest.raises(ServiceError):
        services.member_end(
            actor=coordinator, member=member, left_on=timezone.localdate() + dt.timedelta(days=2)
        )
    member.refresh_from_db()
    assert member.left_on is None
    services.member_end(actor=coordinator, member=member, left_on=dt.date(2025, 1, 31))
    member.refresh_from_db()
    assert member.left_on == dt.date(2025, 1, 31)
    assert history_for(member).first().changes["left_on"] == [None, "2025-01-31"]
    with pytest.raises(ServiceError) as refused:
        services.member_end(actor=coordinator, member=member)
    assert refused.value.code == "ended"


def test_a_member_update_is_recorded(network, coordinator):
    member = add_member(coordinator, network)
    services.member_update(
        actor=coordinator, member=member, phone="+380 50 000 00 00", oblast=oblast("UA07")
    )
    member.refresh_from_db()
    assert member.phone == "+380 50 000 00 00"
    assert oblast("UA07") in network.oblasts.all()
    assert history_for(member).first().changes["phone"] == ["", "+380 50 000 00 00"]


# --- applications --------------------------------------------------------------------------


def test_admitting_makes_a_public_member_and_tells_the_applicant(
    network, coordinator, django_capture_on_commit_callbacks
):
    resident = UserFactory()
    application = apply(resident, network)
    assert application.status == ApplicationStatus.PENDING
    assert not HistoryEntry.objects.filter(object_type="monitoring.memberapplication").exists()
    with pytest.raises(PermissionDenied):
        services.application_admit(actor=resident, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_admit(actor=coordinator, application=application, reason="Ласкаво!")
    application.refresh_from_db()
    member = application.member
    assert application.status == ApplicationStatus.ADMITTED
    assert application.decided_by == coordinator and application.decided_at
    assert member.joined_on == timezone.localdate() and member.edrpou == "12345678"
    assert member.email == "info@varta.example.org"
    assert oblast("UA05") in network.oblasts.all()  # a new region
    assert history_for(member).exists()
    note = Notification.objects.get(user=resident)
    assert "ГО «Варта»" in note.title and note.url == f"/monitoring/applications/{application.pk}/"
    assert note.body == "Ласкаво!"
    with pytest.raises(ServiceError):  # decided once
        services.application_decline(actor=coordinator, application=application, reason="ні")
    assert not HistoryEntry.objects.filter(object_type="monitoring.memberapplication").exists()


def test_declining_needs_a_reason_and_the_applicant_reads_it(
    network, coordinator, django_capture_on_commit_callbacks
):
    resident = UserFactory()
    application = apply(resident, network)
    with pytest.raises(ServiceError) as refused:
        services.application_decline(actor=coordinator, application=application, reason="  ")
    assert "reason" in refused.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decline(
            actor=coordinator, application=application, reason="Немає досвіду моніторингу."
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert application.member is None and not network.members.exists()
    note = Notification.objects.get(user=resident)
    assert note.body == "Немає досвіду моніторингу."


def test_nothing_is_sent_when_the_decision_is_rolled_back(
    network, coordinator, django_capture_on_commit_callbacks
):
    application = apply(UserFactory(), network)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ServiceError):
        services.application_decline(actor=coordinator, application=application, reason="")
    assert callbacks == []


def test_applying_needs_a_confirmed_e_mail_and_an_open_network(network):
    with pytest.raises(PermissionDenied):
        apply(UserFactory(verified=False), network)
    network.accepts_applications = False
    network.save()
    with pytest.raises(ServiceError) as refused:
        apply(UserFactory(), network)
    assert refused.value.code == "closed"
    assert not MemberApplication.objects.exists()


def test_an_organisation_applies_once_at_a_time_and_not_when_already_a_member(network, coordinator):
    apply(UserFactory(), network)
    with pytest.raises(ServiceError):
        apply(UserFactory(), network)
    add_member(coordinator, network, edrpou="22222222")
    with pytest.raises(ServiceError):
        apply(UserFactory(), network, edrpou="22222222")
    assert MemberApplication.objects.count() == 1


def test_admitting_an_organisation_already_listed_is_refused(network, coordinator):
    application = apply(UserFactory(), network)
    add_member(coordinator, network, edrpou="12345678")
    with pytest.raises(ServiceError, match="12345678"):
        services.application_admit(actor=coordinator, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert network.members.count() == 1


def test_the_applicant_withdraws_a_pending_application(network, coordinator):
    resident = UserFactory()
    application = apply(resident, network)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=coordinator, application=application)
    services.application_withdraw(actor=resident, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    with pytest.raises(ServiceError):
        services.application_withdraw(actor=resident, application=application)
    with pytest.raises(ServiceError):
        services.application_admit(actor=coordinator, application=application)


# --- conflicts of interest -----------------------------------------------------------------


def test_a_monitor_declares_their_own_conflict_privately(network, monitor, hromada):
    conflict = services.conflict_declare(
        actor=monitor, network=network, hromada=hromada, description="Сестра — заступниця мера."
    )
    assert conflict.monitor == monitor and conflict.declared_by == monitor
    assert not HistoryEntry.objects.filter(object_type="monitoring.conflictdeclaration").exists()
    with pytest.raises(ServiceError) as refused:
        services.conflict_declare(actor=monitor, network=network, hromada=hromada, description="x")
    assert "hromada" in refused.value.message_dict


def test_a_monitor_cannot_declare_for_another_monitor(network, monitor, hromada):
    colleague = with_role(UserFactory(), Role.MONITOR, network=network)
    with pytest.raises(PermissionDenied):
        services.conflict_declare(
            actor=monitor, network=network, monitor=colleague, hromada=hromada, description="x"
        )
    assert not ConflictDeclaration.objects.exists()


def test_a_coordinator_records_a_conflict_of_a_monitor_of_the_network_only(
    network, coordinator, monitor, hromada
):
    stranger = with_role(UserFactory(), Role.MONITOR, network=NetworkFactory())
    with pytest.raises(ServiceError) as refused:
        services.conflict_declare(
            actor=coordinator, network=network, monitor=stranger, hromada=hromada, description="x"
        )
    assert "monitor" in refused.value.message_dict
    conflict = services.conflict_declare(
        actor=coordinator, network=network, monitor=monitor, hromada=hromada, description="Робота"
    )
    assert conflict.declared_by == coordinator and conflict.monitor == monitor


def test_others_cannot_declare_conflicts_in_the_network(network, hromada):
    lutsk = Hromada.objects.get(slug="lutska")
    for user in (
        UserFactory(),
        with_role(UserFactory(), Role.MONITOR, network=NetworkFactory()),
        with_role(UserFactory(), Role.OFFICIAL, hromada=lutsk),
    ):
        with pytest.raises(PermissionDenied):
            services.conflict_declare(actor=user, network=network, hromada=hromada, description="x")
    assert not ConflictDeclaration.objects.exists()
