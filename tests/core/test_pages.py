"""Home page, languages, error pages."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_home_in_ukrainian_by_default_with_link_to_english(client):
    page = client.get("/").content.decode()
    assert '<html lang="uk"' in page
    assert "Відкрита громада" in page
    assert 'href="/en/"' in page and 'hreflang="en"' in page


def test_home_in_english(client):
    page = client.get("/en/").content.decode()
    assert '<html lang="en"' in page
    assert "Open Hromada" in page
    assert "1,772" in page  # hromadas in the codifier
    assert 'href="/" hreflang="uk"' in page


def test_language_switch_keeps_the_page_and_query(client):
    page = client.get("/hromady/", {"kind": "rural"}).content.decode()
    assert 'href="/en/hromady/?kind=rural"' in page


def test_home_shows_members(client):
    from openhromada.places.models import Hromada

    Hromada.objects.filter(slug="khmelnytska").update(
        ogp_member_since="2020-12-01", membership_origin="demo"
    )
    page = client.get("/").content.decode()
    assert "/hromady/khmelnytska/" in page and "демонстраційні дані" in page


def test_unknown_address_is_a_translated_404(client):
    assert "Сторінку не знайдено" in client.get("/no/such/page/").content.decode()
    assert "Page not found" in client.get("/en/no/such/page/").content.decode()


def test_server_error_page_is_bilingual_and_needs_no_database(rf):
    from openhromada.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    body = response.content.decode()
    assert "Помилка сервера" in body and "Server error" in body


@override_settings(BENCH_FLOOR_ENABLED=False)
def test_bench_floor_is_off_unless_enabled(client):
    assert client.get("/_bench/floor/").status_code == 404


@override_settings(BENCH_FLOOR_ENABLED=True)
def test_bench_floor_returns_the_asked_size(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/_bench/floor/", {"bytes": 1000})
    assert len(response.content) > 1000


def test_anonymous_pages_support_conditional_get(client):
    first = client.get("/hromady/khmelnytska/")
    assert first.has_header("ETag")
    second = client.get("/hromady/khmelnytska/", headers={"if-none-match": first["ETag"]})
    assert second.status_code == 304
