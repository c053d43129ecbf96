"""Nobody learns from sign-up or password reset whether an address has an account: both answer
the same for a known and an unknown address; the e-mail tells the address's owner."""

import re

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import Client

from openhromada.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
STRONG = "Sonyashnyk-na-Podilli-77"
KNOWN, UNKNOWN = "olena@example.org", "nobody@example.org"


def _visible(response) -> dict:
    """What a visitor can observe: status, redirect, cookies set and the page they land on (the
    per-request CSRF token aside)."""
    chain = [(url, status) for url, status in response.redirect_chain]
    page = re.sub(r'value="[A-Za-z0-9]{64}"', 'value="csrf"', response.content.decode())
    return {
        "status": response.status_code,
        "redirects": chain,
        "cookies": sorted(response.client.cookies),
        "page": page,
    }


def _signup(email):
    client = Client()
    data = {"display_name": "Олена К.", "email": email, "password1": STRONG, "password2": STRONG}
    return client.post("/accounts/signup/", data, follow=True)


def _reset(email):
    client = Client()
    return client.post("/accounts/password/reset/", {"email": email}, follow=True)


@pytest.fixture
def owner(db):
    return UserFactory(email=KNOWN)


def test_signup_answers_the_same_for_a_known_and_an_unknown_address(owner):
    known, unknown = _visible(_signup(KNOWN)), _visible(_signup(UNKNOWN))
    assert known["page"].replace(KNOWN, UNKNOWN) == unknown["page"]
    assert {**known, "page": ""} == {**unknown, "page": ""}
    assert known["redirects"] == [("/accounts/confirm-email/", 302)]
    assert User.objects.filter(email=KNOWN).count() == 1


class CountingHasher(MD5PasswordHasher):
    """Counts password hashes: the slow step whose absence would time a known address."""

    algorithm = "counting_md5"
    hashed = 0

    def encode(self, password, salt):
        CountingHasher.hashed += 1
        return super().encode(password, salt)


def test_signup_hashes_a_password_whether_or_not_the_address_is_known(owner, settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_enumeration.CountingHasher"]
    counts = []
    for email in (KNOWN, UNKNOWN):
        CountingHasher.hashed = 0
        _signup(email)
        counts.append(CountingHasher.hashed)
    assert counts[0] == counts[1] >= 1


def test_the_owner_is_told_someone_tried_to_sign_up_with_their_address(owner):
    _signup(KNOWN)
    (message,) = mail.outbox
    assert message.to == [KNOWN]
    assert "/accounts/password/reset/" in message.body  # what to do if it was them
    assert not re.search(r"/accounts/confirm-email/\S+", message.body)


def test_the_owner_is_told_in_their_own_language(db):
    UserFactory(email=KNOWN, preferred_language="en")
    _signup(KNOWN)  # from a Ukrainian page
    assert "You already have an account" in mail.outbox[0].subject


def test_password_reset_answers_the_same_for_a_known_and_an_unknown_address(owner):
    known, unknown = _visible(_reset(KNOWN)), _visible(_reset(UNKNOWN))
    assert known["page"].replace(KNOWN, UNKNOWN) == unknown["page"]
    assert {**known, "page": ""} == {**unknown, "page": ""}
    assert known["redirects"] == [("/accounts/password/reset/done/", 302)]


def test_password_reset_mails_the_owner_a_link_and_an_unknown_address_a_notice(owner):
    _reset(KNOWN)
    _reset(UNKNOWN)
    to_owner, to_unknown = mail.outbox
    assert to_owner.to == [KNOWN] and "/accounts/password/reset/key/" in to_owner.body
    assert to_unknown.to == [UNKNOWN] and "/accounts/password/reset/key/" not in to_unknown.body
