"""Register → confirm e-mail → sign in/out → reset password → edit profile; with bad input."""

import re

import pytest
from django.core import mail

from openhromada.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
STRONG = "Sonyashnyk-na-Podilli-77"


def _signup(client, email="olena@example.org", p1=STRONG, p2=STRONG, prefix=""):
    data = {"display_name": "Олена К.", "email": email, "password1": p1, "password2": p2}
    return client.post(f"{prefix}/accounts/signup/", data)


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_register_confirm_and_sign_in(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="olena@example.org")
    assert len(mail.outbox) == 1
    assert "olena@example.org" in mail.outbox[0].to
    # Not yet a resident: the address is unconfirmed.
    assert not user.has_perm("core.participate")
    confirm_url = _link(mail.outbox[0])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.has_perm("core.participate")
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "olena@example.org", "password": STRONG})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


def test_registration_in_english_keeps_english_and_writes_in_english(client):
    _signup(client, email="john@example.org", prefix="/en")
    assert User.objects.get(email="john@example.org").preferred_language == "en"
    assert "Confirm your e-mail address" in mail.outbox[0].subject


def test_confirmation_email_is_in_ukrainian_by_default(client):
    _signup(client)
    assert "Підтвердьте адресу електронної пошти" in mail.outbox[0].subject


def test_unconfirmed_user_cannot_sign_in(client):
    _signup(client)
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "olena@example.org", "password": STRONG})
    assert "/accounts/confirm-email/" in response.url


def test_duplicate_email_makes_no_second_account_and_tells_the_owner(client):
    # the page answers as for a new address (tests/accounts/test_enumeration.py)
    UserFactory(email="taken@example.org")
    response = _signup(client, email="taken@example.org")
    assert response.status_code == 302
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert mail.outbox[0].to == ["taken@example.org"]
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("p1", "p2", "message"),
    [
        ("short", "short", "Пароль занадто короткий"),
        ("1234567890123", "1234567890123", "Пароль складається лише з цифр"),
        ("password123", "password123", "Пароль занадто поширений"),
        (STRONG, STRONG + "x", "Паролі не збігаються"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused(client, p1, p2, message):
    response = _signup(client, p1=p1, p2=p2)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="olena@example.org").exists()


def test_invalid_email_is_refused(client):
    response = _signup(client, email="not-an-email")
    assert response.status_code == 200
    assert not User.objects.exists() or not User.objects.filter(email="not-an-email").exists()


def test_login_is_throttled_after_repeated_failures(client):
    user = UserFactory(email="target@example.org")
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Забагато неправильних паролів звідси" in response.content.decode()


def test_password_reset(client):
    user = UserFactory(email="forgot@example.org")
    client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    reset_url = _link(mail.outbox[0])
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new = "Novyi-Parol-Dlia-Hromady-9"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(new)


def test_profile_edit_saves_name_language_and_accessibility(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {
            "display_name": "Олена К.",
            "preferred_language": "en",
            "text_size": "large",
            "theme": "contrast",
        },
    )
    assert response.status_code == 302
    assert response.url == "/en/accounts/profile/"
    user.refresh_from_db()
    assert (user.display_name, user.preferred_language, user.text_size, user.theme) == (
        "Олена К.",
        "en",
        "large",
        "contrast",
    )
    page = client.get("/en/accounts/profile/").content.decode()
    assert 'class="text-large theme-contrast"' in page
    assert "Your profile has been saved." in page


def test_profile_rejects_unknown_choices(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {"display_name": "X", "preferred_language": "fr", "text_size": "huge", "theme": "neon"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.preferred_language, user.text_size, user.theme) == ("uk", "normal", "default")


def test_profile_requires_sign_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_public_name_never_reveals_the_email_or_the_id():
    user = UserFactory(display_name="", email="secret@example.org")
    assert "secret" not in user.public_name
    assert not re.search(rf"(№|#)\s*{user.pk}\b", user.public_name)
