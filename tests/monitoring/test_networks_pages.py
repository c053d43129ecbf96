"""The networks' pages: what everyone reads, what coordinators, residents and monitors write,
what bad input gets (4xx with a clear message, never a 500), the query budget of the network
page, and private applications and conflicts kept off the public pages."""

import datetime as dt

import pytest

from openhromada.accounts.models import Role
from openhromada.core.history import record_create
from openhromada.monitoring.lifecycle import ApplicationStatus
from openhromada.monitoring.models import (
    Assignment,
    ConflictDeclaration,
    MemberApplication,
    MemberOrganisation,
)
from openhromada.monitoring.services import networks as services
from openhromada.places.models import Hromada, Oblast
from tests.factories import NetworkFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _created_in_the_history(network):
    """The network as the admin or the service sets it up: its creation in the history."""
    record_create(actor=None, obj=network, fields=network.HISTORY_FIELDS)


def base(network) -> str:
    return f"/monitoring/networks/{network.slug}/"


def oblast(code):
    return Oblast.objects.get(code__startswith=code)


def member(coordinator, network, n=0, code="UA68"):
    return services.member_create(
        actor=coordinator,
        network=network,
        name=f"ГО «Член {n}»",
        edrpou=f"{10000000 + n}",
        oblast=oblast(code),
        website="https://example.org",
        email=f"info{n}@example.org",
        phone="+380 44 000 00 00",
        joined_on=dt.date(2024, 1, 1),
    )


APPLICATION = {
    "name": "ГО «Варта»",
    "edrpou": "12345678",
    "website": "https://varta.example.org",
    "email": "info@varta.example.org",
    "phone": "+380 44 000 00 00",
    "motivation": "Моніторимо бюджети з 2015 року. Секретна мотивація.",
}


# --- what everyone reads -------------------------------------------------------------------


def test_the_networks_page_lists_networks_with_counts(client, network, coordinator):
    member(coordinator, network, 1)
    member(coordinator, network, 2, "UA05")
    body = client.get("/monitoring/").content.decode()
    assert "Мережа моніторингу" in body
    assert "2 регіони" in body and "2 організації-члени" in body
    assert 'href="/monitoring/comparison/"' in body
    assert f'href="{base(network)}"' in body


def test_the_network_page_shows_members_by_region_coordinators_and_assignments(
    client, network, coordinator, assignment
):
    services.network_update(actor=coordinator, network=network, description="**Ми** діємо.")
    made = member(coordinator, network, 1)
    gone = member(coordinator, network, 2)
    services.member_end(actor=coordinator, member=gone, left_on=dt.date(2025, 1, 1))
    body = client.get(base(network)).content.decode()
    assert "<strong>Ми</strong> діємо." in body
    assert f'id="member-{made.pk}"' in body and "10000001" in body
    assert "mailto:info1@example.org" in body and "https://example.org" in body
    assert "Хмельницька" in body  # the region heading
    assert "Колишній член (1)" in body and f'id="member-{gone.pk}"' in body
    assert "Координаторка" in body  # who coordinates, by public name
    assert "Моніторка" in body and assignment.plan.title in body  # who monitors which plan
    assert f"/hromady/{assignment.plan.hromada.slug}/plans/{assignment.plan.slug}/" in body
    assert "Подати заявку на вступ" in body and f"{base(network)}apply/" in body
    assert f"{base(network)}history/" in body
    assert f"{base(network)}edit/" not in body  # nothing to run for the public


def test_a_closed_network_offers_no_application(client, network):
    network.accepts_applications = False
    network.save()
    body = client.get(base(network)).content.decode()
    assert f"{base(network)}apply/" not in body


def test_the_history_page(client, network, coordinator):
    member(coordinator, network, 1)
    response = client.get(base(network) + "history/")
    assert response.status_code == 200 and "ГО «Член 1»" in response.content.decode()


def test_unknown_addresses_are_404(client, network):
    assert client.get("/monitoring/networks/no-such/").status_code == 404
    assert client.get("/monitoring/networks/no-such/history/").status_code == 404
    assert client.get("/monitoring/applications/999999/").status_code == 302  # sign in first


