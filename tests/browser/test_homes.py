"""Each role's home in the browser: the demo official, the council's secretary and a resident
sign in, land on «Мій кабінет», see what waits for them and follow a link to where it is done —
axe clean and no sideways scrolling on a phone (390 px) and a desktop (1280 px)."""

import re

from playwright.sync_api import expect

from tests.browser.test_plans import _sign_in

WIDTHS = (390, 1280)


def _fits(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"


def _check_home(page, assert_accessible):
    expect(page).to_have_url(re.compile(r"/my/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Мій кабінет")
    for width in WIDTHS:
        _fits(page, width)
        assert_accessible(page)


def test_official_lands_on_their_home_and_goes_to_report_an_overdue_milestone(
    page, assert_accessible
):
    _sign_in(page, "official@demo.openhromada.org")
    _check_home(page, assert_accessible)
    overdue = page.get_by_role("region", name=re.compile("^Прострочені етапи"))
    expect(overdue.get_by_role("listitem").first).to_be_visible()
    expect(overdue.get_by_text("Нічого не прострочено.")).to_have_count(0)
    expect(page.get_by_role("region", name=re.compile("^Пропозиції, що чекають"))).to_be_visible()
    overdue.get_by_role("link", name="Звітувати про виконання").first.click()
    expect(page.get_by_label("Що зроблено")).to_be_visible()
    assert_accessible(page)


def test_secretary_sees_meetings_without_minutes_and_opens_the_minutes_form(
    page, assert_accessible
):
    _sign_in(page, "council@demo.openhromada.org")
    _check_home(page, assert_accessible)
    expect(page.get_by_role("heading", name=re.compile("^Прострочені етапи"))).to_have_count(0)
    minutes = page.get_by_role("region", name=re.compile("^Минулі засідання без оприлюдненого"))
    expect(minutes.get_by_text(re.compile("протокол мали оприлюднити до"))).to_be_visible()
    agenda = page.get_by_role("region", name=re.compile("^Засідання без оприлюдненого порядку"))
    expect(agenda.get_by_role("listitem").first).to_be_visible()
    minutes.get_by_role("link", name="Оприлюднити протокол").first.click()
    expect(page.get_by_label("Протокол", exact=True)).to_be_visible()
    assert_accessible(page)


def test_resident_sees_what_they_support_and_follow_and_opens_the_proposal(page, assert_accessible):
    _sign_in(page, "resident@demo.openhromada.org")
    _check_home(page, assert_accessible)
    expect(page.get_by_role("heading", name=re.compile("^Прострочені етапи"))).to_have_count(0)
    expect(page.get_by_role("heading", name="Модерація")).to_have_count(0)
    supported = page.get_by_role("region", name=re.compile("^Пропозиції, які я підтримую"))
    link = supported.get_by_role("link").first
    title = link.inner_text()
    comments = page.get_by_role("region", name=re.compile("^Мої коментарі"))
    expect(comments.get_by_role("listitem").first).to_be_visible()
    following = page.get_by_role("region", name=re.compile("^За чим я стежу"))
    expect(following.get_by_role("listitem").first).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title.split(". ", 1)[1])
    assert_accessible(page)
    page.goto("/en/my/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My page")
    assert_accessible(page)
