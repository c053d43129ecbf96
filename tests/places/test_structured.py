"""The directory describes itself to crawlers: a schema.org CollectionPage listing the hromadas
on the page, with no query more than the page needs."""

import pytest

from tests.twins import jsonld

pytestmark = pytest.mark.django_db


def test_directory_is_a_collection_page_of_hromadas(client):
    data = jsonld(client.get("/hromady/").content.decode())
    assert data["@type"] == "CollectionPage" and data["url"].endswith("/hromady/")
    listing = data["mainEntity"]
    assert listing["@type"] == "ItemList" and listing["numberOfItems"] == 1774
    items = listing["itemListElement"]
    assert [i["position"] for i in items] == list(range(1, len(items) + 1))
    assert items[0]["item"]["@type"] == "AdministrativeArea"
    assert items[0]["item"]["url"].startswith("http://127.0.0.1:8000/hromady/")


def test_second_page_lists_from_where_it_starts(client):
    items = jsonld(client.get("/hromady/?page=2").content.decode())["mainEntity"]["itemListElement"]
    assert items[0]["position"] == 51
