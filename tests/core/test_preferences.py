"""Accessibility controls work without JavaScript and persist (cookie or profile)."""

import pytest

from openhromada.core.preferences import COOKIE_NAME, from_cookie
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_enlarges_text_and_it_persists_in_a_cookie(client):
    response = client.post("/preferences/", {"text": "larger", "next": "/hromady/"})
    assert response.status_code == 302 and response.url == "/hromady/#a11y"
    assert client.cookies[COOKIE_NAME].value == "large.default"
    page = client.get("/hromady/").content.decode()
    assert 'class="text-large theme-default"' in page


def test_text_size_steps_and_stops_at_the_ends(client):
    for _ in range(5):
        client.post("/preferences/", {"text": "larger"})
    assert client.cookies[COOKIE_NAME].value.startswith("xlarge")
    for _ in range(6):
        client.post("/preferences/", {"text": "smaller"})
    assert client.cookies[COOKIE_NAME].value.startswith("small")
    client.post("/preferences/", {"text": "reset"})
    assert client.cookies[COOKIE_NAME].value.startswith("normal")


@pytest.mark.parametrize("theme", ["contrast", "dark", "sepia", "default"])
def test_colour_themes(client, theme):
    client.post("/preferences/", {"theme": theme})
    assert f"theme-{theme}" in client.get("/").content.decode()


def test_signed_in_user_preferences_go_to_the_profile(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/preferences/", {"theme": "contrast", "text": "larger"})
    user.refresh_from_db()
    assert (user.theme, user.text_size) == ("contrast", "large")
    assert COOKIE_NAME not in client.cookies


def test_signed_in_user_needs_a_csrf_token(client):
    from django.test import Client

    user = UserFactory()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post("/preferences/", {"theme": "dark"}).status_code == 403
    user.refresh_from_db()
    assert user.theme == "default"


@pytest.mark.parametrize("data", [{"theme": "neon"}, {"text": "gigantic"}, {}])
def test_unknown_values_change_nothing(client, data):
    client.post("/preferences/", data)
    assert 'class="text-normal theme-default"' in client.get("/").content.decode()


def test_tampered_cookie_falls_back_to_defaults():
    assert from_cookie("huge.<script>").to_cookie() == "normal.default"
    assert from_cookie(None).to_cookie() == "normal.default"


def test_next_cannot_redirect_to_another_site(client):
    response = client.post("/preferences/", {"text": "larger", "next": "https://evil.example/"})
    assert response.url == "/#a11y"  # this site, back at the controls


def test_preferences_need_post(client):
    assert client.get("/preferences/").status_code == 405


def test_every_page_has_skip_link_landmarks_and_controls(client):
    page = client.get("/hromady/").content.decode()
    for marker in [
        'class="skip-link" href="#main"',
        '<main id="main"',
        "<header",
        "<footer",
        'name="text" value="smaller"',
        'name="theme"',
        'media="print"',
    ]:
        assert marker in page, marker


@pytest.mark.parametrize(
    ("cookie", "shown", "smaller_disabled", "larger_disabled"),
    [
        ("small.default", "87,5", True, False),
        ("normal.default", "100", False, False),
        ("large.default", "125", False, False),
        ("xlarge.default", "150", False, True),
    ],
)
def test_text_size_control_shows_the_size_and_disables_the_end_buttons(
    client, cookie, shown, smaller_disabled, larger_disabled
):
    client.cookies[COOKIE_NAME] = cookie
    page = client.get("/hromady/").content.decode()
    assert f"Розмір тексту: {shown}\u00a0%" in page
    assert ('name="text" value="smaller" disabled' in page) is smaller_disabled
    assert ('name="text" value="larger" disabled' in page) is larger_disabled


def test_the_server_refuses_to_go_past_the_largest_and_smallest_size(client):
    client.cookies[COOKIE_NAME] = "xlarge.contrast"
    client.post("/preferences/", {"text": "larger"})
    assert client.cookies[COOKIE_NAME].value == "xlarge.contrast"
    client.cookies[COOKIE_NAME] = "small.dark"
    client.post("/preferences/", {"text": "smaller"})
    assert client.cookies[COOKIE_NAME].value == "small.dark"


def test_controls_are_folded_into_one_accessibility_disclosure(client):
    page = client.get("/hromady/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert '<details class="site-menu">' in header  # the menu button works without JavaScript
    assert '<details class="a11y-menu" id="a11y">' in header
    assert "<summary>Доступність</summary>" in header
    assert header.index("a11y-menu") < header.index('name="text"') < header.index('name="theme"')
