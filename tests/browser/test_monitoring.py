"""Independent monitoring through the browser, the whole way: the city completes its plan, the
network's coordinator assigns the demo monitor to it, the monitor assesses a commitment (a draft,
then submitted), compiles the results report and sends it to the hromada, the hromada's official
replies, the monitor publishes — and a resident, signed out, sees the city's report and the
independent assessment side by side on the commitment page, their disagreement flagged.

Each new monitoring page on the way is checked on a phone (390 px) and a desktop (1280 px): axe
finds nothing serious or critical, and nothing scrolls sideways at 360 or 390 px. Texts the test
looks for come from the catalogue (`_t`), as the server shows them in Ukrainian."""

import re

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from openhromada.monitoring.lifecycle import Completion
from openhromada.plans.lifecycle import PlanStatus
from tests.browser.test_plans import _sign_in

MONITOR = "monitor@demo.openhromada.org"
COORDINATOR = "coordinator@demo.openhromada.org"
OFFICIAL = "official.ternopil@demo.openhromada.org"
NETWORK = "/monitoring/networks/e-democracy-monitoring-network/"
PLAN = "/hromady/ternopilska/plans/2025-2026/"
COMMITMENT = PLAN + "commitments/1/"

PHONE, DESKTOP = 390, 1280
NARROW = (360, 390)


def _t(msgid: str, **values) -> str:
    """The Ukrainian text of a message, as the pages show it."""
    with translation.override("uk"):
        text = gettext(msgid)
    return text % values if values else text


def _uk(lazy) -> str:
    """A lazily translated text (a choice's label) in Ukrainian."""
    with translation.override("uk"):
        return str(lazy)


def _checked(page, assert_accessible) -> None:
    """The page as a phone and a desktop show it: axe clean, no sideways scroll on a phone."""
    for width in (*NARROW, DESKTOP):
        page.set_viewport_size({"width": width, "height": 900})
        if width in NARROW:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{page.url} is {scroll} px wide at {width} px"
        if width in (PHONE, DESKTOP):
            assert_accessible(page)
    page.set_viewport_size({"width": PHONE, "height": 844})


def _switch(page, email: str) -> None:
    page.context.clear_cookies()
    _sign_in(page, email)


def _notice(page, msgid: str) -> None:
    expect(page.get_by_text(_t(msgid)).first).to_be_visible()


