"""Browser tests: the real platform under gunicorn (demo data, its own database), driven by
Debian's Chromium through Playwright, with axe-core checking every page."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            if not os.path.exists(CHROMIUM):
                item.add_marker(pytest.mark.skip(reason="needs Debian's chromium at /usr/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url(tmp: Path) -> str:
    """A database of the browser tests' own, on the same engine as the rest of the run."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'browser.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_browser"
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    """Set up demo data, start `openhromada serve`, yield its base URL and mail folder."""
    tmp = tmp_path_factory.mktemp("platform")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "OPENHROMADA_VAR_DIR": str(tmp),
            "DATABASE_URL": _database_url(tmp),
            "EMAIL_URL": f"filemail://{tmp / 'mail'}",
            "CI": "true",
        }
    )
    env.pop("REDIS_URL", None)
    subprocess.run(
        [sys.executable, "-m", "openhromada", "demo", "--no-serve", "--quiet"],
        env={**env, "OPENHROMADA_ENV": "development"},
        check=True,
        timeout=600,
    )
    env.update(
        {
            "OPENHROMADA_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "SECURE_COOKIES": "0",
            "LOGIN_FAILED_RATE": "100/m/ip,50/5m/key",
        }
    )
    log = open(tmp / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [sys.executable, "-m", "openhromada", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            if server.poll() is not None:
                raise RuntimeError((tmp / "server.log").read_text()) from None
            time.sleep(0.5)
    yield {"url": base, "mail": tmp / "mail"}
    server.terminate()
    server.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, platform):
    context = browser.new_context(base_url=platform["url"], locale="uk-UA")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page; fail on any serious or critical violation."""

    def check(page):
        results = axe.run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        report = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in bad
        ]
        assert not bad, f"{page.url}:\n" + "\n".join(report)

    return check
