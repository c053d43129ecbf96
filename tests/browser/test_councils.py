"""The council's secretary schedules a meeting, records attendance and a vote, publishes the
minutes; a resident reads the decisions register — axe on every council page."""

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from tests.browser.test_plans import _sign_in

SECRETARY = "council@demo.openhromada.org"
COUNCIL = "/hromady/khmelnytska/council/"


def test_secretary_records_a_meeting_and_a_resident_reads_the_register(
    browser, platform, page, assert_accessible
):
    _sign_in(page, SECRETARY)
    page.goto(COUNCIL)
    expect(page.get_by_role("heading", level=2, name="Члени ради")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Призначити засідання").click()
    assert_accessible(page)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page.get_by_label("Дата й час").fill(f"{yesterday.isoformat()}T10:00")
    page.get_by_label("Місце", exact=True).fill("Зала засідань, каб. 2")
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_text("Засідання збережено.")).to_be_visible()
    expect(page.get_by_text("Чернетка: порядок денний ще не оприлюднено")).to_be_visible()

    page.get_by_role("link", name="Додати питання порядку денного").click()
    topic = f"Звіт про виконання плану {uuid.uuid4().hex[:6]}"
    page.get_by_label("Назва").fill(topic)
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_role("heading", level=3, name=re.compile(topic))).to_be_visible()
    page.get_by_role("link", name="Оприлюднити порядок денний…").click()  # asks first
    page.get_by_role("button", name="Оприлюднити порядок денний").click()
    expect(page.get_by_text("Порядок денний оприлюднено.")).to_be_visible()
    expect(page.get_by_text(re.compile("менш ніж за 5 днів")).first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Зафіксувати присутність").click()
    assert_accessible(page)
    boxes = page.locator('input[name="present"]')
    members = boxes.count()
    for index in range(members - 1):  # one member was away
        boxes.nth(index).check()
    page.get_by_role("button", name="Зберегти присутність").click()
    expect(
        page.get_by_text(f"Присутність зафіксовано: присутні {members - 1} з {members} членів.")
    ).to_be_visible()
    expect(page.get_by_text("Засідання було правомочним.")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Зафіксувати рішення")).click()
    assert_accessible(page)
    decision = f"Схвалити звіт {uuid.uuid4().hex[:6]}"
    page.get_by_label("Пропозиція").fill(decision)
    page.get_by_label("Результат").select_option("adopted")
    page.get_by_label("Тема").select_option("action_plan")
    page.get_by_label("підсумками").check()
    page.get_by_label("За", exact=True).fill(str(members))  # more votes than members present
    page.get_by_role("button", name="Зберегти рішення").click()
    expect(
        page.get_by_text(f"Зафіксовано {members} голосів, але присутні лише {members - 1} членів.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("За", exact=True).fill(str(members - 2))
    page.get_by_label("Утрималися", exact=True).fill("1")
    page.get_by_role("button", name="Зберегти рішення").click()
    expect(page.get_by_text("Рішення зафіксовано.")).to_be_visible()

    page.get_by_role("link", name="Оприлюднити протокол").click()
    page.get_by_label("Протокол", exact=True).fill("Звіт схвалено. Протокол засідання.")
    page.get_by_role("button", name="Оприлюднити протокол").click()
    expect(page.get_by_text("Протокол оприлюднено.")).to_be_visible()
    meeting_url = page.url

    resident = browser.new_context(base_url=platform["url"]).new_page()
    resident.goto(COUNCIL + "decisions/")
    assert_accessible(resident)
    resident.get_by_label("Пошук").fill(decision)
    resident.get_by_role("button", name="Показати").click()
    expect(resident.get_by_text("Знайдено 1 рішення")).to_be_visible()
    resident.get_by_role("link", name=decision).click()
    expect(resident.get_by_text("Звіт схвалено. Протокол засідання.", exact=True)).to_be_visible()
    expect(resident.get_by_role("heading", level=4, name="Рішення: ухвалено")).to_be_visible()
    assert resident.url.split("#")[0] == meeting_url.split("#")[0]
    assert_accessible(resident)
    resident.goto(COUNCIL)
    resident.get_by_role("link", name="Марія Савчук").click()
    expect(resident.get_by_role("heading", name="Як голосував")).to_be_visible()
    assert_accessible(resident)


def test_demo_council_pages_are_accessible_in_english(page, assert_accessible):
    page.goto("/en" + COUNCIL)
    expect(page.get_by_role("heading", name="Decisions register")).to_have_count(0)
    assert_accessible(page)
    page.goto("/en" + COUNCIL + "meetings/2/")
    expect(page.get_by_role("heading", name="How each member voted")).to_have_count(0)
    assert_accessible(page)
    page.goto("/en" + COUNCIL + "decisions/?topic=action_plan")
    expect(page.get_by_text(re.compile(r"^\d+ decisions? found$"))).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile("^Схвалити план дій OGP Local"))
    ).to_be_visible()
    assert_accessible(page)
