"""An official writes a plan and reports progress; a resident reads it — axe on every page."""

import re
import uuid

from playwright.sync_api import expect

OFFICIAL = "official.vinnytsia@demo.openhromada.org"
PASSWORD = "demo-hromada-2026"


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^Електронна пошта")).fill(email)
    page.get_by_label(re.compile("^Пароль:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Увійти").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мій кабінет")  # sign-in lands home


def test_official_writes_and_reports_a_plan_and_a_resident_reads_it(
    browser, platform, page, assert_accessible
):
    _sign_in(page, OFFICIAL)
    page.goto("/hromady/vinnytska/")
    page.get_by_role("link", name="Створити план дій").click()
    assert_accessible(page)
    title = f"План дій {uuid.uuid4().hex[:6]}"
    page.get_by_label("Назва").fill(title)
    page.get_by_label("Дата початку").fill("2023-01-01")
    page.get_by_label("Дата завершення").fill("2024-12-31")
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    page.get_by_role("link", name="Додати зобов’язання").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^Назва")).first.fill("Відкритий реєстр укриттів")
    page.get_by_label("Публічна проблема").fill("Мешканці не знають, де найближче укриття.")
    page.get_by_label("Мета й очікувані результати").fill("Реєстр укриттів у відкритих даних.")
    page.get_by_label("Відповідальний виконавець").fill("Департамент цивільного захисту")
    page.get_by_label("Дата початку").fill("2023-02-01")
    page.get_by_label("Дата завершення").fill("2024-06-30")
    page.get_by_label("Доступ до інформації").check()
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Відкритий реєстр укриттів")

    page.get_by_role("link", name="Додати етап").click()
    page.get_by_label("Очікуваний результат").fill("Перелік укриттів з адресами")
    page.get_by_label("Дата початку").fill("2023-02-01")
    page.get_by_label("Кінцевий строк").fill("2022-01-01")  # before the start: refused
    page.get_by_label("Відповідальний орган").fill("Департамент цивільного захисту")
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_text("Кінцевий строк раніший за дату початку.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Кінцевий строк").fill("2023-09-30")
    page.get_by_role("button", name="Зберегти").click()
    expect(page.get_by_role("heading", name=re.compile("Перелік укриттів"))).to_be_visible()

    page.get_by_role("link", name=re.compile("План дій 2023–2024")).click()
    for state in ("co_creation", "submitted", "implementation"):
        page.get_by_label("Перевести план у стан").select_option(state)
        page.get_by_role("button", name="Змінити статус…").click()  # asks first
        expect(page.get_by_role("heading", level=1)).to_have_text("Змінити статус плану?")
        page.get_by_role("button", name=re.compile("^Перевести план до статусу")).click()
        expect(page.get_by_text("Статус плану змінено.")).to_be_visible()
    page.get_by_role("link", name="Відкритий реєстр укриттів").click()
    page.get_by_role("link", name="Звітувати про виконання").click()
    assert_accessible(page)
    page.get_by_label("Що зроблено").fill("Реєстр опубліковано на порталі.")
    page.get_by_label("Новий статус").select_option("completed")
    page.get_by_label("Виконання, %").fill("100")
    page.get_by_label("Посилання на підтвердження").fill("https://example.org/shelters.csv")
    page.get_by_role("button", name="Оприлюднити звіт про виконання").click()
    expect(page.get_by_text("Звіт про виконання опубліковано.")).to_be_visible()

    resident = browser.new_context(base_url=platform["url"]).new_page()
    resident.goto(page.url)
    expect(resident.get_by_text("Реєстр опубліковано на порталі.", exact=True)).to_be_visible()
    # the commitment's completion (the monitoring section repeats it beside the assessment)
    expect(resident.get_by_text("Повне", exact=True).first).to_be_visible()
    assert_accessible(resident)
    commitment_url = page.url
    _sign_in(resident, "resident@demo.openhromada.org")
    resident.goto(commitment_url)
    resident.get_by_role("button", name="Стежити").click()
    expect(resident.get_by_text("Тепер ви стежите за цим")).to_be_visible()
    expect(resident.get_by_role("button", name="Ви стежите — припинити")).to_be_visible()
    assert_accessible(resident)
    resident.goto("/accounts/notifications/")
    assert_accessible(resident)
    resident.goto("/plans/?oblast=vinnytsia-oblast")
    expect(resident.get_by_role("link", name="Вінницька").first).to_be_visible()
    assert_accessible(resident)


def test_demo_plan_pages_are_accessible(page, assert_accessible):
    page.goto("/hromady/khmelnytska/plans/2025-2026/")
    expect(page.get_by_role("heading", name="Графік етапів")).to_be_visible()
    assert_accessible(page)
    page.goto("/en/hromady/khmelnytska/plans/2025-2026/commitments/1/")
    assert_accessible(page)
