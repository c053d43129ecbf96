"""Every e-mail the platform sends, in Ukrainian and in English, reads as written for a person:
the platform's name (never the host's) in the subject, the greeting and the signature, sentence
case, and the reader's language throughout (issue 14 item 7: allauth's own said «Будь Ласка,
Підтвердіть Вашу Адресу…» and «Привіт від 127.0.0.1:8611!»)."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import context
from django.core import mail
from django.template.loader import get_template

from openhromada.accounts.models import User
from openhromada.notifications.models import Notification
from openhromada.notifications.services import email_notifications
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Sonyashnyk-na-Podilli-77"
NEWER = "Kashtany-nad-Bugom-2026"
HOSTS = ("127.0.0.1", "localhost", "testserver", "example.com")
PLATFORM = {"uk": "Відкрита громада", "en": "Open Hromada"}
GREETING = {"uk": "Доброго дня!", "en": "Hello,"}
URL = re.compile(r"https?://\S+")
# two capitalised words in a row, as in «Будь Ласка, Підтвердіть Вашу Адресу»
TITLE_CASE = {
    "uk": re.compile(r"[А-ЯҐЄІЇ][а-яґєії’'-]+[ ,]+[А-ЯҐЄІЇ][а-яґєії’'-]+"),
    "en": re.compile(r"\b[A-Z][a-z]+[ ,]+[A-Z][a-z]+"),
}
ALLAUTH_MAILS = Path(allauth.__file__).parent / "templates" / "account" / "email"
OURS = Path(__file__).resolve().parents[2] / "src/openhromada/accounts/templates"


def prefix(language: str) -> str:
    return "/en" if language == "en" else ""


def check(message, language: str) -> None:
    """What a reader of `message` must (and must not) see."""
    subject, body = message.subject, message.body
    text = URL.sub("", f"{subject}\n{body}")  # links carry a host; the words must not
    for host in HOSTS:
        assert host not in text, (host, subject, body)
    assert subject.startswith(f"[{PLATFORM[language]}] "), subject
    lines = [line for line in body.strip().splitlines() if line.strip()]
    assert lines[0] == GREETING[language], body
    assert lines[-1] == PLATFORM[language], body  # the signature
    words = text.replace(PLATFORM[language], "")
    assert not TITLE_CASE[language].search(words), (TITLE_CASE[language].search(words), body)
    if language == "uk":
        assert not re.search(r"\b(the|your|Hello|please)\b", text, re.IGNORECASE), body
        for wrong in ("адресоюелектронної", "Тоді будь ласка", "не може складається"):
            assert wrong not in text
    else:
        assert not re.search("[А-Яа-яІіЇїЄєҐґ]", text), body


def user(language: str, email: str, **extra) -> User:
    return UserFactory(email=email, preferred_language=language, **extra)


def signed_in(client, language: str, email: str) -> User:
    account = user(language, email)
    client.force_login(account)
    return account


def only(to: str):
    (message,) = [m for m in mail.outbox if m.to == [to]]
    return message


@pytest.fixture
def client(client):
    """A reader's browser from a documentation address (127.0.0.1 would read as a host)."""
    client.defaults.update(REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox/140.0")
    return client


@pytest.fixture(params=["uk", "en"])
def language(request):
    return request.param


def test_every_allauth_mail_is_ours():
    """allauth's own templates name the site by its host and carry its catalogue's Title Case:
    each of them (present and future) is overridden by one of ours."""
    names = sorted(p.name for p in ALLAUTH_MAILS.glob("*.txt"))
    assert len(names) >= 26
    for name in names:
        origin = get_template(f"account/email/{name}").origin.name
        assert origin.startswith(str(OURS)), origin


def test_sign_up_confirmation(client, language):
    client.post(
        f"{prefix(language)}/accounts/signup/",
        {
            "display_name": "Олена К.",
            "email": "olena@mail.test",
            "password1": STRONG,
            "password2": STRONG,
        },
    )
    message = only("olena@mail.test")
    check(message, language)
    assert "/accounts/confirm-email/" in message.body


def test_sign_up_with_a_known_address(client, language):
    user(language, "known@mail.test")
    client.post(
        "/accounts/signup/",
        {
            "display_name": "Хтось",
            "email": "known@mail.test",
            "password1": STRONG,
            "password2": STRONG,
        },
    )
    message = only("known@mail.test")
    check(message, language)
    assert "/accounts/password/reset/" in message.body


def test_password_reset_for_a_known_and_an_unknown_address(client, language):
    user(language, "known@mail.test")
    client.post(f"{prefix(language)}/accounts/password/reset/", {"email": "known@mail.test"})
    client.post(f"{prefix(language)}/accounts/password/reset/", {"email": "nobody@mail.test"})
    known, unknown = only("known@mail.test"), only("nobody@mail.test")
    check(known, language)
    check(unknown, language)
    assert "/accounts/password/reset/key/" in known.body
    assert "/accounts/signup/" in unknown.body


def test_password_reset_by_link_tells_the_owner(client, language):
    user(language, "known@mail.test")
    client.post(f"{prefix(language)}/accounts/password/reset/", {"email": "known@mail.test"})
    link = re.search(r"https?://[^/\s]+(/\S+/key/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"password1": NEWER, "password2": NEWER})
    assert len(mail.outbox) == 2, [m.subject for m in mail.outbox]
    check(mail.outbox[1], language)
    assert User.objects.get(email="known@mail.test").check_password(NEWER)


def test_a_change_from_a_browser_that_names_none_says_so_in_the_reader_s_language(client, language):
    signed_in(client, language, "owner@mail.test")
    del client.defaults["HTTP_USER_AGENT"]
    client.post(
        f"{prefix(language)}/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEWER, "password2": NEWER},
    )
    message = only("owner@mail.test")
    check(message, language)
    assert {"uk": "Браузер: не вказано", "en": "Browser: not given"}[language] in message.body


def test_password_change_and_set_tell_the_owner(client, language):
    signed_in(client, language, "owner@mail.test")
    client.post(
        f"{prefix(language)}/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEWER, "password2": NEWER},
    )
    check(only("owner@mail.test"), language)

    mail.outbox.clear()
    account = signed_in(client, language, "new@mail.test")
    account.set_unusable_password()
    account.save()
    client.force_login(account)
    client.post(
        f"{prefix(language)}/accounts/password/set/", {"password1": NEWER, "password2": NEWER}
    )
    check(only("new@mail.test"), language)


def test_adding_changing_and_removing_addresses(client, language):

    signed_in(client, language, "first@mail.test")  # confirmed and primary (the factory)
    page = f"{prefix(language)}/accounts/email/"
    client.post(page, {"action_add": "", "email": "second@mail.test"})
    check(only("second@mail.test"), language)  # confirm the new address

    mail.outbox.clear()
    EmailAddress.objects.filter(email="second@mail.test").update(verified=True)
    client.post(page, {"action_primary": "", "email": "second@mail.test"})
    changed = only("first@mail.test")  # the old address is told
    check(changed, language)
    assert "second@mail.test" in changed.body

    mail.outbox.clear()
    client.post(page, {"action_remove": "", "email": "first@mail.test"})
    check(only("second@mail.test"), language)


def test_mails_no_flow_sends_yet_are_written_alike(rf, language):
    """Sign-in and reset codes and the "address confirmed" notice: allauth sends them only when
    features we leave off are on, so they are rendered here as allauth would render them."""

    request = rf.get("/")
    request.user = user(language, "coded@mail.test")
    with context.request_context(request):
        adapter = get_adapter(request)
        for prefix_, extra in (
            ("login_code", {"code": "ABC123"}),
            ("password_reset_code", {"code": "ABC123"}),
            ("email_confirm", {"ip": "192.0.2.1", "user_agent": "Firefox", "timestamp": None}),
        ):
            mail.outbox.clear()
            adapter.send_mail(f"account/email/{prefix_}", "coded@mail.test", extra)
            check(only("coded@mail.test"), language)


def test_notification_mails(language):
    reader = user(language, "reader@mail.test")
    note = Notification.objects.create(
        user=reader,
        title="Звіт про виконання: 1.2 портал відкритих даних",
        body="Новий статус: виконано, 100%.",
        url="/hromady/khmelnytska/plans/2025-2026/1/",
    )
    if language == "en":  # the record's own text is in the language it was written in
        note.title, note.body = "Progress reported: 1.2 open data portal", "Status: done, 100%."
        note.save()
    assert email_notifications([note]) == 1
    message = only("reader@mail.test")
    check(message, language)
    assert note.title in message.subject
    assert "/accounts/notifications/" in message.body  # where to manage them
