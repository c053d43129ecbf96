"""Co-creation in the browser: a resident submits a proposal, another supports and comments,
the official answers it and it appears on the commitment page; an official runs a consultation
to its summary report — axe on every page."""

import datetime as dt
import re
import uuid

from playwright.sync_api import expect

from tests.browser.test_plans import _sign_in

RESIDENT = "resident@demo.openhromada.org"
NEIGHBOUR = "maria.demo@demo.openhromada.org"
VINNYTSIA_OFFICIAL = "official.vinnytsia@demo.openhromada.org"
TERNOPIL_OFFICIAL = "official.ternopil@demo.openhromada.org"


def _switch(page, email):
    page.context.clear_cookies()
    _sign_in(page, email)


def test_proposal_from_submission_to_the_commitment_page(
    browser, platform, page, assert_accessible
):
    _sign_in(page, RESIDENT)
    page.goto("/hromady/vinnytska/")
    page.get_by_role("link", name="Ваші ідеї до плану дій Вінницької громади").click()
    expect(page.get_by_role("heading", level=2, name="Пропозиції")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Подати пропозицію").click()
    assert_accessible(page)
    title = f"Лічильник відбудови {uuid.uuid4().hex[:6]}"
    page.get_by_label("Назва").fill(title)
    page.get_by_label("Проблема").fill("Ніхто не бачить, скільки вже відбудовано.")
    page.get_by_label("Запропоноване рішення").fill("Лічильник об’єктів на **головній** сторінці.")
    page.get_by_label("Категорія").select_option(label="Публічна підзвітність")
    page.get_by_role("button", name="Подати пропозицію").click()
    expect(page.get_by_text("Вашу пропозицію подано.")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    assert_accessible(page)
    proposal_url = page.url

    _switch(page, NEIGHBOUR)
    page.goto(proposal_url)
    page.get_by_role("button", name="Підтримати").click()
    expect(page.get_by_text("Ви підтримуєте цю пропозицію.")).to_be_visible()
    expect(page.get_by_text("1 підтримка")).to_be_visible()
    page.get_by_label("Ваш коментар").fill("Так, і з фото *до і після*.")
    page.get_by_role("button", name="Опублікувати коментар").click()
    expect(page.get_by_text("Ваш коментар опубліковано.")).to_be_visible()
    expect(page.locator("article.comment em", has_text="до і після")).to_be_visible()
    assert_accessible(page)

    _switch(page, VINNYTSIA_OFFICIAL)
    page.goto(proposal_url)
    page.get_by_role("link", name="Відповісти").click()
    assert_accessible(page)
    page.get_by_label("прийнято", exact=True).check()
    page.get_by_label("Причина").fill("Лічильник додано до зобов’язання 1.")
    page.get_by_role("button", name="Оприлюднити відповідь").click()
    expect(page.get_by_text(re.compile("вкажіть зобов’язання"))).to_be_visible()  # refused
    page.get_by_label(re.compile("Громадський контроль за відбудовою")).check()
    page.get_by_role("button", name="Оприлюднити відповідь").click()
    expect(page.get_by_text("Відповідь оприлюднено.")).to_be_visible()
    expect(page.get_by_role("heading", name="Відповідь громади")).to_be_visible()

    page.context.clear_cookies()
    response = page.get_by_role("region", name="Відповідь громади")  # the history links it too
    response.get_by_role("link", name=re.compile("Громадський контроль за відбудовою")).click()
    section = page.get_by_role("region", name="Пропозиції мешканців, з яких воно виникло")
    expect(section.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)
    page.goto("/")
    page.get_by_role("navigation", name="Головне меню").get_by_role(
        "link", name="Долучайтеся"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Долучайтеся")).to_be_visible()
    assert_accessible(page)
    for path in ("/en/participation/", "/en" + proposal_url.split(platform["url"])[1]):
        page.goto(path)
        assert_accessible(page)


def _local(delta_minutes: int) -> str:
    kyiv = dt.timezone(dt.timedelta(hours=2))  # Europe/Kyiv in winter
    return (dt.datetime.now(kyiv) + dt.timedelta(minutes=delta_minutes)).strftime("%Y-%m-%dT%H:%M")


def test_consultation_with_survey_to_its_report(browser, platform, page, assert_accessible):
    _sign_in(page, TERNOPIL_OFFICIAL)
    page.goto("/hromady/ternopilska/")
    page.get_by_role("link", name="Підготувати громадське обговорення").click()
    assert_accessible(page)
    title = f"Проєкт правил благоустрою {uuid.uuid4().hex[:6]}"
    page.get_by_label("Назва").fill(title)
    page.get_by_label("Опис").fill("Обговорюємо правила благоустрою.")
    page.get_by_label("Відкривається").fill(_local(-5))
    page.get_by_label("Закривається").fill(_local(60 * 24 * 14))
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_text("Чернетку консультації збережено")).to_be_visible()
    page.get_by_role("link", name="Додати розділ").click()
    page.get_by_label("Назва").fill("Озеленення")
    page.get_by_label("Текст").fill("Кожна вулиця має бути озеленена.")
    page.get_by_role("button", name="Зберегти").click()
    page.get_by_role("link", name="Додати запитання опитування").click()
    page.get_by_label("Запитання").fill("Чи підтримуєте правила?")
    page.get_by_label("Тип").select_option("single")
    page.get_by_label("Варіанти").fill("Так\nНі")
    page.get_by_role("button", name="Зберегти").click()
    page.get_by_role("link", name="Оприлюднити…").click()  # asks first
    page.get_by_role("button", name="Оприлюднити обговорення").click()
    expect(page.get_by_text("Консультацію оприлюднено.")).to_be_visible()
    assert_accessible(page)
    consultation_url = page.url

    _switch(page, RESIDENT)
    page.goto(consultation_url)
    page.get_by_label("Ваш коментар").fill("Додайте полив дерев улітку.")
    page.get_by_role("button", name="Опублікувати коментар").click()
    expect(page.get_by_text("Ваш коментар опубліковано.")).to_be_visible()
    page.get_by_label("Так", exact=True).check()
    page.get_by_role("button", name="Надіслати відповіді").click()
    expect(page.get_by_text("Дякуємо: ваші відповіді збережено.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Так 1 100%"))).to_be_visible()
    assert_accessible(page)

    _switch(page, TERNOPIL_OFFICIAL)
    page.goto(consultation_url)
    page.get_by_role("link", name="Закрити достроково").click()
    page.get_by_label("Чому закривається достроково").fill("Зібрали достатньо думок.")
    page.get_by_role("button", name="Закрити обговорення").click()
    page.get_by_role("link", name="Підсумковий звіт").click()
    page.get_by_label("Підсумковий звіт").fill("Надійшов 1 коментар; його враховано.")
    page.get_by_role("button", name="Оприлюднити звіт").click()
    expect(page.get_by_text(re.compile("1 коментар досі без результату розгляду"))).to_be_visible()
    page.goto(consultation_url + "report/")
    page.get_by_role("link", name="вказати результат").click()
    assert_accessible(page)
    page.get_by_label("Результат розгляду").select_option("taken")
    page.get_by_label("Причина").fill("Полив додано до розділу 1.")
    page.get_by_role("button", name="Зберегти").click()
    page.goto(consultation_url)
    page.get_by_role("link", name="Підсумковий звіт").click()
    page.get_by_label("Підсумковий звіт").fill("Надійшов 1 коментар; його враховано.")
    page.get_by_role("button", name="Оприлюднити звіт").click()
    expect(page.get_by_text("Підсумковий звіт оприлюднено.")).to_be_visible()

    page.context.clear_cookies()
    page.reload()
    expect(page.get_by_text("Надійшов 1 коментар; його враховано.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Додайте полив дерев"))
    expect(row).to_contain_text("Враховано")
    expect(row).to_contain_text("Полив додано до розділу 1.")
    assert_accessible(page)
