"""The sitemap lists the pages people start from — home, the directory, the plans overview, the
take-part page and the open-data pages — in both languages, without a query per page."""

import pytest

from openhromada.opendata.bulk import datasets

pytestmark = pytest.mark.django_db
SITE = "http://testserver"  # sitemaps name the host they were asked on


def test_sitemap_lists_the_main_pages_in_both_languages(client, django_assert_max_num_queries):
    assert "sitemap-pages.xml" in client.get("/sitemap.xml").content.decode()
    with django_assert_max_num_queries(3):
        body = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/", "/hromady/", "/plans/", "/participation/", "/data/"):
        assert f"<loc>{SITE}{path}</loc>" in body, path
        assert f"<loc>{SITE}/en{path}</loc>" in body, path
    for dataset in datasets():
        assert f"<loc>{SITE}/data/{dataset.key}/</loc>" in body
    assert 'hreflang="x-default"' in body
