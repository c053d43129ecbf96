"""The directory's «Download these N rows (CSV)» (issue 14): the hromadas dataset's CSV holding
exactly the hromadas the directory shows for the same filters, name search included."""

import csv
import io
import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def _link(body: str) -> tuple[str, str]:
    match = re.search(r'<a href="([^"]+)" download>([^<]*)</a>', body)
    assert match, "no download link"
    return unescape(match.group(1)), match.group(2)


def _every_listed_code(client, params) -> list[str]:
    codes, page = [], 1
    while True:
        response = client.get("/hromady/", {**params, "page": page})
        codes += [r.url.rstrip("/").rsplit("/", 1)[-1] for r in response.context["rows"]]
        if not response.context["page"].has_next():
            return codes
        page += 1


@pytest.mark.parametrize(
    "params",
    [
        {"oblast": "vinnytsia-oblast", "kind": "rural"},
        {"q": "ська", "occupied": "hide", "member": "no", "oblast": "khmelnytskyi-oblast"},
    ],
)
def test_the_download_holds_the_hromadas_the_directory_lists(client, params):
    response = client.get("/hromady/", params)
    count = response.context["page"].paginator.count
    url, text = _link(response.content.decode())
    assert url.startswith("/hromady/rows.csv?")
    assert re.search(rf"Завантажити (ці )?{count} ряд", text)
    download = client.get(url)
    assert download.streaming and download["Content-Type"].startswith("text/csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == count
    assert sorted(r["slug"] for r in rows) == sorted(_every_listed_code(client, params))


def test_the_link_needs_no_extra_query(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        body = client.get("/hromady/", {"oblast": "vinnytsia-oblast"}).content.decode()
    assert "/hromady/rows.csv?oblast=vinnytsia-oblast" in body
