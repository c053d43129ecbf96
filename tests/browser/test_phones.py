"""Phones first: no page scrolls sideways at 360, 390, 768 or 1280 px — anonymous and signed in
as each role, at the largest text size and in the high-contrast theme — with axe clean at 390 and
1280 px; the header is one line on a desktop and a menu button (no JavaScript needed) on a phone."""

import re

import pytest
from playwright.sync_api import expect

PASSWORD = "demo-hromada-2026"
WIDTHS = (360, 390, 768, 1280)
AXE_WIDTHS = (390, 1280)
PHONE_HEIGHT = 844

PLAN = "/hromady/khmelnytska/plans/2025-2026/"
COUNCIL = "/hromady/khmelnytska/council/"
# Pages found by following the first link of their kind (ids differ between demo runs).
FOUND = {
    "commitment": (PLAN, r"/commitments/\d+/$"),
    "person": (COUNCIL, r"/people/\d+/$"),
    "meeting": (COUNCIL, r"/meetings/\d+/$"),
    "call": ("/participation/", r"^/calls/\d+/$"),
    "consultation": ("/participation/", r"^/consultations/\d+/$"),
    "dataset": ("/data/", r"^/data/[a-z-]+/$"),
}
FIXED = {
    "home": "/",
    "home (en)": "/en/",
    "directory": "/hromady/",
    "hromada": "/hromady/khmelnytska/",
    "plans": "/plans/",
    "plan": PLAN,
    "plan (en)": "/en" + PLAN,
    "council": COUNCIL,
    "decisions": COUNCIL + "decisions/",
    "participation": "/participation/",
    "moderation log": "/moderation/",
    "data": "/data/",
    "api docs": "/api/v1/docs",
    "sign-in": "/accounts/login/",
}
# What each role opens besides the public pages it shares with everyone.
ROLES = {
    "resident": (
        "resident@demo.openhromada.org",
        ["call", "proposal", "consultation", "my", "profile"],
    ),
    "official": (
        "official@demo.openhromada.org",
        ["plan", "commitment", "proposal", "my", "notifications"],
    ),
    "secretary": (
        "council@demo.openhromada.org",
        ["council", "meeting", "person", "my"],
    ),
    "operator": (
        "operator@demo.openhromada.org",
        ["plans", "moderation queue", "data", "my"],
    ),
}
SIGNED_IN_ONLY = {
    "my": "/my/",
    "notifications": "/accounts/notifications/",
    "profile": "/accounts/profile/",
    "moderation queue": "/moderation/queue/",
}


def _first_link(page, url, pattern):
    page.goto(url)
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    found = [h for h in hrefs if re.search(pattern, h.split("?")[0].split("#")[0])]
    assert found, f"no link like {pattern} on {url}"
    return found[0].split("#")[0]


