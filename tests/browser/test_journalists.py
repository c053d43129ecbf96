"""A journalist's path in the browser (issue 14): on /plans/ she filters by an oblast, follows a
plan's overdue count to its overdue milestones, and downloads those rows as CSV with the oblast
and hromada named — axe clean and no sideways scrolling at 390 and 1280 px."""

import csv
import io
import re

from playwright.sync_api import expect

WIDTHS = (390, 1280)


def _fits_and_accessible(page, assert_accessible):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"
        assert_accessible(page)


def test_journalist_lists_and_downloads_the_overdue_milestones_of_an_oblast(
    page, assert_accessible
):
    page.goto("/plans/?sort=overdue")
    expect(page.get_by_role("heading", level=1)).to_have_text("Плани дій усіх громад")
    first = page.get_by_role("row").nth(1)  # the most overdue plan
    oblast = first.get_by_role("cell").nth(0).inner_text().strip()
    hromada = first.get_by_role("rowheader").get_by_role("link").inner_text().strip()
    page.get_by_label("Область").select_option(label=oblast)
    page.get_by_role("button", name="Показати").click()
    expect(page).to_have_url(re.compile(r"oblast="))
    download = re.compile(r"^Завантажити .*ряд.* \(CSV\)$")
    expect(page.get_by_role("link", name=download)).to_be_visible()
    _fits_and_accessible(page, assert_accessible)

    count = page.get_by_role("link", name=re.compile("Прострочені етапи цього плану")).first
    overdue = int(re.search(r"\d+", count.inner_text()).group())
    count.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Етапи всіх планів дій")
    expect(page.get_by_label("Прострочені чи вчасні")).to_have_value("true")
    expect(page.get_by_role("status").filter(has_text="етап")).to_contain_text(str(overdue))
    _fits_and_accessible(page, assert_accessible)

    download_link = page.get_by_role("link", name=re.compile(r"^Завантажити .* \(CSV\)$"))
    expect(download_link).to_contain_text(str(overdue))
    with page.expect_download() as event:
        download_link.click()
    path = event.value.path()
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert len(rows) == overdue
    assert {r["oblast_name_uk"] for r in rows} == {oblast}
    assert {r["hromada_name_uk"] for r in rows} == {hromada}
    assert all(r["is_overdue"] == "true" and r["plan_title"] for r in rows)