def test_monitoring_from_the_assignment_to_the_side_by_side_view(page, assert_accessible):
    page.set_viewport_size({"width": PHONE, "height": 844})

    # The city completes its plan: its results can be assessed.
    _sign_in(page, OFFICIAL)
    page.goto(PLAN + "status/?to=completed")
    page.get_by_role(
        "button",
        name=_t("Move the plan to “%(to)s”", to=_uk(PlanStatus.COMPLETED.label)),
    ).click()
    _notice(page, "The plan's status was changed.")

    # The coordinator assigns the demo monitor to it.
    _switch(page, COORDINATOR)
    _checked(page, assert_accessible)  # the coordinator's home
    page.goto(NETWORK)
    _checked(page, assert_accessible)
    page.get_by_role("link", name=_t("Assign a monitor")).first.click()
    _checked(page, assert_accessible)
    region = page.locator("select[name=oblast] option", has_text="Тернопіл").first
    page.locator("select[name=oblast]").select_option(region.get_attribute("value"))
    page.get_by_role("button", name=_t("Show")).click()
    page.locator("select[name=monitor]").select_option(label="Моніторка мережі (демо)")
    plan_choice = page.locator("select[name=plan] option", has_text="Тернопіл").first
    page.locator("select[name=plan]").select_option(plan_choice.get_attribute("value"))
    page.locator("textarea[name=declaration]").fill(
        "Не працюю в Тернопільській міській раді й не маю там родичів."
    )
    page.get_by_role("button", name=_t("Assign"), exact=True).click()
    _notice(page, "The monitor is assigned to the plan.")
    page.goto("/my/")
    assigned = page.locator("#network-assignments").get_by_role("listitem")
    expect(assigned.filter(has_text="Тернопіл")).to_have_count(1)

    # The monitor finds the assessment due on their home and assesses the commitment.
    _switch(page, MONITOR)
    due = page.locator("#assessments-due").get_by_role("listitem").filter(has_text="Тернопіл")
    expect(due.get_by_role("link", name=re.compile(r"^1\. "))).to_have_count(1)
    _checked(page, assert_accessible)  # the monitor's home
    due.get_by_role("link", name=re.compile(r"^1\. ")).click()  # the results are due
    expect(page).to_have_url(re.compile(r"/assignments/\d+/results/\?commitment=1$"))
    _checked(page, assert_accessible)
    page.locator("input[name=verifiable][value=yes]").check()
    page.locator("input[name=lens_transparency]").check()
    page.locator("input[name=potential][value=modest]").check()
    # "no evidence available" is below every step of the city's scale: the two disagree
    page.locator(f"input[name=completion][value={Completion.NO_EVIDENCE}]").check()
    page.locator("input[name=opened_government][value=no_change]").check()
    page.locator("textarea[name=narrative]").fill(
        "Підтверджень не знайшли: реєстр відкритих даних не оновлюється з весни, а обіцяний "
        "портал не запрацював."
    )
    page.locator("textarea[name=links]").fill("https://data.gov.ua/")
    page.locator("button[name=action][value=save]").click()
    _notice(page, "The draft assessment is saved.")
    expect(page).to_have_url(re.compile(r"/monitoring/assignments/\d+/$"))
    _checked(page, assert_accessible)  # the monitor's workspace
    page.get_by_role("link", name=re.compile("^" + re.escape(_t("Continue the draft")))).click()
    page.locator("button[name=action][value=submit]").click()
    _checked(page, assert_accessible)  # the question before submitting
    page.get_by_role("button", name=_t("Submit the assessment")).click()
    _notice(page, "The assessment is submitted.")

    # ... compiles the results report, writes its summary and sends it to the hromada.
    page.locator("#reports form:has(input[name=kind][value=results]) button").click()
    expect(page).to_have_url(re.compile(r"/monitoring/reports/\d+/$"))
    report = page.url
    _checked(page, assert_accessible)  # the draft report
    page.locator("textarea[name=summary]").fill("Місто звітує більше, ніж зроблено.")
    page.locator("textarea[name=recommendations]").fill("Оновлювати реєстр щомісяця.")
    page.locator("input[name=reply_days]").fill("10")
    page.locator("form[action$='/edit/'] button[type=submit]").click()
    _notice(page, "The report was saved.")
    page.get_by_role(
        "link", name=re.compile(re.escape(_t("Send to the hromada for its reply")))
    ).click()
    _checked(page, assert_accessible)
    page.get_by_role("button", name=_t("Send for the reply")).click()
    _notice(page, "The report was sent to the hromada for its reply.")

    # The hromada's official finds it on their home and replies to the finding.
    _switch(page, OFFICIAL)
    waiting = page.locator("#reports-awaiting-reply")
    expect(waiting.get_by_role("listitem")).to_have_count(1)
    _checked(page, assert_accessible)  # the official's home
    waiting.get_by_role("link", name=_t("Read and reply")).click()
    expect(page).to_have_url(report)
    _checked(page, assert_accessible)  # the report in its reply period
    finding_reply = page.locator("textarea[id^=reply-assessment-]").first
    finding_reply.fill("Портал запущено в тестовому режимі; реєстр оновимо до кінця року.")
    finding_reply.locator("xpath=ancestor::form").get_by_role("button").click()
    _notice(page, "Your reply was saved.")

    # The monitor sees the reply on their home and publishes the report (every finding replied).
    _switch(page, MONITOR)
    replies = page.locator("#replies-received")
    expect(replies.get_by_text("Портал запущено в тестовому режимі", exact=False)).to_be_visible()
    replies.get_by_role("link").first.click()
    page.get_by_role("link", name=re.compile(re.escape(_t("Publish the report")))).click()
    _checked(page, assert_accessible)
    page.get_by_role("button", name=_t("Publish the report")).click()
    _notice(page, "The report is published.")
    _checked(page, assert_accessible)  # the published report

    # A resident, signed out, sees both sides on the commitment page, the disagreement flagged.
    page.context.clear_cookies()
    page.goto(COMMITMENT)
    section = page.locator("#monitoring")
    expect(
        section.get_by_text(_t("The city's report and the independent assessment disagree."))
    ).to_be_visible()
    expect(section.get_by_role("heading", name=_t("The city's own report"))).to_be_visible()
    expect(section.get_by_role("heading", name=_t("The independent assessment"))).to_be_visible()
    expect(section.get_by_text("Портал запущено в тестовому режимі", exact=False)).to_be_visible()
    _checked(page, assert_accessible)
    page.goto(report)
    expect(page.locator("#summary + div")).to_have_text("Місто звітує більше, ніж зроблено.")
    _checked(page, assert_accessible)
    # ... and the national comparison, open to everyone, is as accessible.
    page.goto("/monitoring/comparison/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _checked(page, assert_accessible)
