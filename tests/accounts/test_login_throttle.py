"""Wrong passwords are counted per account and address: whoever guesses from one address is
stopped there, and cannot lock the account's owner out from another address."""

import pytest
from django.test import Client

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
TOO_MANY = "Забагато неправильних паролів звідси"
A, B = "203.0.113.7", "198.51.100.9"


def _login(email, password, address, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return response, "_auth_user_id" in client.session


@pytest.fixture
def owner(db):
    return UserFactory(email="owner@example.org")


def test_guessing_from_one_address_does_not_lock_out_the_owner_elsewhere(owner):
    for _attempt in range(5):
        _response, signed_in = _login(owner.email, "wrong-password", A)
        assert not signed_in
    response, signed_in = _login(owner.email, PASSWORD, B)
    assert signed_in and response.status_code == 302


def test_the_guessing_address_is_throttled_even_with_the_right_password(owner):
    for _attempt in range(5):
        _login(owner.email, "wrong-password", A)
    response, signed_in = _login(owner.email, PASSWORD, A)
    assert not signed_in
    assert TOO_MANY in response.content.decode()
    assert "відновіть пароль" in response.content.decode()  # a way out, not only "later"


def test_one_address_trying_many_accounts_is_throttled(db):
    emails = [UserFactory().email for _ in range(11)]
    for email in emails[:10]:
        _login(email, "wrong-password", A)
    response, signed_in = _login(emails[10], PASSWORD, A)
    assert not signed_in and TOO_MANY in response.content.decode()
    assert _login(emails[10], PASSWORD, B)[1]


def test_a_generous_ceiling_per_account_stops_a_distributed_guess(owner, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    for n in range(8):
        _login(owner.email, "wrong-password", f"192.0.2.{n}")
    response, signed_in = _login(owner.email, PASSWORD, B)
    assert not signed_in and TOO_MANY in response.content.decode()


def test_successful_sign_ins_do_not_count_towards_any_limit(owner):
    for _attempt in range(12):
        assert _login(owner.email, PASSWORD, A)[1]


def test_made_up_forwarded_for_does_not_give_a_fresh_address(owner, settings):
    settings.TRUSTED_PROXY_HEADER = ""
    for n in range(5):
        _login(owner.email, "wrong-password", A, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response, signed_in = _login(owner.email, PASSWORD, A, HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert not signed_in and TOO_MANY in response.content.decode()


def test_behind_a_trusted_proxy_the_real_client_address_counts(owner, settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    for _attempt in range(5):
        _login(owner.email, "wrong-password", "10.0.0.1", HTTP_X_REAL_IP=A)
    assert _login(owner.email, PASSWORD, "10.0.0.1", HTTP_X_REAL_IP=B)[1]
    assert not _login(owner.email, PASSWORD, "10.0.0.1", HTTP_X_REAL_IP=A)[1]


def test_a_browser_the_owner_signed_in_from_before_is_not_locked_out_by_the_ceiling(
    owner, settings
):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    owners_phone = Client(REMOTE_ADDR=B)
    owners_phone.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    assert "_auth_user_id" in owners_phone.session
    owners_phone.post("/accounts/logout/")  # signing out keeps the browser's mark
    for n in range(8):  # guesses from many addresses reach the account's ceiling
        _login(owner.email, "wrong-password", f"192.0.2.{n}")
    assert not _login(owner.email, PASSWORD, "198.51.100.77")[1]  # an unknown browser: stopped
    owners_phone.defaults["REMOTE_ADDR"] = "198.51.100.78"  # the owner's phone, a new network
    owners_phone.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    assert "_auth_user_id" in owners_phone.session


def test_a_known_browser_mark_cannot_be_forged(owner, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "8/h/key",
    }
    for n in range(8):
        _login(owner.email, "wrong-password", f"192.0.2.{n}")
    forger = Client(REMOTE_ADDR="198.51.100.79")
    forger.cookies["oh_known"] = "anything"
    forger.post("/accounts/login/", {"login": owner.email, "password": PASSWORD})
    assert "_auth_user_id" not in forger.session
