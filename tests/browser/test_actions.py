"""What a person came to do comes first, and what cannot be undone asks first (issue 14): a
visitor on an open call meets «Увійдіть, щоб подати» before anything else, a resident «Подати
пропозицію» and reaches the form; the council's secretary clicking «Оприлюднити порядок денний»
gets a page that says what publishing means, and nothing is public until they confirm. Axe on
every page, at 390 and 1280 px."""

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from tests.browser.test_plans import _sign_in

RESIDENT = "resident@demo.openhromada.org"
SECRETARY = "council@demo.openhromada.org"
CALL_LINK = "Ваші ідеї до плану дій Вінницької громади"
COUNCIL = "/hromady/khmelnytska/council/"
WIDTHS = ((390, 844), (1280, 900))


def _accessible_at_both_widths(page, assert_accessible):
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def _first_action(page):
    """The first button-like action of the page's main content, in reading order."""
    return page.locator("main").locator("a.button, button[type=submit]").first


def _open_call(page):
    page.goto("/hromady/vinnytska/")
    page.get_by_role("link", name=CALL_LINK).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CALL_LINK)


def test_a_visitor_and_a_resident_find_submitting_first(page, assert_accessible):
    _open_call(page)
    expect(_first_action(page)).to_have_text("Увійдіть, щоб подати")
    expect(page.get_by_role("link", name="Подати пропозицію")).to_have_count(0)
    _accessible_at_both_widths(page, assert_accessible)
    page.get_by_role("link", name="Увійдіть, щоб подати").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/calls/\d+/$"))

    _sign_in(page, RESIDENT)
    _open_call(page)
    expect(_first_action(page)).to_have_text("Подати пропозицію")
    expect(page.get_by_text("Увійдіть, щоб подати")).to_have_count(0)
    _accessible_at_both_widths(page, assert_accessible)
    _first_action(page).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Подати пропозицію")
    expect(page.get_by_label("Назва")).to_be_visible()
    _accessible_at_both_widths(page, assert_accessible)


def test_the_secretary_is_asked_before_the_agenda_is_published(page, assert_accessible):
    _sign_in(page, SECRETARY)
    page.goto(COUNCIL)
    page.get_by_role("link", name="Призначити засідання").click()
    later = dt.date.today() + dt.timedelta(days=20)
    page.get_by_label("Дата й час").fill(f"{later.isoformat()}T10:00")
    page.get_by_label("Місце", exact=True).fill("Зала засідань, каб. 3")
    page.get_by_role("button", name="Зберегти").click()
    page.get_by_role("link", name="Додати питання порядку денного").click()
    topic = f"Підсумки громадського обговорення {uuid.uuid4().hex[:6]}"
    page.get_by_label("Назва").fill(topic)
    page.get_by_role("button", name="Зберегти").click()
    meeting_url = page.url.split("#")[0]
    expect(page.get_by_text("Чернетка: порядок денний ще не оприлюднено")).to_be_visible()
    _accessible_at_both_widths(page, assert_accessible)

    page.get_by_role("link", name="Оприлюднити порядок денний…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Оприлюднити порядок денний?")
    expect(page.get_by_text(re.compile("Оприлюднення не можна скасувати"))).to_be_visible()
    _accessible_at_both_widths(page, assert_accessible)
    page.get_by_role("link", name="Скасувати").click()  # changed their mind: nothing happened
    expect(page.get_by_text("Чернетка: порядок денний ще не оприлюднено")).to_be_visible()

    visitor = page.context.browser.new_context(base_url=page.url.split("/hromady/")[0])
    anonymous = visitor.new_page()
    assert anonymous.goto(meeting_url).status == 404  # still a draft nobody else sees

    page.get_by_role("link", name="Оприлюднити порядок денний…").click()
    page.get_by_role("button", name="Оприлюднити порядок денний").click()
    expect(page.get_by_text("Порядок денний оприлюднено.")).to_be_visible()
    expect(page.get_by_role("link", name="Оприлюднити порядок денний…")).to_have_count(0)
    _accessible_at_both_widths(page, assert_accessible)
    assert anonymous.goto(meeting_url).status == 200
    expect(anonymous.get_by_role("heading", level=3, name=re.compile(topic))).to_be_visible()
    visitor.close()
