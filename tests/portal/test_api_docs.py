"""The API's documentation is a page of the site: its frame, both languages, no script needed."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_docs_are_a_site_page_in_ukrainian(client):
    response = client.get("/api/v1/docs")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="uk"' in page
    assert '<header class="site-header">' in page and 'href="/"' in page  # a way back
    assert "<h1>Документація API</h1>" in page
    assert "Loading" not in page and "swagger-ui" not in page  # read at once, no script
    # every operation of the committed document is listed, its English text marked as such
    assert 'id="report_milestone_progress"' in page and page.count('class="api-op"') > 20
    assert '<span lang="en">' in page
    assert 'href="/en/api/v1/docs"' in page  # the other language


def test_api_docs_in_english(client):
    page = client.get("/en/api/v1/docs").content.decode()
    assert '<html lang="en"' in page
    assert "<h1>API documentation</h1>" in page
    assert '<span lang="en">' not in page


def test_the_interactive_console_stays_available_and_links_back(client):
    response = client.get("/api/v1/docs/interactive")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page and "swagger-ui" in page
    assert 'href="/en/api/v1/docs"' in page and 'href="/api/v1/docs"' in page


def test_unknown_api_addresses_still_answer_problem_details(client):
    response = client.get("/api/v1/docsx")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_favicon_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_every_page_links_the_svg_logo_and_icon(client):
    page = client.get("/").content.decode()
    assert 'class="logo" src="/static/core/logo.svg" alt=""' in page
    assert 'rel="icon" href="/static/core/logo.svg" type="image/svg+xml"' in page
