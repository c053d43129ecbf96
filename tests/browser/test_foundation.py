"""What a person does first: read in Ukrainian or English, find a hromada, register, adjust the
page to their eyes — each page checked by axe-core."""

import re
from pathlib import Path

from playwright.sync_api import expect


def test_home_in_ukrainian_then_english(page, assert_accessible):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Відкрита громада")
    assert_accessible(page)
    page.get_by_role("link", name="In English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Hromada")
    assert_accessible(page)


def test_directory_filter_and_hromada_page(page, assert_accessible):
    page.goto("/hromady/")
    assert_accessible(page)
    page.get_by_label("Область").select_option(label="Хмельницька область")
    page.get_by_label("Тип").select_option("urban")
    page.get_by_role("button", name="Показати").click()
    expect(page).to_have_url(re.compile(r"oblast=khmelnytskyi-oblast"))
    page.get_by_role("link", name="Хмельницька", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Хмельницька міська територіальна громада"
    )
    expect(page.get_by_text("UA68040470000053519", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Останні зміни")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Уся історія змін \(\d+\)$"))).to_be_visible()
    assert_accessible(page)


def test_directory_search_in_english_and_bad_filter(page, assert_accessible):
    page.goto("/en/hromady/?oblast=atlantis")
    expect(page.get_by_role("alert")).to_contain_text("Unknown oblast")
    page.get_by_label("Name").fill("Zviahel")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("link", name="Zviahelska")).to_be_visible()
    assert_accessible(page)


def test_unknown_hromada_is_a_friendly_404(page, assert_accessible):
    response = page.goto("/hromady/atlantida/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Сторінку не знайдено")
    assert_accessible(page)


def _latest_link(mail_dir: Path, address: str) -> str:
    for message in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True):
        text = message.read_text()
        if address in text:
            return re.search(r"https?://\S+/accounts/confirm-email/\S+", text).group(0)
    raise AssertionError(f"no e-mail to {address}")


def test_register_confirm_and_sign_in(page, platform, assert_accessible):
    email = f"browser-{re.sub(r'[^0-9]', '', str(id(page)))}@example.org"
    password = "Kalyna-u-Hromadi-2026"
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label(re.compile("^Публічне ім’я")).fill("Калина К.")
    page.get_by_label(re.compile("^Електронна пошта")).fill(email)
    page.get_by_label(re.compile("^Пароль:?$")).fill(password)
    page.get_by_label(re.compile(r"^Пароль \(ще раз\)")).fill(password)
    page.get_by_role("button", name="Зареєструватися").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Підтвердьте")
    assert_accessible(page)
    page.goto(_latest_link(platform["mail"], email))
    assert_accessible(page)
    page.get_by_role("button", name="Підтвердити").click()
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ваш профіль")
    assert_accessible(page)
    page.get_by_role("button", name="Вийти").click()
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^Електронна пошта")).fill(email)
    page.get_by_label(re.compile("^Пароль:?$")).fill(password)
    page.get_by_role("button", name="Увійти").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мій кабінет")


def _open_accessibility(page):
    """Open «Доступність» unless it is open already."""
    if not page.locator("details.a11y-menu").evaluate("d => d.open"):
        page.locator("summary", has_text="Доступність").click()


def test_accessibility_controls_change_the_page_without_javascript(
    browser, platform, assert_accessible
):
    context = browser.new_context(base_url=platform["url"], java_script_enabled=False)
    page = context.new_page()
    page.goto("/hromady/khmelnytska/")
    size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    _open_accessibility(page)  # the controls fold into one disclosure
    page.get_by_role("button", name="A+ більший текст").click()
    expect(page.locator("html")).to_have_class(re.compile("text-large"))
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") != size
    for theme in ("contrast", "dark", "sepia"):
        _open_accessibility(page)  # (the page comes back at #a11y; Chromium opens it there)
        page.get_by_label("Кольори").select_option(theme)
        page.get_by_role("button", name="Застосувати").click()
        expect(page.locator("html")).to_have_class(re.compile(f"theme-{theme}"))
    page.goto("/hromady/")  # the choice persists across pages
    expect(page.locator("html")).to_have_class(re.compile("text-large theme-sepia"))
    context.close()


def test_every_colour_theme_passes_axe(browser, platform, assert_accessible):
    for theme in ("default", "contrast", "dark", "sepia"):
        context = browser.new_context(base_url=platform["url"])
        context.add_cookies(
            [{"name": "oh_prefs", "value": f"normal.{theme}", "url": platform["url"]}]
        )
        page = context.new_page()
        for url in ("/", "/hromady/", "/hromady/khmelnytska/"):
            page.goto(url)
            expect(page.locator("html")).to_have_class(re.compile(f"theme-{theme}"))
            assert_accessible(page)
        context.close()


def test_skip_link_is_the_first_stop_and_focus_is_visible(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Перейти до основного вмісту" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
