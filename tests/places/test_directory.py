"""The directory of hromadas: filters, search in both languages, bad input, constant queries."""

import re

import pytest
from django.urls import reverse

from openhromada.places.models import Hromada

pytestmark = pytest.mark.django_db
URL = "/hromady/"


def names(response):
    return [h["name_uk"] for h in response.context["page"].object_list]


def test_directory_lists_all_hromadas_paginated(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1774
    assert len(response.context["page"].object_list) == 50
    assert re.search(r"Знайдено 1\D?774 громади", response.content.decode())


def test_directory_sorts_in_ukrainian_alphabet_order(client):
    response = client.get(URL, {"oblast": "volyn-oblast"})
    listed = names(response)
    from openhromada.core.text import collation_key

    assert listed == sorted(listed, key=collation_key)


def test_filter_by_oblast_and_kind(client):
    response = client.get(URL, {"oblast": "khmelnytskyi-oblast", "kind": "urban"})
    page = response.context["page"]
    assert (
        page.paginator.count
        == Hromada.objects.filter(oblast__slug="khmelnytskyi-oblast", kind="urban").count()
    )
    assert "Хмельницька" in names(response)
    assert all(h["kind"] == "urban" for h in page.object_list)


def test_filter_by_membership(client):
    Hromada.objects.filter(slug="khmelnytska").update(ogp_member_since="2020-12-01")
    response = client.get(URL, {"member": "yes"})
    assert names(response) == ["Хмельницька"]
    assert response.context["page"].paginator.count == 1
    assert client.get(URL, {"member": "no"}).context["page"].paginator.count == 1773


@pytest.mark.parametrize(
    "q", ["хмельницька", "ХМЕЛЬНИЦЬКА", "Khmelnytska", "khmelnytsk", "Хмельницький"]
)
def test_search_by_name_in_either_language_and_any_case(client, q):
    assert "Хмельницька" in names(client.get(URL, {"q": q}))


def test_search_by_codifier_code(client):
    assert names(client.get(URL, {"q": "UA68040470000053519"})) == ["Хмельницька"]


def test_english_directory_sorts_and_shows_english_names(client):
    response = client.get("/en" + URL, {"q": "khmelnytska"})
    assert "Khmelnytska" in response.content.decode()
    assert "Хмельницька" not in response.content.decode().split("<main")[1]


def test_hide_occupied(client):
    response = client.get(URL, {"occupied": "hide"})
    assert response.context["page"].paginator.count == 1774 - 303 - 1  # Crimea and Sevastopol


@pytest.mark.parametrize(
    "params",
    [
        {"oblast": "atlantis"},
        {"kind": "metropolis"},
        {"member": "maybe"},
        {"page": "abc"},
        {"page": "99999"},
        {"page": "-1"},
        {"q": "x" * 5000},
        {"q": "%_\\'\";--"},
        {"oblast": ["a", "b"]},
    ],
)
def test_bad_filter_values_never_break_the_page(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200


def test_unknown_filter_values_are_explained_in_the_users_language(client):
    body = client.get(URL, {"oblast": "atlantis", "kind": "metropolis"}).content.decode()
    assert "Невідома область «atlantis»" in body
    assert "Невідомий тип «metropolis»" in body
    body = client.get("/en" + URL, {"oblast": "atlantis"}).content.decode()
    assert "Unknown oblast “atlantis”" in body


def test_over_long_search_is_cut_with_a_message(client):
    response = client.get(URL, {"q": "Хмельницька" + " " * 95 + "zzzz"})
    assert response.context["query"].q.startswith("Хмельницька")
    assert len(response.context["query"].q) <= 100
    assert "100" in response.content.decode()


def test_malformed_query_string_renders(client):
    response = client.get(URL + "?%zz=%%&oblast&&kind=%ff")
    assert response.status_code == 200


def test_directory_query_count_is_constant(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(URL)
    with django_assert_max_num_queries(4):
        client.get(URL, {"oblast": "vinnytsia-oblast", "kind": "rural", "q": "ська", "page": 2})


def test_directory_is_cacheable_for_anonymous_readers(client):
    response = client.get(URL)
    assert "public" in response["Cache-Control"]


def test_reverse_url():
    assert reverse("places:directory") == URL


def test_names_are_escaped_in_the_directory(client):
    Hromada.objects.filter(slug="lutska").update(
        name_uk="<script>alert(1)</script>Луцька", search_text="луцька"
    )
    body = client.get(URL, {"q": "луцька"}).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Луцька" in body


def test_badges_in_the_directory(client):
    Hromada.objects.filter(slug="khmelnytska").update(
        ogp_member_since="2020-12-01", membership_origin="demo"
    )
    body = client.get(URL, {"q": "Хмельницька"}).content.decode()
    assert "Учасник OGP Local" in body and "демонстраційні дані" in body
    body = client.get(URL, {"oblast": "autonomous-republic-of-crimea"}).content.decode()
    assert "тимчасово окупована територія" in body
