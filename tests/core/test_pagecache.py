"""Anonymous readers get cached public pages; any public change shows at once; nobody signed in
ever gets a cached page."""

import pytest

from openhromada.places.models import Hromada
from openhromada.places.services import hromada_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def test_second_anonymous_read_needs_no_database(client, django_assert_num_queries):
    client.get("/hromady/khmelnytska/")
    with django_assert_num_queries(0):
        response = client.get("/hromady/khmelnytska/")
    assert response.status_code == 200
    assert "Хмельницька" in response.content.decode()


def test_a_public_change_is_visible_at_once(client, django_capture_on_commit_callbacks):
    client.get("/hromady/khmelnytska/")
    hromada = Hromada.objects.get(slug="khmelnytska")
    with django_capture_on_commit_callbacks(execute=True):
        hromada_update(actor=None, hromada=hromada, website="https://khm.gov.ua")
    assert "https://khm.gov.ua" in client.get("/hromady/khmelnytska/").content.decode()


def test_languages_and_display_preferences_are_cached_apart(client):
    assert '<html lang="uk"' in client.get("/").content.decode()
    assert '<html lang="en"' in client.get("/en/").content.decode()
    client.post("/preferences/", {"theme": "dark"})
    assert "theme-dark" in client.get("/").content.decode()


def test_signed_in_users_never_get_a_cached_page(client):
    client.get("/")
    client.force_login(UserFactory(display_name="Марія"))
    assert "Марія" in client.get("/").content.decode()


def test_not_found_is_not_cached(client):
    assert client.get("/hromady/nowhere/").status_code == 404
    assert client.get("/hromady/nowhere/").status_code == 404
