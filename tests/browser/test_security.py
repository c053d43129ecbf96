"""Pages and the API docs work in Chromium under the Content-Security-Policy: nothing is blocked
(no violation reported), the JSON-LD is there, Swagger UI renders from our own static files."""

import pytest

PAGES = [
    "/",
    "/hromady/khmelnytska/",
    "/hromady/khmelnytska/council/",
    "/plans/",
    "/participation/",
    "/data/",
    "/accounts/login/",
]


def _watch(page) -> list[str]:
    """Collects CSP violations: the page's own events and the console's reports."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + "
        "e.blockedURI))"
    )
    return violations


@pytest.mark.parametrize("path", PAGES)
def test_pages_run_without_csp_violations(page, path, assert_accessible):
    violations = _watch(page)
    response = page.goto(path)
    assert response.status == 200
    csp = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in csp
    page.wait_for_load_state("load")
    assert_accessible(page)  # axe-core is injected by page.evaluate, which CSP does not block
    assert violations == []


def test_api_docs_render_under_the_policy(page):
    violations = _watch(page)
    page.goto("/api/v1/docs/interactive")  # the console; the reference needs no script
    page.get_by_text("Report progress on a milestone").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert violations == []
