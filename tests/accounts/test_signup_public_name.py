"""Sign-up asks for the name shown in public, says that it is public, and checks it as the
profile does (required, one line, at most 100 characters)."""

import pytest

from openhromada.accounts.models import User

pytestmark = pytest.mark.django_db
STRONG = "Sonyashnyk-na-Podilli-77"


def _signup(client, prefix="", **fields):
    data = {"email": "olena@example.org", "password1": STRONG, "password2": STRONG, **fields}
    return client.post(f"{prefix}/accounts/signup/", data)


def test_the_sign_up_page_asks_for_the_public_name_and_says_it_is_public(client):
    page = client.get("/en/accounts/signup/").content.decode()
    assert 'name="display_name"' in page and "Public name" in page
    assert "Shown publicly" in page and "first name and an initial" in page


def test_sign_up_without_a_public_name_is_refused_with_a_message(client):
    response = _signup(client, prefix="/en", display_name="  ")
    assert response.status_code == 200
    assert "Enter the name others will see" in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_a_public_name_keeps_it(client):
    response = _signup(client, display_name="  Олена К. ")
    assert response.status_code == 302
    user = User.objects.get(email="olena@example.org")
    assert user.display_name == "Олена К." and user.public_name == "Олена К."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Олена\nК.", "Keep this on one line"),
        ("О" * 101, "at most 100 characters"),
    ],
)
def test_a_public_name_on_two_lines_or_too_long_is_refused(client, name, message):
    response = _signup(client, prefix="/en", display_name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_invisible_characters_are_dropped_from_the_public_name(client):
    _signup(client, display_name="Оле\u202eна")
    assert User.objects.get().display_name == "Олена"
