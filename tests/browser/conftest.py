"""Browser tests: the real platform under gunicorn (demo data, its own database), driven by
Debian's Chromium through Playwright, with axe-core checking every page."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
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


# Starting takes minutes on a loaded 2-core machine (demo data, compressing the static files,
# gunicorn); the wait ends when real pages answer, or fails loudly — never silently.
SERVER_DEADLINE = 900
READY_PAGES = ("/", "/hromady/khmelnytska/council/")  # templates, database and demo data
GUNICORN = ["--workers", "2", "--threads", "4", "--timeout", "120"]


def _listening_socket() -> socket.socket:
    """The server's socket, opened here and handed to gunicorn: the port cannot be taken by
    anything else while the server starts, and while this session holds it open a connection
    waits in the queue (even while a worker restarts) instead of being refused."""
    return socket.create_server(("127.0.0.1", 0), backlog=2048)


def _server_failed(server, log: Path, why: str) -> RuntimeError:
    return RuntimeError(f"{why} (exit code {server.poll()}); server log:\n{log.read_text()}")


def _wait_until_serving(base: str, server, log: Path) -> None:
    deadline = time.monotonic() + SERVER_DEADLINE
    pending = list(READY_PAGES)
    while pending:
        if server.poll() is not None:
            raise _server_failed(server, log, "the server exited while starting")
        if time.monotonic() > deadline:
            raise _server_failed(server, log, f"no answer within {SERVER_DEADLINE} s")
        try:
            with urllib.request.urlopen(base + pending[0], timeout=60) as response:
                assert response.status == 200
            pending.pop(0)
        except urllib.error.HTTPError as error:  # it answers, wrongly: waiting will not help
            raise _server_failed(server, log, f"{pending[0]} answered {error.code}") from error
        except OSError:  # not answering yet (the connection waits in the socket's queue)
            time.sleep(0.5)


def _platform_env(tmp: Path) -> dict[str, str]:
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
    return env


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    """Set up demo data, start `openhromada serve`, yield its base URL and mail folder."""
    tmp = tmp_path_factory.mktemp("platform")
    env = _platform_env(tmp)
    production = {
        **env,
        "OPENHROMADA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "SECURE_COOKIES": "0",
        "LOGIN_FAILED_RATE": "100/m/ip,50/5m/key",
    }
    openhromada = [sys.executable, "-m", "openhromada"]
    # Static files are collected (and compressed) while the demo data is written: both take
    # a while, and they touch different things.
    static = subprocess.Popen([*openhromada, "collectstatic", "--noinput", "-v0"], env=production)
    subprocess.run(
        [*openhromada, "demo", "--no-serve", "--quiet"],
        env={**env, "OPENHROMADA_ENV": "development"},
        check=True,
        timeout=SERVER_DEADLINE,
    )
    assert static.wait(timeout=SERVER_DEADLINE) == 0, "collectstatic failed"
    listener = _listening_socket()
    log_path = tmp / "server.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [*openhromada, "serve", "--no-collectstatic", "--fd", str(listener.fileno()), *GUNICORN],
        env=production,
        stdout=log,
        stderr=subprocess.STDOUT,
        pass_fds=[listener.fileno()],
    )
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    _wait_until_serving(base, server, log_path)
    yield {"url": base, "mail": tmp / "mail", "server": server, "log": log_path}
    server.terminate()
    server.wait(timeout=30)
    log.close()
    listener.close()


@pytest.fixture(scope="session")
def browser():
    # Imported here so that runs without the browser tests do not need Playwright.
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait for the page up to this long (Playwright's 5 s is short on a loaded
    # machine, where one form submission can take several seconds); passing runs never wait.
    expect.set_options(timeout=20_000)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, platform):
    if platform["server"].poll() is not None:  # fail at once, with the reason, not by timeouts
        raise _server_failed(platform["server"], platform["log"], "the server has exited")
    context = browser.new_context(base_url=platform["url"], locale="uk-UA")
    # Generous on a loaded machine; a passing run never waits for them.
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
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