@pytest.fixture(scope="module")
def pages(browser, platform):
    """Every page the walk visits, by name."""
    context = browser.new_context(base_url=platform["url"])
    page = context.new_page()
    urls = dict(FIXED)
    for name, (source, pattern) in FOUND.items():
        urls[name] = _first_link(page, source, pattern)
    urls["proposal"] = _first_link(page, urls["call"], r"^/proposals/\d+/$")
    context.close()
    return {**urls, **SIGNED_IN_ONLY}


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^Електронна пошта")).fill(email)
    page.get_by_label(re.compile("^Пароль:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Увійти").last.click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def _widths(page):
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def _walk(page, urls, assert_accessible, widths=WIDTHS, axe_widths=AXE_WIDTHS):
    """Open each page once; at each width the document is no wider than the window."""
    too_wide = []
    for url in urls:
        page.set_viewport_size({"width": 1280, "height": PHONE_HEIGHT})
        response = page.goto(url)
        assert response.status == 200, url
        for width in widths:
            page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
            scroll, client = _widths(page)
            if scroll > client:
                too_wide.append(f"{url} at {width} px: {scroll} px wide")
            if width in axe_widths:
                assert_accessible(page)
    assert not too_wide, "\n".join(too_wide)


def _header_height(page):
    return page.evaluate("document.querySelector('header.site-header').offsetHeight")


def test_public_pages_fit_every_width_for_visitors(browser, platform, pages, assert_accessible):
    context = browser.new_context(base_url=platform["url"], locale="uk-UA")
    page = context.new_page()
    _walk(page, [pages[name] for name in pages if name not in SIGNED_IN_ONLY], assert_accessible)
    context.close()


@pytest.mark.parametrize("role", ROLES)
def test_pages_fit_every_width_when_signed_in(browser, platform, pages, assert_accessible, role):
    email, names = ROLES[role]
    context = browser.new_context(base_url=platform["url"], locale="uk-UA")
    page = context.new_page()
    _sign_in(page, email)
    _walk(page, [pages[name] for name in names], assert_accessible)
    # The header stays one line on a desktop, whatever the role adds to it ...
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(pages["plan"])
    assert _header_height(page) < 80, f"{role}: the header wraps at 1280 px"
    tops = page.evaluate(
        "[...document.querySelectorAll('.menu-panel > *')].map(e => e.getBoundingClientRect().top)"
    )
    assert max(tops) - min(tops) < 10, f"{role}: the header's groups sit on several rows"
    # ... and takes a small part of a phone's screen, its menu behind one button.
    page.set_viewport_size({"width": 390, "height": PHONE_HEIGHT})
    assert _header_height(page) < PHONE_HEIGHT * 0.1
    menu = page.get_by_role("navigation", name="Головне меню")
    expect(menu).to_be_hidden()
    page.locator("summary.menu-button").click()
    expect(menu).to_be_visible()
    assert _widths(page)[0] <= 390  # the open menu fits too
    context.close()


@pytest.mark.parametrize("prefs", ["xlarge.default", "normal.contrast", "xlarge.contrast"])
def test_largest_text_and_high_contrast_fit_a_small_phone(
    browser, platform, pages, assert_accessible, prefs
):
    context = browser.new_context(base_url=platform["url"], locale="uk-UA")
    context.add_cookies([{"name": "oh_prefs", "value": prefs, "url": platform["url"]}])
    page = context.new_page()
    names = ["home", "directory", "plans", "plan", "council", "decisions", "person", "data"]
    names += ["call", "consultation", "moderation log", "api docs"]
    axe = (360,) if prefs == "xlarge.contrast" else ()
    _walk(page, [pages[name] for name in names], assert_accessible, (360,), axe)
    page.goto("/")
    page.locator("summary.menu-button").click()
    page.locator("summary", has_text="Доступність").click()
    apply = page.get_by_role("button", name="Застосувати")
    apply.scroll_into_view_if_needed()
    box = apply.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # not clipped
    assert _widths(page)[0] <= 360
    context.close()


def _open(page, details: str, summary: str):
    """Open a disclosure unless it is open already."""
    if not page.locator(details).evaluate("d => d.open"):
        page.locator(summary).click()


def test_menu_and_accessibility_controls_work_without_javascript(browser, platform):
    context = browser.new_context(
        base_url=platform["url"],
        java_script_enabled=False,
        viewport={"width": 390, "height": PHONE_HEIGHT},
    )
    page = context.new_page()
    page.goto("/plans/")
    assert _header_height(page) < PHONE_HEIGHT * 0.1
    menu = page.get_by_role("navigation", name="Головне меню")
    expect(menu).to_be_hidden()
    page.get_by_text("Меню", exact=True).click()
    expect(menu).to_be_visible()
    # the text-size control says the size and stops at the ends
    page.locator("summary", has_text="Доступність").click()
    expect(page.get_by_role("group", name=re.compile(r"Розмір тексту: 100\s%"))).to_be_visible()
    page.get_by_role("button", name="A+ більший текст").click()
    # the press reloads the page at #a11y, where the controls are (opened if they were folded)
    _open(page, "details.site-menu", "summary.menu-button")
    _open(page, "details.a11y-menu", "details.a11y-menu > summary")
    expect(page.get_by_role("group", name=re.compile(r"Розмір тексту: 125\s%"))).to_be_visible()
    page.get_by_role("button", name="A+ більший текст").click()
    _open(page, "details.site-menu", "summary.menu-button")
    _open(page, "details.a11y-menu", "details.a11y-menu > summary")
    expect(page.get_by_role("group", name=re.compile(r"Розмір тексту: 150\s%"))).to_be_visible()
    expect(page.get_by_role("button", name="A+ більший текст")).to_be_disabled()
    expect(page.get_by_role("button", name="A− менший текст")).to_be_enabled()
    assert _widths(page)[0] <= 390
    page.get_by_role("navigation", name="Головне меню").get_by_role("link", name="Громади").click()
    expect(page).to_have_url(re.compile("/hromady/$"))
    # on a desktop the navigation is simply there, on one line
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.get_by_role("navigation", name="Головне меню")).to_be_visible()
    expect(page.locator("summary.menu-button")).to_be_hidden()
    context.close()


def test_favicon_and_logo(page, platform):
    response = page.request.get(platform["url"] + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] == "image/x-icon"
    page.goto("/")
    logo = page.locator(".brand img.logo")
    expect(logo).to_be_visible()
    assert page.evaluate("document.querySelector('.brand img.logo').naturalWidth") > 0
    expect(page.get_by_role("link", name="Відкрита громада")).to_be_visible()
