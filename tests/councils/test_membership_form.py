"""The membership form is one write: the membership, the person and the account link together,
or none of them."""

import pytest

from openhromada.core.models import HistoryEntry
from tests.councils.fixtures import seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "name": "Секретарка",
        "on_behalf_of": "ГО",
        "sector": "civil_society",
        "post": "secretary",
        "start_date": "2025-01-01",
        "account_email": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def secretary(official, council):
    return seat(official, council, "Секретарка", post="secretary", on_behalf_of="ГО")


def test_a_bad_account_e_mail_saves_nothing_of_the_form(client, official, hromada, secretary):
    linked = UserFactory()
    secretary.person.user = linked
    secretary.person.save()
    entries = HistoryEntry.objects.count()
    client.force_login(official)
    response = client.post(
        f"/hromady/{hromada.slug}/council/members/{secretary.pk}/edit/",
        _form(
            name="Інше ім'я",
            on_behalf_of="Інша організація",
            post="member",
            account_email="nobody@example.org",
        ),
    )
    assert response.status_code == 400
    assert "Немає облікового запису" in response.content.decode()
    secretary.refresh_from_db()
    secretary.person.refresh_from_db()
    assert (secretary.on_behalf_of, secretary.post) == ("ГО", "secretary")
    assert secretary.person.name == "Секретарка"
    assert secretary.person.user == linked
    assert HistoryEntry.objects.count() == entries


def test_a_good_form_saves_the_membership_and_the_link_together(
    client, official, hromada, secretary
):
    user = UserFactory()
    client.force_login(official)
    response = client.post(
        f"/hromady/{hromada.slug}/council/members/{secretary.pk}/edit/",
        _form(on_behalf_of="Інша організація", account_email=user.email),
    )
    assert response.status_code == 302
    secretary.refresh_from_db()
    secretary.person.refresh_from_db()
    assert secretary.on_behalf_of == "Інша організація"
    assert secretary.person.user == user
