"""Bulk downloads: CSV and JSON Lines per dataset, the ZIP of everything, the pre-built file."""

import csv
import io
import json
import os
import re
import time
import zipfile

import pytest

from openhromada.opendata import dumps
from openhromada.opendata.bulk import datasets
from tests.plans.fixtures import report

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _licensed(response):
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    assert response["X-Licence"] == "CC BY 4.0"
    assert response["X-Generated-At"][:4].isdigit()
    assert "attachment" in response["Content-Disposition"]


def test_every_dataset_downloads_as_csv_with_its_documented_header(client, public_plan):
    for dataset in datasets():
        response = client.get(f"/data/{dataset.key}.csv")
        assert response.status_code == 200 and response.streaming
        _licensed(response)
        body = _body(response)
        assert not body.startswith(b"\xef\xbb\xbf")  # no BOM
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows[0] == [c.name for c in dataset.columns]


def test_csv_lines_end_with_crlf_as_rfc_4180_says(client, public_plan, official):
    milestone = public_plan.commitments.first().milestones.first()
    report(official, milestone, text="Рядок 1\nРядок 2")
    hromadas = _body(client.get("/data/hromadas.csv"))
    assert hromadas.count(b"\r\n") == 1 + 1774 and not re.search(rb"(?<!\r)\n", hromadas)
    body = _body(client.get("/data/progress-updates.csv"))
    assert body.endswith(b"\r\n") and body.count(b"\r\n") == 1 + 2
    assert len(re.findall(rb"(?<!\r)\n", body)) == 1  # only the line break inside a value
    rows = list(csv.DictReader(io.StringIO(body.decode(), newline="")))
    assert "Рядок 1\nРядок 2" in {r["text"] for r in rows}


def test_csv_rows_hold_the_public_values(client, public_plan):
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/data/milestones.csv")).decode())))
    assert sorted(r["expected_output"] for r in rows) == [
        "Навчання",
        "Положення про бюджет участі",
        "Портал відкритих даних",
    ]
    hromadas = _body(client.get("/data/hromadas.csv")).decode().splitlines()
    assert len(hromadas) == 1 + 1774


def test_jsonl_has_one_object_per_line(client, public_plan):
    response = client.get("/data/progress-updates.jsonl")
    assert response["Content-Type"].startswith("application/jsonl")
    lines = _body(response).decode().splitlines()
    assert [json.loads(line)["text"] for line in lines] == ["Портал запущено"]


def test_unknown_dataset_or_format_is_404(client):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/plans.xml").status_code == 404


def test_drafts_and_emails_are_in_no_download(client, public_plan, draft_plan):
    for dataset in datasets():
        for fmt in ("csv", "jsonl"):
            body = _body(client.get(f"/data/{dataset.key}.{fmt}")).decode()
            assert "ТАЄМНИЦЯ" not in body and "@example.org" not in body, dataset.key


def test_zip_holds_everything_with_a_data_dictionary(client, public_plan, settings, tmp_path):
    settings.OPENDATA_DUMP_DIR = tmp_path  # no pre-built file: streamed live
    response = client.get("/data/openhromada.zip")
    assert response.streaming
    _licensed(response)
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    names = set(archive.namelist())
    for dataset in datasets():
        assert {f"{dataset.key}.csv", f"{dataset.key}.jsonl"} <= names
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["created"]  # SPDX
    plans = next(r for r in package["resources"] if r["name"] == "plans")
    assert {"name": "title", "type": "string", "description": "Title of the plan."} in plans[
        "schema"
    ]["fields"]
    assert "CC BY 4.0" in archive.read("README.txt").decode()
    assert b"\xd0\x9f\xd0\xbb\xd0\xb0\xd0\xbd" in archive.read("plans.csv")  # "План"


def test_prebuilt_zip_is_served_as_a_file_while_fresh(client, public_plan, settings, tmp_path):
    settings.OPENDATA_DUMP_DIR = tmp_path
    path = dumps.build_dump()
    assert zipfile.ZipFile(path).namelist()
    response = client.get("/data/openhromada.zip")
    assert response.status_code == 200 and response["Last-Modified"]
    assert response.getvalue() == path.read_bytes()
    stale = time.time() - settings.OPENDATA_DUMP_MAX_AGE - 10
    os.utime(path, (stale, stale))
    assert dumps.fresh_dump() is None  # too old: streamed live, and a rebuild is queued (ran now)
    assert time.time() - path.stat().st_mtime < 60


def test_build_dumps_command(tmp_path, settings, public_plan):
    from django.core.management import call_command

    settings.OPENDATA_DUMP_DIR = tmp_path
    out = io.StringIO()
    call_command("build_dumps", stdout=out)
    assert "MiB" in out.getvalue() and (tmp_path / dumps.ZIP_NAME).exists()