def test_the_network_page_query_count_does_not_grow(
    client, network, coordinator, monitor, submitted_plan, django_assert_max_num_queries
):
    services.monitor_assign(
        actor=coordinator, network=network, plan=submitted_plan, monitor=monitor
    )
    for n in range(3):
        member(coordinator, network, n, ("UA68", "UA05", "UA07")[n])
    with django_assert_max_num_queries(12) as few:
        assert client.get(base(network)).status_code == 200
    for n in range(3, 30):
        member(coordinator, network, n, ("UA68", "UA05", "UA07", "UA18")[n % 4])
    for _n in range(5):
        other = with_role(UserFactory(), Role.MONITOR, network=network)
        services.monitor_assign(
            actor=coordinator, network=network, plan=submitted_plan, monitor=other
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(base(network)).status_code == 200
    client.force_login(coordinator)
    with django_assert_max_num_queries(len(few.captured_queries) + 7):
        assert client.get(base(network)).status_code == 200


# --- running the network -------------------------------------------------------------------


def test_a_coordinator_edits_the_network_on_its_page(client, network, coordinator):
    client.force_login(coordinator)
    body = client.get(base(network)).content.decode()
    assert f"{base(network)}edit/" in body and f"{base(network)}members/new/" in body
    response = client.post(
        base(network) + "edit/",
        {
            "name_uk": "Нова",
            "name_en": "New",
            "description": "Опис",
            "oblasts": [oblast("UA05").pk],
            "accepts_applications": "",
        },
    )
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.name_uk == "Нова" and not network.accepts_applications
    assert list(network.oblasts.all()) == [oblast("UA05")]
    response = client.post(base(network) + "edit/", {"name_uk": "", "name_en": "New"})
    assert response.status_code == 400


def test_a_coordinator_adds_edits_and_ends_a_member(client, network, coordinator):
    client.force_login(coordinator)
    data = {
        "name": "ГО «Нова»",
        "edrpou": "123",
        "oblast": oblast("UA05").pk,
        "joined_on": "2025-01-01",
    }
    response = client.post(base(network) + "members/new/", data)
    assert response.status_code == 400 and "8 цифр" in response.content.decode()
    data["edrpou"] = "12345678"
    response = client.post(base(network) + "members/new/", data)
    made = MemberOrganisation.objects.get(edrpou="12345678")
    assert response.status_code == 302 and response["Location"].endswith(f"#member-{made.pk}")
    response = client.post(base(network) + "members/new/", data)  # the same code again
    assert response.status_code == 400
    data["phone"] = "+380 67 000 00 00"
    response = client.post(base(network) + f"members/{made.pk}/edit/", data)
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.phone == "+380 67 000 00 00"
    url = base(network) + f"members/{made.pk}/end/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"left_on": "2024-01-01"})  # before joining
    assert response.status_code == 400
    response = client.post(url, {"left_on": "2025-02-01"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.left_on == dt.date(2025, 2, 1)
    assert client.get(url).status_code == 400  # already ended
    other = NetworkFactory()
    assert client.get(f"/monitoring/networks/{other.slug}/members/{made.pk}/edit/").status_code in (
        403,
        404,
    )


# --- applying and deciding -----------------------------------------------------------------


def test_a_resident_applies_sees_the_status_and_is_told_of_the_decision(
    client, network, coordinator, django_capture_on_commit_callbacks
):
    resident = UserFactory()
    client.force_login(resident)
    url = base(network) + "apply/"
    assert client.get(url).status_code == 200
    bad = dict(APPLICATION, oblast=oblast("UA05").pk, edrpou="1234567x")
    assert client.post(url, bad).status_code == 400
    response = client.post(url, dict(APPLICATION, oblast=oblast("UA05").pk))
    application = MemberApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/monitoring/applications/{application.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "очікує рішення" in body and "Відкликати заявку" in body
    mine = client.get("/monitoring/my-applications/").content.decode()
    assert "ГО «Варта»" in mine

    client.force_login(coordinator)
    queue = client.get(base(network) + "applications/").content.decode()
    assert "ГО «Варта»" in queue
    decline = f"/monitoring/applications/{application.pk}/decline/"
    assert client.get(decline).status_code == 200
    response = client.post(decline, {"reason": " "})
    assert response.status_code == 400 and "Вкажіть, чому" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decline, {"reason": "Замало досвіду."})
    assert response.status_code == 302
    assert client.post(decline, {"reason": "ще раз"}).status_code == 400  # decided
    admit = f"/monitoring/applications/{application.pk}/admit/"
    assert client.get(admit).status_code == 400 and client.post(admit).status_code == 400

    client.force_login(resident)
    body = client.get(f"/monitoring/applications/{application.pk}/").content.decode()
    assert "Замало досвіду." in body and "відхилено" in body.lower()
    assert resident.notifications.get().body == "Замало досвіду."


def test_admitting_on_the_page(client, network, coordinator, django_capture_on_commit_callbacks):
    application = services.application_submit(
        actor=UserFactory(), network=network, oblast=oblast("UA05"), **APPLICATION
    )
    client.force_login(coordinator)
    url = f"/monitoring/applications/{application.pk}/admit/"
    body = client.get(url).content.decode()
    assert "Прийняти" in body and "12345678" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMITTED
    body = client.get(base(network)).content.decode()
    assert f'id="member-{application.member_id}"' in body and "ГО «Варта»" in body


def test_the_applicant_withdraws_on_the_page(client, network, coordinator):
    resident = UserFactory()
    application = services.application_submit(
        actor=resident, network=network, oblast=oblast("UA05"), **APPLICATION
    )
    url = f"/monitoring/applications/{application.pk}/withdraw/"
    client.force_login(coordinator)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # somebody else's application
    assert client.get(f"/monitoring/applications/{application.pk}/").status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert client.post(url).status_code == 400


def test_an_unverified_account_cannot_apply_and_a_closed_network_says_why(client, network):
    client.force_login(UserFactory(verified=False))
    assert client.get(base(network) + "apply/").status_code == 403
    network.accepts_applications = False
    network.save()
    client.force_login(UserFactory())
    response = client.get(base(network) + "apply/")
    assert response.status_code == 400
    assert "не приймає" in response.content.decode()


# --- conflicts and assignments -------------------------------------------------------------


def test_a_monitor_declares_a_conflict_on_the_page(client, network, monitor, hromada):
    client.force_login(monitor)
    assert f"{base(network)}conflicts/new/" in client.get(base(network)).content.decode()
    url = base(network) + "conflicts/new/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"hromada": "", "description": "x"}).status_code == 400
    assert client.post(url, {"hromada": "abc", "description": "x"}).status_code == 400
    response = client.post(url, {"hromada": hromada.pk, "description": "Працюю в раді."})
    assert response.status_code == 302
    conflict = ConflictDeclaration.objects.get()
    assert conflict.monitor == monitor and conflict.hromada == hromada
    assert "Працюю в раді." in client.get(url).content.decode()  # their own list
    response = client.post(url, {"hromada": hromada.pk, "description": "ще раз"})
    assert response.status_code == 400
    assert client.get(base(network) + "conflicts/").status_code == 403


def test_a_coordinator_records_a_conflict_and_sees_the_list(
    client, network, coordinator, monitor, hromada
):
    client.force_login(coordinator)
    url = base(network) + "conflicts/new/"
    stranger = with_role(UserFactory(), Role.MONITOR, network=NetworkFactory())
    data = {"monitor": stranger.pk, "hromada": hromada.pk, "description": "Родич"}
    assert client.post(url, data).status_code == 400  # not a monitor of this network
    data["monitor"] = monitor.pk
    assert client.post(url, data).status_code == 302
    body = client.get(base(network) + "conflicts/").content.decode()
    assert "Моніторка" in body and "Родич" in body


def test_a_coordinator_assigns_on_the_page_and_the_conflict_rule_is_enforced(
    client, network, coordinator, monitor, submitted_plan, hromada
):
    client.force_login(coordinator)
    url = base(network) + "assignments/new/"
    body = client.get(url).content.decode()
    assert submitted_plan.title in body and "Моніторка" in body
    lutsk_oblast = Hromada.objects.get(slug="lutska").oblast
    body = client.get(url + f"?oblast={lutsk_oblast.code}").content.decode()
    assert f'value="{submitted_plan.pk}"' not in body
    assert client.get(url + "?oblast=all").status_code == 200
    assert client.get(url + "?oblast=<script>").status_code == 200
    services.conflict_declare(actor=monitor, network=network, hromada=hromada, description="Мер")
    data = {"monitor": monitor.pk, "plan": submitted_plan.pk, "declaration": "Незалежна."}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "задекларував конфлікт інтересів" in response.content.decode()
    assert not Assignment.objects.exists()
    ConflictDeclaration.objects.all().delete()
    assert client.post(url, dict(data, plan="999999")).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.declaration == "Незалежна."
    end = base(network) + f"assignments/{assignment.pk}/end/"
    assert end in client.get(base(network)).content.decode()
    assert client.get(end).status_code == 200
    assert client.post(end).status_code == 302
    assert client.post(end).status_code == 400  # already ended
    assert client.get(base(network) + "assignments/999999/end/").status_code == 404


def test_a_draft_plan_is_never_offered_nor_accepted(
    client, network, coordinator, monitor, plan, official
):
    client.force_login(coordinator)
    url = base(network) + "assignments/new/?oblast=all"
    assert f'value="{plan.pk}"' not in client.get(url).content.decode()
    response = client.post(url, {"monitor": monitor.pk, "plan": plan.pk})
    assert response.status_code == 400
    assert not Assignment.objects.exists()


# --- private records stay private ----------------------------------------------------------


def test_applications_and_conflicts_never_appear_on_public_pages(
    client, network, coordinator, monitor, hromada, assignment
):
    pending = services.application_submit(
        actor=UserFactory(), network=network, oblast=oblast("UA05"), **APPLICATION
    )
    declined = services.application_submit(
        actor=UserFactory(),
        network=network,
        oblast=oblast("UA07"),
        **dict(APPLICATION, name="ГО «Відхилена»", edrpou="55555555"),
    )
    services.application_decline(actor=coordinator, application=declined, reason="Причина-таємниця")
    services.conflict_declare(
        actor=monitor,
        network=network,
        hromada=Hromada.objects.get(slug="lutska"),
        description="Конфлікт-таємниця",
    )
    pages = [
        "/monitoring/",
        base(network),
        base(network) + "history/",
        f"/hromady/{hromada.slug}/plans/{assignment.plan.slug}/",
        f"/hromady/{hromada.slug}/plans/{assignment.plan.slug}/history/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        for secret in (
            "ГО «Варта»",
            "ГО «Відхилена»",
            "Секретна мотивація",
            "Причина-таємниця",
            "Конфлікт-таємниця",
        ):
            assert secret not in body, f"{secret} on {url}"
    assert client.get(f"/monitoring/applications/{pending.pk}/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"/monitoring/applications/{pending.pk}/").status_code == 404
