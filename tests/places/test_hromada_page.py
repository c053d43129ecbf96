"""A hromada's public page: facts, labels, history; unknown hromadas get a translated 404."""

import pytest

from openhromada.places.models import Hromada
from openhromada.places.services import hromada_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_hromada_page_shows_the_facts(client):
    body = client.get("/hromady/khmelnytska/").content.decode()
    for text in [
        "Хмельницька міська територіальна громада",
        "Хмельницька область",
        "UA68040470000053519",
        "Хмельницький",
        "Міська",
        "Khmelnytska",
        "Не завантажено офіційних даних",
    ]:
        assert text in body, text


def test_english_page(client):
    body = client.get("/en/hromady/khmelnytska/").content.decode()
    assert "Khmelnytska urban hromada" in body
    assert "Khmelnytskyi Oblast" in body


def test_member_page_labels_demo_membership_and_shows_history(client):
    hromada = Hromada.objects.get(slug="khmelnytska")
    editor = UserFactory(display_name="Олена")
    hromada_update(
        actor=editor,
        hromada=hromada,
        ogp_member_since="2020-12-01",
        membership_origin="demo",
        website="https://khm.gov.ua",
    )
    body = client.get("/hromady/khmelnytska/").content.decode()
    assert "Учасник OGP Local" in body
    assert "демонстраційні дані" in body
    assert "https://khm.gov.ua" in body
    assert "Олена" in body  # who changed it, in the public history
    assert "1 грудня 2020" in body


def test_occupied_hromada_is_marked(client):
    slug = Hromada.objects.filter(code__startswith="UA01").first().slug
    assert "тимчасово окупована територія" in client.get(f"/hromady/{slug}/").content.decode()


def test_full_history_page(client):
    response = client.get("/hromady/khmelnytska/history/")
    assert response.status_code == 200
    assert "Створено" in response.content.decode()


@pytest.mark.parametrize("url", ["/hromady/no-such-place/", "/hromady/no-such-place/history/"])
def test_unknown_hromada_is_a_translated_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Сторінку не знайдено" in response.content.decode()
    response = client.get("/en" + url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_hromada_page_query_count_is_constant(client, django_assert_max_num_queries):
    hromada = Hromada.objects.get(slug="khmelnytska")
    for i in range(15):
        hromada_update(actor=None, hromada=hromada, population=1000 + i)
    # + withholdings, council, calls and consultations, monitoring reports; its latest changes
    # and their count
    with django_assert_max_num_queries(9):
        client.get("/hromady/khmelnytska/")
