"""The account pages read as an editor would write them, in Ukrainian and in English: titles and
headings in sentence case («Вхід», «Реєстрація», not "Signup", «Змінити Пароль»), none of
allauth's Ukrainian slips (issue 14 item 7)."""

import html
import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = [
    "login/",
    "signup/",
    "password/reset/",
    "password/reset/done/",
    "confirm-email/",
    "inactive/",
    "password/reset/key/1-set-password/",  # a broken link
    "password/reset/key/done/",
]
SIGNED_IN = ["email/", "password/change/", "logout/", "reauthenticate/"]
TITLE_CASE = {
    "uk": re.compile(r"[А-ЯҐЄІЇ][а-яґєії’'-]+[ ,]+[А-ЯҐЄІЇ][а-яґєії’'-]+"),
    "en": re.compile(r"\b[A-Z][a-z]+[ ,]+[A-Z][a-z]+"),
}
PLATFORM = ("Відкрита громада", "Open Hromada")
SLIPS = (
    "Будь Ласка",
    "адресоюелектронної",
    "Тоді будь ласка",
    "не може складається",
    "Недійсне назвище",
)


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def _read(client, language: str, path: str) -> tuple[str, str, str]:
    response = client.get(("/en" if language == "en" else "") + "/accounts/" + path)
    assert response.status_code == 200, path
    page = response.content.decode()
    title = _text(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    heading = _text(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
    main = _text(re.search(r"<main.*?</main>", page, re.S).group(0))
    return title, heading, main


@pytest.mark.parametrize("language", ["uk", "en"])
def test_account_pages_are_in_sentence_case_without_slips(client, language):
    pages = [(p, False) for p in ANONYMOUS] + [(p, True) for p in SIGNED_IN]
    for path, signed_in in pages:
        if signed_in:
            client.force_login(UserFactory(preferred_language=language))
        title, heading, main = _read(client, language, path)
        for text in (title, heading):
            for name in PLATFORM:
                text = text.replace(name, "")
            assert not TITLE_CASE[language].search(text), (path, title, heading)
        for slip in SLIPS:
            assert slip not in main, (path, slip)
        if language == "uk":  # nothing left in English on a Ukrainian page
            assert not re.search(r"\b(Sign|Email|Password|Signup|Unspecified)\b", main), main


@pytest.mark.parametrize(
    ("language", "login", "signup"),
    [("uk", "Вхід", "Реєстрація"), ("en", "Sign in to your account", "Create an account")],
)
def test_sign_in_and_sign_up_are_named_by_nouns(client, language, login, signup):
    for path, name in (("login/", login), ("signup/", signup)):
        title, heading, _main = _read(client, language, path)
        assert heading == name and title.startswith(f"{name} ·"), (title, heading)


def test_a_password_of_digits_is_refused_in_good_ukrainian(client):
    page = client.post(
        "/accounts/signup/",
        {
            "display_name": "Олена К.",
            "email": "digits@mail.test",
            "password1": "4815162342108",
            "password2": "4815162342108",
        },
    ).content.decode()
    assert "Пароль складається лише з цифр." in page
