"""Managing places in the admin: by role, validated, with every save in the public history."""

import pytest

from openhromada.accounts.models import Role
from openhromada.core.history import history_for
from openhromada.places.models import Hromada
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    client.force_login(with_role(UserFactory(display_name="Оператор АМУ"), Role.OPERATOR))
    return client


def _form(hromada, **overrides):
    data = {
        "code": hromada.code,
        "name_uk": hromada.name_uk,
        "name_en": hromada.name_en,
        "category": hromada.category,
        "oblast": hromada.oblast_id,
        "raion": hromada.raion_id or "",
        "kind": hromada.kind,
        "centre_name_uk": hromada.centre_name_uk,
        "centre_name_en": hromada.centre_name_en,
        "centre_code": hromada.centre_code,
        "population": "",
        "population_source": "",
        "website": "",
        "ogp_member_since": "",
        "ogp_member_until": "",
        "membership_origin": "real",
    }
    data.update(overrides)
    return data


def test_admin_is_in_ukrainian(operator_client):
    body = operator_client.get("/admin/").content.decode()
    assert "Адміністрування" in body


def test_operator_edits_a_hromada_and_it_is_recorded(operator_client):
    hromada = Hromada.objects.get(slug="lutska")
    response = operator_client.post(
        f"/admin/places/hromada/{hromada.pk}/change/",
        _form(hromada, website="https://www.lutskrada.gov.ua"),
    )
    assert response.status_code == 302
    hromada.refresh_from_db()
    assert hromada.website == "https://www.lutskrada.gov.ua"
    entry = history_for(hromada).first()
    assert entry.actor_label == "Оператор АМУ"
    assert entry.changes == {"website": ["", "https://www.lutskrada.gov.ua"]}


@pytest.mark.parametrize(
    "code", ["UA123", "68040470000053519XX", "ua68040470000053519", "UA6804047000005351Z"]
)
def test_invalid_codifier_code_is_refused_and_nothing_saved(operator_client, code):
    hromada = Hromada.objects.get(slug="lutska")
    entries = history_for(hromada).count()
    response = operator_client.post(
        f"/admin/places/hromada/{hromada.pk}/change/",
        _form(hromada, code=code, website="https://x.example"),
    )
    assert response.status_code == 200
    assert "UA" in response.context["adminform"].form.errors["code"][0]
    hromada.refresh_from_db()
    assert hromada.website == "" and history_for(hromada).count() == entries


def test_duplicate_codifier_code_is_refused(operator_client):
    lutska = Hromada.objects.get(slug="lutska")
    other = Hromada.objects.get(slug="khmelnytska")
    response = operator_client.post(
        f"/admin/places/hromada/{lutska.pk}/change/", _form(lutska, code=other.code)
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["code"]
    lutska.refresh_from_db()
    assert lutska.code != other.code


def test_membership_cannot_end_before_it_starts(operator_client):
    hromada = Hromada.objects.get(slug="lutska")
    response = operator_client.post(
        f"/admin/places/hromada/{hromada.pk}/change/",
        _form(hromada, ogp_member_since="2024-01-01", ogp_member_until="2023-01-01"),
    )
    assert response.status_code == 200
    hromada.refresh_from_db()
    assert hromada.ogp_member_since is None


@pytest.mark.parametrize("role", [None, Role.OFFICIAL, Role.COUNCIL_MEMBER])
def test_residents_and_officials_cannot_enter_the_admin(client, role):
    user = UserFactory()
    if role:
        user = with_role(user, role, hromada=Hromada.objects.get(slug="lutska"))
    client.force_login(user)
    assert client.get("/admin/").status_code == 302  # to the admin login
    hromada = Hromada.objects.get(slug="lutska")
    response = client.post(
        f"/admin/places/hromada/{hromada.pk}/change/",
        _form(hromada, website="https://evil.example"),
    )
    assert response.status_code in (302, 403)
    hromada.refresh_from_db()
    assert hromada.website == ""


def test_monitoring_network_edits_are_recorded(operator_client):
    from tests.factories import NetworkFactory

    network = NetworkFactory(name_en="Old name")
    response = operator_client.post(
        f"/admin/monitoring/monitoringnetwork/{network.pk}/change/",
        {
            "slug": network.slug,
            "name_uk": network.name_uk,
            "name_en": "New name",
            "origin": "real",
            "oblasts": [],
            "accepts_applications": "on",
        },
    )
    assert response.status_code == 302
    entry = history_for(network).first()
    assert entry.changes == {"name_en": ["Old name", "New name"]}


def test_codifier_records_cannot_be_deleted_even_by_admins(client):
    client.force_login(with_role(UserFactory(), Role.ADMIN))
    hromada = Hromada.objects.get(slug="lutska")
    response = client.post(f"/admin/places/hromada/{hromada.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Hromada.objects.filter(pk=hromada.pk).exists()
