"""A journalist downloads open data and follows a page's machine-readable twin; an official
creates an API token and reports progress with it — axe on every new page."""

import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.test_plans import _sign_in

KHMELNYTSKA = "UA68040470000053519"


def test_journalist_downloads_exports_and_follows_alternate_links(page, assert_accessible):
    page.goto("/data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Відкриті дані")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV — Громади").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("code,slug,name_uk,name_en")
    assert len(csv_text.splitlines()) == 1 + 1774
    assert download.value.suggested_filename == "openhromada-hromadas.csv"

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Завантажити всі набори даних")).click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"datapackage.json", "plans.csv", "milestones.jsonl"} <= set(archive.namelist())
    assert "Хмельницька" in archive.read("hromadas.csv").decode()

    page.get_by_role("link", name="Етапи зобов'язань OGP Local", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Стовпці")).to_be_visible()
    assert_accessible(page)

    page.goto("/hromady/khmelnytska/")
    api_link = page.locator('link[rel="alternate"][type="application/json"]')
    record = page.goto(api_link.get_attribute("href"))
    assert record.status == 200 and record.json()["code"] == KHMELNYTSKA
    page.goto("/hromady/khmelnytska/")
    feed_link = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    feed = page.request.get(feed_link.get_attribute("href"))
    assert feed.ok and "<feed" in feed.text() and "Хмельницька" in feed.text()


def test_official_reports_progress_through_the_api_with_a_token(page, assert_accessible):
    _sign_in(page, "official@demo.openhromada.org")  # lands on «Мій кабінет»
    page.get_by_role("link", name="Профіль і налаштування").click()
    page.get_by_role("link", name="Персональні токени API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Персональні токени API")
    assert_accessible(page)
    page.get_by_label("Назва").fill("Скрипт звітування")
    page.get_by_label(re.compile("^читання і запис")).check()
    page.get_by_role("button", name="Створити токен").click()
    token = page.locator("#new-token").inner_text().strip()
    assert token.startswith("oh_")
    assert_accessible(page)

    plans = page.request.get(f"/api/v1/plans?hromada={KHMELNYTSKA}&status=implementation").json()
    plan_id = plans["items"][0]["id"]
    milestone = page.request.get(f"/api/v1/milestones?plan={plan_id}&limit=1").json()["items"][0]
    report = {"date": "2025-11-01", "text": "Звіт через API", "status": "in_progress"}
    report["percent"] = 55
    url = f"/api/v1/milestones/{milestone['id']}/progress"
    refused = page.request.post(url, data=report)  # no token: the session is not enough
    assert refused.status == 401
    created = page.request.post(url, data=report, headers={"Authorization": f"Bearer {token}"})
    assert created.status == 201, created.text()

    page.goto(urlsplit(milestone["url"]).path)
    expect(page.get_by_text("Звіт через API").first).to_be_visible()
