"""Search boxes and filters in addresses: control characters in a query string are cleaned like
any other people's text, never a server error (PostgreSQL refuses NUL in a query: issue 12)."""

import pytest

from tests.factories.hostile import CONTROLS, NUL

pytestmark = pytest.mark.django_db
QUERIES = [
    ("/hromady/", {"q": "Хмельн", "oblast": "x", "kind": "x"}),
    ("/plans/", {"oblast": "x", "status": "x"}),
    ("/hromady/khmelnytska/plans/2025-2026/", {"lead_body": "Упр", "value": "x"}),
    ("/hromady/khmelnytska/council/decisions/", {"q": "Обрати", "topic": "x", "from": "x"}),
    ("/moderation/", {"hromada": "khmelnytska"}),
    ("/calls/{call}/", {"q": "Лавки", "category": "1", "sort": "x"}),
]


@pytest.mark.parametrize("url,params", QUERIES)
def test_control_characters_in_a_query_are_no_server_error(client, call, council, url, params):
    url = url.format(call=call.pk)
    assert client.get(url, params).status_code == 200
    for value in (NUL, CONTROLS):
        response = client.get(url, {k: v + value for k, v in params.items()})
        assert response.status_code < 500
